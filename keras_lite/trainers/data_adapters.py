"""Pick the batch source for what fit/evaluate/predict were given.

tf.data datasets and torch DataLoaders are recognised by the module and name of their classes, so
neither engine is imported unless the user already made such an object.
"""
import optree

from keras_lite.trainers import iterable_data
from keras_lite.trainers.array_data import ArrayBatches, is_array_data


def _has_base(x, names, module_prefix):
    return any(cls.__name__ in names and cls.__module__.startswith(module_prefix) for cls in type(x).__mro__)


def is_tf_dataset(x):
    return _has_base(x, ("DatasetV2", "DistributedDataset", "DistributedDatasetsFromFunction"), "tensorflow.")


def is_torch_data_loader(x):
    return _has_base(x, ("DataLoader",), "torch.utils.data")


def is_py_dataset(x):
    from keras_lite.utils.py_dataset import PyDataset

    return isinstance(x, PyDataset)


def is_iterator(x):
    return hasattr(x, "__next__") and hasattr(x, "__iter__") and not is_array_data(x)


def get_data_adapter(x, y=None, sample_weight=None, batch_size=None, steps_per_epoch=None, shuffle=False,
                     class_weight=None):
    """A batch source: `__iter__` makes one pass; `num_batches` (None if unknown), `infinite`, `reiterable`,
    `source` (its kind, for messages) and `on_epoch_begin/end()`. Sources that yield batches make their
    own, so `batch_size` and (but for PyDataset) `shuffle` don't apply to them."""
    if is_array_data((x, y, sample_weight)):
        return ArrayBatches(x, y, sample_weight, batch_size, shuffle=shuffle, class_weight=class_weight,
                            steps=steps_per_epoch)
    for kind, test, make in (
            ("tf.data.Dataset", is_tf_dataset, lambda: iterable_data.tf_dataset_batches(x, class_weight)),
            ("torch DataLoader", is_torch_data_loader,
             lambda: iterable_data.torch_data_loader_batches(x, class_weight)),
            ("PyDataset", is_py_dataset, lambda: iterable_data.py_dataset_batches(x, shuffle, class_weight)),
            ("generator", is_iterator, lambda: iterable_data.generator_batches(x, class_weight))):
        if test(x):
            for name, value in (("y", y), ("sample_weight", sample_weight)):
                if value is not None:
                    raise ValueError(f"x is a {kind}, so `{name}` must not be passed: the {kind} should yield it "
                                     "as part of each batch, (x, y) or (x, y, sample_weight).")
            return make()
    for name, value in (("x", x), ("y", y), ("sample_weight", sample_weight)):
        bad = [leaf for leaf in optree.tree_leaves(value) if not is_array_data(leaf)]
        if bad and (name != "x" or bad[0] is not x):  # x itself of an unknown type is reported below
            raise ValueError(f"{name} holds {type(bad[0]).__name__} values ({bad[0]!r}, ...) where arrays are "
                             f"expected: pass {name} as NumPy arrays or tensors (or lists/dicts of them).")
    raise ValueError(f"Unrecognized data type for x: {type(x).__module__}.{type(x).__qualname__}. Pass NumPy arrays "
                     "or tensors (or lists/dicts of them), a tf.data.Dataset, a torch DataLoader, a "
                     "keras.utils.PyDataset, or a Python generator.")
