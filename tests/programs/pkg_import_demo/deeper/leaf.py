from .. import deeper as _deeper  # the parent package, two dots up
TWO = 2
