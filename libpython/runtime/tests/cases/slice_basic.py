slice(1, 5, 2)
slice(3)
slice(None, None, -1).indices(10)
slice(-3, None).indices(5)
slice(0, 100, 3).indices(10)
slice(1, 2, 0).indices(5)
slice(1, 2) == slice(1, 2)
slice(1, 2) < slice(1, 3)
slice(1, 2, 3).start
slice(1, 2, 3).step
hash(slice(1, 2))
slice(1, 2).indices(-1)
[0, 1, 2, 3, 4, 5][1:4]
[0, 1, 2, 3, 4, 5][::-1]
[0, 1, 2, 3, 4, 5][::2]
[0, 1, 2, 3, 4, 5][-2:]
[0, 1, 2, 3, 4, 5][5:1:-2]
[0, 1, 2][10:]
[0, 1, 2][::0]
(0, 1, 2, 3)[1:3]
(0, 1, 2, 3)[::-1]
'abcdef'[1:4]
'abcdef'[::-2]
'abcdef'[-100:100]
'héllo wörld'[2:9]
'abc'[5]
'abc'[-1]
'abc'['x']
'ab' * 3
'ab' * -1
'é' * 4
b'abcdef'[1:4]
b'abcdef'[::-1]
b'abcdef'[2]
b'abc'[3]
b'abc'[1.5]
[1, 2, 3][1.5]
(1, 2)['a']
'abc'[0:1] + 1
