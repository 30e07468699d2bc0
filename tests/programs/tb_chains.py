# A chained, uncaught exception: the whole report is compared.
def parse(s):
    return int(s) + 0


def load(items):
    out = {}
    for k in items:
        try:
            out[k] = parse(k)
        except ValueError as e:
            raise KeyError(k) from e
    return out


def main():
    try:
        load(["1", "x"])
    except KeyError:
        values = [1, 2]
        return values[0] / (values[1] - 2)


main()
