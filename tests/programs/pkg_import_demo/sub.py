from .deeper import leaf
VALUE = 40 + leaf.TWO
