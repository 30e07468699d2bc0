def deep(n):
    if n == 0:
        raise KeyboardInterrupt
    return deep(n - 1)


try:
    deep(5)
except KeyboardInterrupt:
    print("interrupted")
except Exception:
    print("not reached: KeyboardInterrupt is not an Exception")
print(issubclass(KeyboardInterrupt, BaseException), issubclass(KeyboardInterrupt, Exception))
deep(2)
