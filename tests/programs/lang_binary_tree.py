class BST:
    def __init__(self):
        self.root = None

    def insert(self, key):
        def go(node):
            if node is None:
                return [key, None, None]
            if key < node[0]:
                node[1] = go(node[1])
            elif key > node[0]:
                node[2] = go(node[2])
            return node

        self.root = go(self.root)

    def inorder(self):
        def go(node):
            if node:
                yield from go(node[1])
                yield node[0]
                yield from go(node[2])

        return list(go(self.root))

    def height(self):
        def go(node):
            return 0 if node is None else 1 + max(go(node[1]), go(node[2]))

        return go(self.root)


t = BST()
for k in [50, 30, 70, 20, 40, 60, 80, 30, 65]:
    t.insert(k)
print(t.inorder(), t.height())
