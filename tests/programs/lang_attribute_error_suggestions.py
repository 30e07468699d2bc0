class Config:
    def __init__(self):
        self.verbose = True
        self.timeout = 30


c = Config()
try:
    c.verbos
except AttributeError as e:
    print(type(e).__name__, e)
print(c.timeout)
c.timeut
