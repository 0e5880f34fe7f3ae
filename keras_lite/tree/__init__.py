"""`keras_lite.tree`: flatten, map and pack nested structures (optree underneath)."""
from keras_lite.tree.tree_api import (MAP_TO_NONE, assert_same_paths, assert_same_structure, flatten,
                                      flatten_with_path, is_nested, lists_to_tuples, map_shape_structure,
                                      map_structure, map_structure_up_to, pack_sequence_as,
                                      register_tree_node_class, traverse)

__all__ = ["MAP_TO_NONE", "assert_same_paths", "assert_same_structure", "flatten", "flatten_with_path",
           "is_nested", "lists_to_tuples", "map_shape_structure", "map_structure", "map_structure_up_to",
           "pack_sequence_as", "traverse"]
