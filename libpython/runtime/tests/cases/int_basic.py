# int: construction, repr, arithmetic within machine words, comparison, hashing
0
-0
1_000_000
0x7fffffff
-0b1011
0o777
12345678901234567890
int('  42  ')
int('-1_000')
int('1__0')
int('')
int('0x10', 16)
int('0x10', 0)
int('010', 0)
int('z', 36)
int('Z', 36)
int('12', 2)
int('١٢٣')
int(3.99)
int(-3.99)
int(1e30)
int(True)
int(None)
int([1])
1 + 2
1 - 2
7 * -6
-5 + True
1 < 2
2 <= 1
3 == 3.0
3 != 'a'
1 < 'a'
hash(-1)
hash(12345678901234567890)
-(-5)
abs(-7)
+True
not 0
5 and 0
bool(3)
bool(0)
True + True
repr(True)
isinstance(True, int)
int.__name__
int.__mro__
(5).__add__(3)
int.__add__(5, 'a')
(5).__add__('a')
