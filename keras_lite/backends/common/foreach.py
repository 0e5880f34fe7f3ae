"""List arithmetic one element at a time: the backends without multi-tensor kernels build their
`foreach` module from their elementwise ops here (the built-in optimizer rules are written over lists
of variables)."""


def one_by_one(elementwise):
    """(add, subtract, multiply, divide, maximum, square, sqrt, assign) over lists, from an engine's
    elementwise module. In the binary ones `ys` is a list as long as `xs`, or one value for every element."""

    def binary(fn):
        def over_lists(xs, ys):
            if isinstance(ys, (list, tuple)):
                return [fn(x, y) for x, y in zip(xs, ys)]
            return [fn(x, ys) for x in xs]
        return over_lists

    def unary(fn):
        return lambda xs: [fn(x) for x in xs]

    return (binary(elementwise.add), binary(elementwise.subtract), binary(elementwise.multiply),
            binary(elementwise.divide), binary(elementwise.maximum), unary(elementwise.square),
            unary(elementwise.sqrt), assign)


def assign(variables, values):
    for variable, value in zip(variables, values):
        variable.assign(value)
