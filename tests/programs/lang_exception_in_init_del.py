class Fragile:
    def __init__(self, ok):
        if not ok:
            raise ValueError("construction failed")
        self.ok = ok


try:
    Fragile(False)
except ValueError as e:
    print(e)
f = Fragile(True)
print(f.ok)


class Resource:
    count = 0

    def __init__(self):
        Resource.count += 1

    def __del__(self):
        Resource.count -= 1
        print("released")


r = Resource()
print(Resource.count)
del r
print(Resource.count)
