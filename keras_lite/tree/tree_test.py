"""keras_lite.tree against fixed expectations and, where installed, Keras 3 itself as the oracle."""
import collections
import warnings

import numpy as np
import pytest

from keras_lite import tree

Point = collections.namedtuple("Point", ["x", "y"])


def _sample():
    return {"b": [1, (2, None)], "a": Point(3, {"z": 4, "y": 5}),
            "c": collections.OrderedDict([("q", 6), ("p", 7)])}


def test_flatten_sorts_dict_keys_and_keeps_none():
    assert tree.flatten(_sample()) == [3, 5, 4, 1, 2, None, 6, 7]
    assert tree.flatten(None) == [None]
    assert tree.flatten(1) == [1]
    assert tree.flatten([]) == [] and tree.flatten({}) == []
    arr = np.ones(3)
    assert tree.flatten([arr])[0] is arr  # arrays are leaves
    assert tree.flatten(collections.defaultdict(int, {"b": 1, "a": 2})) == [2, 1]
    assert tree.flatten(collections.deque([1, 2])) == [1, 2]


def test_flatten_with_path():
    assert tree.flatten_with_path(_sample()) == [
        (("a", 0), 3), (("a", 1, "y"), 5), (("a", 1, "z"), 4), (("b", 0), 1), (("b", 1, 0), 2),
        (("b", 1, 1), None), (("c", "q"), 6), (("c", "p"), 7)]
    assert tree.flatten_with_path(5) == [((), 5)]


def test_is_nested():
    assert tree.is_nested([]) and tree.is_nested(()) and tree.is_nested({}) and tree.is_nested(Point(1, 2))
    assert not tree.is_nested(1) and not tree.is_nested(None) and not tree.is_nested("ab")
    assert not tree.is_nested(np.ones(2))


def test_map_structure():
    out = tree.map_structure(lambda x: None if x is None else x * 2, _sample())
    assert out == {"b": [2, (4, None)], "a": Point(6, {"z": 8, "y": 10}),
                   "c": collections.OrderedDict([("q", 12), ("p", 14)])}
    assert type(out["a"]) is Point and list(out["c"]) == ["q", "p"]
    assert tree.map_structure(lambda a, b: a + b, [1, (2, 3)], [10, (20, 30)]) == [11, (22, 33)]
    assert tree.map_structure(lambda x: 1, [None, 2], none_is_leaf=False) == [None, 1]
    assert tree.map_structure(lambda x: 1, [None, 2]) == [1, 1]
    with pytest.raises(ValueError):
        tree.map_structure(lambda x: x)


@pytest.mark.parametrize("a,b", [([1, 2], (1, 2)), ([1, [2]], [1, 2]), ([1, 2], [1, [2]]), ({"a": 1}, {"b": 1}),
                                 ([1], [1, 2]), (Point(1, 2), (1, 2))])
def test_mismatched_structures_raise(a, b):
    with pytest.raises(ValueError):
        tree.map_structure(lambda x, y: x, a, b)
    with pytest.raises(ValueError):
        tree.assert_same_structure(a, b)


def test_assert_same_structure():
    tree.assert_same_structure([(0, 1)], [(2, 3)])
    tree.assert_same_structure({"a": 1, "b": [2]}, collections.OrderedDict([("b", [0]), ("a", 0)]))
    tree.assert_same_structure([None, 1], [2, None])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tree.assert_same_structure([1], [2], check_types=False)
    assert caught and caught[0].category is DeprecationWarning


def test_assert_same_paths():
    tree.assert_same_paths([0, 1], (2, 3))
    tree.assert_same_paths(Point(0, 1), [2, 3])
    with pytest.raises(ValueError, match=r"missing in `a`:\n\{\(2,\)\}"):
        tree.assert_same_paths([0, 1], [0, 1, 2])
    with pytest.raises(ValueError, match="missing in `b`"):
        tree.assert_same_paths({"a": 1, "b": 2}, {"a": 1})


def test_map_structure_up_to():
    out = tree.map_structure_up_to([1, (2, 3)], lambda a, b: (a, b), [[1, 2], (3, 4)], [5, (6, [7])])
    assert out == [([1, 2], 5), ((3, 6), (4, [7]))]
    with pytest.raises(ValueError):
        tree.map_structure_up_to([1, [2, 3]], lambda a: a, [1, 2])
    with pytest.raises(ValueError):
        tree.map_structure_up_to([1], lambda a: a)


