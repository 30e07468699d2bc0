class InsufficientFunds(Exception):
    pass


class Account:
    _next_id = 1

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.id = Account._next_id
        Account._next_id += 1
        self.history = []

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))

    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(f"{self.owner} has {self.balance}, needs {amount}")
        self.balance -= amount
        self.history.append(("withdraw", amount))

    def __repr__(self):
        return f"Account#{self.id}({self.owner!r}, {self.balance})"


def transfer(src, dst, amount):
    src.withdraw(amount)
    dst.deposit(amount)


a, b = Account("ann", 100), Account("bob")
transfer(a, b, 30)
for amt in (80, -5):
    try:
        transfer(a, b, amt) if amt > 0 else b.deposit(amt)
    except (InsufficientFunds, ValueError) as e:
        print(type(e).__name__, e)
print(a, b, a.history, b.history)
accounts = sorted([a, b, Account("cy", 50)], key=lambda acc: acc.balance, reverse=True)
print(accounts, sum(acc.balance for acc in accounts))
