import sys
print(sys.breakpointhook is sys.__breakpointhook__)
def hook(*a, **k):
    print("hook", a, k)
    return 7
sys.breakpointhook = hook
print(breakpoint(1, x=2))
