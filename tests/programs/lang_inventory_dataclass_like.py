class Item:
    __slots__ = ("name", "price", "qty")

    def __init__(self, name, price, qty=0):
        self.name = name
        self.price = price
        self.qty = qty

    def __repr__(self):
        return f"Item(name={self.name!r}, price={self.price!r}, qty={self.qty!r})"

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.name, self.price, self.qty) == (other.name, other.price, other.qty)

    def total(self):
        return self.price * self.qty


stock = [Item("pen", 1.5, 10), Item("book", 12.0, 2), Item("bag", 30.0)]
print(stock)
print([i.total() for i in stock], sum(i.total() for i in stock))
print(Item("x", 1) == Item("x", 1), Item("x", 1) == Item("x", 2), Item("x", 1) == "x")
by_value = sorted(stock, key=Item.total)
print([i.name for i in by_value])
stock[2].qty += 3
print(stock[2], max(stock, key=lambda i: i.price).name)
try:
    stock[0].color = "red"
except AttributeError as e:
    print(e)
