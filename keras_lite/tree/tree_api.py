"""Nested structures (lists, tuples, namedtuples, dicts, ...) on optree, as in Keras 3.

None is a leaf; dicts flatten in sorted key order (OrderedDicts in their own
order); classes join through `register_tree_node_class` (namespace "keras").
"""
import warnings

import optree

_NS = "keras"

__all__ = ["MAP_TO_NONE", "assert_same_paths", "assert_same_structure", "flatten", "flatten_with_path",
           "is_nested", "lists_to_tuples", "map_shape_structure", "map_structure", "map_structure_up_to",
           "pack_sequence_as", "traverse"]


class MAP_TO_NONE:
    """Returned by a `traverse` function to put None in place of a substructure."""


def register_tree_node_class(cls):
    """Make `cls` (with `tree_flatten` / `tree_unflatten`) a node for every function here."""
    return optree.register_pytree_node_class(cls, namespace=_NS)


def _is_leaf(x, none_is_leaf=True):
    return optree.tree_is_leaf(x, none_is_leaf=none_is_leaf, namespace=_NS)


def is_nested(structure):
    return not _is_leaf(structure)


def flatten(structure):
    return optree.tree_leaves(structure, none_is_leaf=True, namespace=_NS)


def flatten_with_path(structure):
    """[(path, leaf)], a path being the tuple of keys and indices leading to the leaf."""
    paths, leaves, _ = optree.tree_flatten_with_path(structure, none_is_leaf=True, namespace=_NS)
    return list(zip(paths, leaves))


def _mismatch():
    return ValueError("The structures don't have the same nested structure.")


def map_structure(func, *structures, none_is_leaf=True):
    """func applied leaf-wise over structures of one shape; the result has that shape."""
    if not structures:
        raise ValueError("map_structure needs at least one structure.")
    if len(structures) == 1:
        return optree.tree_map(func, structures[0], none_is_leaf=none_is_leaf, namespace=_NS)

    def checked(*leaves):
        # optree lets later structures hold subtrees where the first has leaves; Keras does not.
        if not all(_is_leaf(x, none_is_leaf) for x in leaves[1:]):
            raise _mismatch()
        return func(*leaves)

    return optree.tree_map(checked, *structures, none_is_leaf=none_is_leaf, namespace=_NS)


def map_structure_up_to(shallow_structure, func, *structures):
    """func applied to the subtrees of `structures` at the leaves of `shallow_structure`."""
    if not structures:
        raise ValueError("map_structure_up_to needs at least one structure.")

    def call(shallow, *subtrees):
        if not _is_leaf(shallow):
            raise _mismatch()
        return func(*subtrees)

    return optree.tree_map(call, shallow_structure, *structures, none_is_leaf=True, namespace=_NS)


def assert_same_structure(a, b, check_types=None):
    """Raises ValueError unless a and b nest alike (container types included; dict kinds are alike)."""
    if check_types is not None:
        warnings.warn("`check_types` is deprecated and has no effect; `assert_same_paths` is the looser check.",
                      DeprecationWarning, stacklevel=2)

    def check(x, y):
        if not (_is_leaf(x) and _is_leaf(y)):
            raise _mismatch()

    try:
        optree.tree_map(check, a, b, none_is_leaf=True, namespace=_NS)
    except (TypeError, ValueError) as e:
        raise ValueError(f"The two structures don't have the same nested structure: {e}") from None


def assert_same_paths(a, b):
    """Raises ValueError unless a and b have the same leaf paths (container types may differ)."""
    a_paths = set(optree.tree_paths(a, none_is_leaf=True, namespace=_NS))
    b_paths = set(optree.tree_paths(b, none_is_leaf=True, namespace=_NS))
    if a_paths != b_paths:
        msg = "`a` and `b` don't have the same paths."
        if a_paths - b_paths:
            msg += f"\nPaths in `a` missing in `b`:\n{a_paths - b_paths}"
        if b_paths - a_paths:
            msg += f"\nPaths in `b` missing in `a`:\n{b_paths - a_paths}"
        raise ValueError(msg)


def pack_sequence_as(structure, flat_sequence):
    """`flat_sequence` arranged in the shape of `structure` (the inverse of `flatten`)."""
    treespec = optree.tree_structure(structure, none_is_leaf=True, namespace=_NS)
    flat_sequence = list(flat_sequence)
    if len(flat_sequence) != treespec.num_leaves:
        raise ValueError(f"pack_sequence_as: the structure has {treespec.num_leaves} leaves but "
                         f"`flat_sequence` has {len(flat_sequence)} items.")
    return optree.tree_unflatten(treespec, flat_sequence)


def traverse(func, structure, top_down=True):
    """Applies func to every substructure, the whole structure included.

    Top down, a non-None result replaces the substructure (its children are
    not visited); None means "descend". Bottom up, func sees each
    substructure with its children already traversed. Return MAP_TO_NONE
    to put None in the result.
    """

    def children_traversed(node):
        children, treespec = optree.tree_flatten(node, is_leaf=lambda x: x is not node, none_is_leaf=True,
                                                 namespace=_NS)
        if treespec.num_nodes == 1 and treespec.num_leaves == 1:
            return node  # a leaf
        return optree.tree_unflatten(treespec, [traverse(func, c, top_down=top_down) for c in children])

    if top_down:
        out = func(structure)
        if out is None:
            return children_traversed(structure)
    else:
        structure = children_traversed(structure)
        out = func(structure)
        if out is None:
            return structure
    return None if out is MAP_TO_NONE or isinstance(out, MAP_TO_NONE) else out


def lists_to_tuples(structure):
    return traverse(lambda x: tuple(x) if isinstance(x, list) else None, structure, top_down=False)


def map_shape_structure(func, structure):
    """map_structure where tuples and lists of ints and Nones are leaves (shapes)."""

    def is_shape(x):
        return isinstance(x, (list, tuple)) and all(isinstance(d, (int, type(None))) for d in x)

    return optree.tree_map(func, structure, is_leaf=is_shape, none_is_leaf=True, namespace=_NS)
