from .circular_b import B
A = 1