def test_pack_sequence_as():
    assert tree.pack_sequence_as({"b": [0, 0], "a": 0}, [1, 2, 3]) == {"b": [2, 3], "a": 1}
    assert tree.pack_sequence_as((("a", "b"), ("c", "d", "e"), "f"), range(6)) == ((0, 1), (2, 3, 4), 5)
    assert tree.pack_sequence_as(5, [7]) == 7
    assert tree.pack_sequence_as([None, Point(0, 0)], ["n", 1, 2]) == ["n", Point(1, 2)]
    structure = _sample()
    assert tree.pack_sequence_as(structure, tree.flatten(structure)) == structure
    for wrong in ([1, 2], [1, 2, 3, 4]):
        with pytest.raises(ValueError, match="leaves"):
            tree.pack_sequence_as({"b": [0, 0], "a": 0}, wrong)


def test_lists_to_tuples():
    assert tree.lists_to_tuples([1, [2, {"a": [3]}], (4, [5])]) == (1, (2, {"a": (3,)}), (4, (5,)))
    assert tree.lists_to_tuples(7) == 7


def test_map_shape_structure():
    out = tree.map_shape_structure(lambda s: len(s), {"a": (None, 3), "b": [(1, 2), [4]], "c": []})
    assert out == {"a": 2, "b": [2, 1], "c": 0}
    assert tree.map_shape_structure(lambda s: s, (None, 3)) == (None, 3)


def test_traverse():
    assert tree.traverse(lambda x: x * 10 if isinstance(x, int) else None, [1, (2, {"k": 3})]) == \
        [10, (20, {"k": 30})]
    assert tree.traverse(lambda x: tree.MAP_TO_NONE if isinstance(x, tuple) else None, [1, (2, 3)]) == [1, None]
    assert tree.traverse(lambda x: sum(x) if isinstance(x, list) else None, [1, [2, 3]], top_down=False) == 6
    seen = []
    tree.traverse(seen.append, [1, (2,)])
    assert seen == [[1, (2,)], 1, (2,), 2]
    seen = []
    tree.traverse(seen.append, [1, (2,)], top_down=False)
    assert seen == [1, 2, (2,), [1, (2,)]]
    assert tree.traverse(lambda x: "leaf" if x is None else None, [None]) == ["leaf"]


def test_registered_class_is_a_node():
    @tree.register_tree_node_class
    class Pair:
        def __init__(self, a, b):
            self.a, self.b = a, b

        def tree_flatten(self):
            return (self.a, self.b), None

        @classmethod
        def tree_unflatten(cls, metadata, children):
            return cls(*children)

    assert tree.flatten([Pair(1, Pair(2, 3))]) == [1, 2, 3]
    doubled = tree.map_structure(lambda x: x * 2, Pair(1, 2))
    assert isinstance(doubled, Pair) and (doubled.a, doubled.b) == (2, 4)


# -- Keras 3 as the oracle -------------------------------------------------------------------

STRUCTURES = [
    1, None, [], (), {}, [1, None], _sample(), Point(1, [2, {"b": 3, "a": (4,)}]),
    {"x": [(None, 3), [1, 2]], "w": collections.OrderedDict([("z", 1), ("a", None)])},
    [[[]], ((),), {"k": []}],
]


@pytest.fixture(scope="module")
def keras_tree():
    """Keras's optree implementation: `keras.tree` itself switches to a torch-based one (which orders
    some dicts differently) when Keras runs on torch; keras_lite follows the optree semantics."""
    pytest.importorskip("keras")
    from keras.src.tree import optree_impl

    return optree_impl


@pytest.mark.parametrize("structure", STRUCTURES, ids=range(len(STRUCTURES)))
def test_matches_keras(keras_tree, structure):
    assert tree.flatten(structure) == keras_tree.flatten(structure)
    assert tree.flatten_with_path(structure) == keras_tree.flatten_with_path(structure)
    assert tree.is_nested(structure) == keras_tree.is_nested(structure)
    assert tree.lists_to_tuples(structure) == keras_tree.lists_to_tuples(structure)
    assert tree.map_shape_structure(repr, structure) == keras_tree.map_shape_structure(repr, structure)
    tag = lambda x: ("leaf", x)  # noqa: E731
    assert tree.map_structure(tag, structure) == keras_tree.map_structure(tag, structure)
    assert tree.map_structure(tag, structure, none_is_leaf=False) == \
        keras_tree.map_structure(tag, structure, none_is_leaf=False)
    leaves = list(range(len(tree.flatten(structure))))
    assert tree.pack_sequence_as(structure, leaves) == keras_tree.pack_sequence_as(structure, leaves)
    visit = lambda x: len(x) if isinstance(x, list) else None  # noqa: E731
    assert tree.traverse(visit, structure) == keras_tree.traverse(visit, structure)
    assert tree.traverse(visit, structure, top_down=False) == keras_tree.traverse(visit, structure, top_down=False)
