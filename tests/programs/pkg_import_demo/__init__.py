"""A package for the import tests: relative imports, submodules, __path__."""
from . import sub
from .sub import VALUE
X = 'pkg'
