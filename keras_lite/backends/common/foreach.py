"""List arithmetic one element at a time: the backends without multi-tensor kernels build their
`foreach` module from these (the built-in optimizer rules are written over lists of variables)."""


def binary(fn, xs, ys):
    """fn(x, y) per element; `ys` is a list of the same length or one value for every element."""
    if isinstance(ys, (list, tuple)):
        return [fn(x, y) for x, y in zip(xs, ys)]
    return [fn(x, ys) for x in xs]


def assign(variables, values):
    for variable, value in zip(variables, values):
        variable.assign(value)
