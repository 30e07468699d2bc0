# format(complex, spec)
vals = [1+2j, -1.5-2.25j, 2j, -0j, complex(-0.0, 0.0), 1234567.5+0.001j, 1e20+1e-20j,
        complex(float('nan'), float('inf')), complex(float('inf'), -1), 3+0j]
specs = ['', 'g', '.3g', 'e', '.2e', 'E', 'f', '.1f', 'F', 'G', '.0f', '#g', '+', '+g', ' ',
         ' .2f', '20', '<20', '^20', '>20', '*^24.3f', ',', ',.2f', '_f', 'z.1f', 'n', '.5', '#.0e', '-']
for v in vals:
    for s in specs:
        print(repr(s), repr(format(v, s)))
for s in ['010', '=10', '%', 'd', 'x', 's', '10.3fx', 'c']:
    try:
        print(format(1+2j, s))
    except Exception as e:
        print(type(e).__name__, e)
print(f"{1+2j:>12.2f}|{3j:<8}|{-1-1j:^14e}|")
