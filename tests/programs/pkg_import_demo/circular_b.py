from .circular_a import A
B = 2
