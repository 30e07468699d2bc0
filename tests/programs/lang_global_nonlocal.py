counter = 0


def bump():
    global counter
    counter += 1


for _ in range(3):
    bump()
print(counter)


def make():
    value = []

    def add(x):
        value.append(x)
        return len(value)

    def reset():
        nonlocal value
        value = []

    return add, reset, lambda: value


add, reset, get = make()
add(1)
add(2)
print(get())
reset()
print(get(), add(5), get())


def define_global():
    global late
    late = "defined"


define_global()
print(late)


def shadow():
    counter = "local"
    return counter


print(shadow(), counter)


def outer():
    a = 1

    def mid():
        b = 2

        def inner():
            nonlocal a
            a += b
            return a

        return inner

    f = mid()
    f()
    return a


print(outer())
