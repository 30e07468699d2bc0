# The _io types: names, modules, MROs and the attributes each defines.
import _io
for t in [_io._IOBase,_io._RawIOBase,_io.FileIO,_io.BytesIO,_io.StringIO,_io.BufferedReader,_io.BufferedWriter,_io.BufferedRandom,_io.BufferedRWPair,_io.TextIOWrapper,_io.IncrementalNewlineDecoder, _io._TextIOBase, _io._BufferedIOBase]:
  print(t.__name__, t.__module__, [c.__name__ for c in t.__mro__], sorted(k for k in vars(t) if k not in ('__doc__',)))
print(sorted(k for k in dir(_io) if not k.startswith('__')))
