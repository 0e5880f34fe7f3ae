"""PyDataset: batches by index, for data that doesn't fit in memory.

A subclass implements `__getitem__(index)` returning one batch, x, (x, y) or (x, y, sample_weight), and
`__len__` (the batches per epoch), or overrides `num_batches` to return None for an endless dataset.
`workers`, `use_multiprocessing` and `max_queue_size` are accepted and kept, but keras_lite reads the
batches one after another in the training process.
"""


class PyDataset:
    def __init__(self, workers=1, use_multiprocessing=False, max_queue_size=10):
        self._workers = workers
        self._use_multiprocessing = use_multiprocessing
        self._max_queue_size = max_queue_size

    # A subclass may forget super().__init__(); the settings then read as their defaults.
    workers = property(lambda self: getattr(self, "_workers", 1),
                       lambda self, value: setattr(self, "_workers", value))
    use_multiprocessing = property(lambda self: getattr(self, "_use_multiprocessing", False),
                                   lambda self, value: setattr(self, "_use_multiprocessing", value))
    max_queue_size = property(lambda self: getattr(self, "_max_queue_size", 10),
                              lambda self, value: setattr(self, "_max_queue_size", value))

    def __getitem__(self, index):
        raise NotImplementedError(f"{type(self).__name__} must implement __getitem__(index) returning one batch.")

    @property
    def num_batches(self):
        """Batches per epoch: len(self), or None for an endless dataset (override to say so)."""
        if hasattr(self, "__len__"):
            return len(self)
        raise NotImplementedError(f"{type(self).__name__} must implement __len__ (batches per epoch), or override "
                                  "the num_batches property (None for an endless dataset).")

    def on_epoch_begin(self):
        """Called before each epoch."""

    def on_epoch_end(self):
        """Called after each epoch (shuffle the samples here, for instance)."""


Sequence = PyDataset
