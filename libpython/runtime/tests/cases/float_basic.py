# float: repr, arithmetic, comparison with int, hashing, methods, formatting
0.1
1.5
-0.0
1e16
1e15
1e-5
0.0001
5e-324
1.7976931348623157e308
1e308 * 10
-1e308 * 10
2.5e-7
100.0
123456789.125
0.1 + 0.2
1.0 / 3
2.0 ** 0.5
(-8.0) ** 3
2.0 ** -1
0.0 ** -1
0.0 ** 0
2.0 ** 10000.0
(-1.0) ** 1e300
10.0 // 3
-10.0 // 3
10.0 // -3
10.0 % 3
-10.0 % 3
10.0 % -3
-0.0 % 3
1.0 % 0
1.0 // 0.0
divmod(7.5, 2)
divmod(-7.5, 2)
divmod(7.5, -2)
divmod(1.0, 0)
5 / 2.0
7 // 2.0
2 ** 0.5
3 % 2.5
1.0 == 1
1.5 > 1
float('  -1.5e3  ')
float('1_000.5')
float('1__0')
float('infinity')
float('-nan')
float('0x10')
float(' ')
float(3)
float(True)
hash(1.5)
hash(-0.5)
hash(2.0) == hash(2)
hash(1e100)
hash(float('inf'))
hash(-1.0)
(1.5).is_integer()
(2.0).is_integer()
(1.5).hex()
(-0.1).hex()
(0.0).hex()
(-0.0).hex()
(5e-324).hex()
(1.7976931348623157e308).hex()
float.fromhex('0x1.8p1')
float.fromhex('-0x1p-1074')
float.fromhex('0x1.ffffffffffffffp0')
float.fromhex('0x1p1024')
float.fromhex('inf')
float.fromhex('0x.8')
float.fromhex('1.')
float.fromhex('0x')
float.fromhex('  0X1.0P+0  ')
(2.5).__round__()
(3.5).__round__()
(-2.5).__round__()
(2.675).__round__(2)
(0.125).__round__(2)
(0.375).__round__(2)
(1234.5678).__round__(-2)
(1250.0).__round__(-2)
(1350.0).__round__(-2)
(5e-324).__round__(400)
(1.5).__round__(-400)
float('inf').__round__()
float('nan').__round__(2)
(1e300).__round__(-300)
(3.7).__trunc__()
(-3.7).__floor__()
(-3.2).__ceil__()
(1.5).conjugate()
(1.5).real
(1.5).imag
format(1.5, '')
format(1234.5678, '.2f')
format(1234.5678, ',.2f')
format(1234.5678, '_.1f')
format(1234.5678, 'e')
format(1234.5678, '.3E')
format(1234.5678, 'g')
format(0.00001234, 'g')
format(1234567.0, 'g')
format(1234.5678, '.10g')
format(1.0, 'g')
format(1.0, '#g')
format(0.5, '%')
format(0.5, '.1%')
format(1.5, '10.2f')
format(1.5, '<10.2f')
format(1.5, '^10.2f')
format(-1.5, '=10.2f')
format(-1.5, '010.2f')
format(1.5, '+.1f')
format(1.5, ' .1f')
format(1.5, '*>10')
format(float('inf'), 'f')
format(float('nan'), 'E')
format(-0.0, '.1f')
format(1e16, '')
format(1.5, '.3')
format(100.0, '.3')
format(1.5, 'd')
format(1.5, 'x')
float.__getformat__('double')
(2.5).__getnewargs__()
float.__name__
float.__mro__
isinstance(1.5, float)
