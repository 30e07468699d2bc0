# float/int interplay that needs big ints
1e19 < 2**64
float(2**53 + 1)
(0.5).as_integer_ratio()
(-0.25).as_integer_ratio()
(1e30).as_integer_ratio()
(5e-324).as_integer_ratio()
float('inf').as_integer_ratio()
float('nan').as_integer_ratio()
type('B', (int,), {})(5)
isinstance(type('D', (int,), {})(3), int)
