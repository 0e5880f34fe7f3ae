"""List arithmetic one element at a time: the backends without multi-tensor kernels build their
`foreach` module from their elementwise ops here (the built-in optimizer rules are written over lists
of variables)."""


def one_by_one(elementwise):
    """The `foreach` functions over lists, from an engine's elementwise module, in this order:
    add, subtract, multiply, divide, maximum, square, sqrt, assign; the "in place" variants add_,
    subtract_, multiply_, divide_, sqrt_ (here they make new values: these engines have no in-place
    arithmetic); add_to, subtract_from. In the binary ones `ys` is a list as long as `xs`, or one value
    for every element."""

    def binary(fn):
        def over_lists(xs, ys):
            if isinstance(ys, (list, tuple)):
                return [fn(x, y) for x, y in zip(xs, ys)]
            return [fn(x, ys) for x in xs]
        return over_lists

    def unary(fn):
        return lambda xs: [fn(x) for x in xs]

    add, subtract = binary(elementwise.add), binary(elementwise.subtract)
    multiply, divide, sqrt = binary(elementwise.multiply), binary(elementwise.divide), unary(elementwise.sqrt)

    def add_to(variables, ys):
        assign(variables, add([v.value for v in variables], ys))

    def subtract_from(variables, ys):
        assign(variables, subtract([v.value for v in variables], ys))

    return (add, subtract, multiply, divide, binary(elementwise.maximum), unary(elementwise.square), sqrt, assign,
            add, subtract, multiply, divide, sqrt, add_to, subtract_from)


def assign(variables, values):
    for variable, value in zip(variables, values):
        variable.assign(value)
