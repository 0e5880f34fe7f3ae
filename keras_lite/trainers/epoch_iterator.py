"""Which batches make an epoch.

Without `steps_per_epoch` an epoch is one full pass over the data. With it, an epoch is that many batches
drawn from one iterator that carries over from epoch to epoch (so an infinite generator can feed many
epochs); a new pass starts when the previous one ended exactly at an epoch boundary. Data that runs out
in the middle of an epoch ends the epoch early with a warning, as in Keras.
"""
import warnings

import numpy as np
import optree

from keras_lite import config
from keras_lite.trainers.data_adapters import get_data_adapter


class EpochIterator:
    def __init__(self, x, y=None, sample_weight=None, batch_size=None, steps_per_epoch=None, shuffle=False,
                 class_weight=None):
        cap = config.max_steps_per_epoch()
        if cap and (not steps_per_epoch or cap < steps_per_epoch):
            steps_per_epoch = cap
        if steps_per_epoch is not None and int(steps_per_epoch) < 1:
            raise ValueError(f"steps must be a positive integer or None, got {steps_per_epoch}.")
        self.steps_per_epoch = None if steps_per_epoch is None else int(steps_per_epoch)
        self.adapter = get_data_adapter(x, y, sample_weight, batch_size=batch_size,
                                        steps_per_epoch=self.steps_per_epoch, shuffle=shuffle,
                                        class_weight=class_weight)
        if self.adapter.infinite and self.steps_per_epoch is None:
            raise ValueError(f"x is an endless {self.adapter.source}: pass steps_per_epoch (fit), steps "
                             "(evaluate/predict) or validation_steps to say how many batches make an epoch.")
        self._iterator = None
        self._measured = None  # batches in one pass, learned when a pass of unknown length ends

    @property
    def num_batches(self):
        """Batches in an epoch; None while unknown (a generator before its first pass ends)."""
        return self.steps_per_epoch or self.adapter.num_batches or self._measured

    def __iter__(self):
        """(step, batch) pairs for one epoch."""
        self.adapter.on_epoch_begin()
        if self.steps_per_epoch is None:
            self._iterator = None
        step = -1
        while self.steps_per_epoch is None or step + 1 < self.steps_per_epoch:
            batch, ended = self._next(first=step == -1)
            if ended:
                if self.steps_per_epoch is None and step >= 0:
                    self._measured = step + 1
                elif step >= 0:
                    warnings.warn("Your input ran out of data; interrupting the epoch after "
                                  f"{step + 1} of steps={self.steps_per_epoch} batches. Make sure the data can "
                                  "yield `steps * epochs` batches (for a tf.data.Dataset, use `.repeat()`).",
                                  stacklevel=3)
                break
            step += 1
            yield step, batch
        self.adapter.on_epoch_end()

    def executions(self, steps_per_execution):
        """(first step, last step, batches) for one epoch: up to `steps_per_execution` consecutive batches
        of one structure and shape, so that a backend can stack them and run them in one compiled call.
        Each execution ends on a multiple of `steps_per_execution`, so the steps that callbacks and the
        progress bar see do not depend on where a batch of another shape fell."""
        group, key, begin = [], None, 0
        for step, batch in self:
            batch_key = _layout(batch) if steps_per_execution > 1 else None  # one batch a group: nothing to match
            if group and batch_key != key:
                yield begin, step - 1, group
                group = []
            if not group:
                begin, key = step, batch_key
            group.append(batch)
            if (step + 1) % steps_per_execution == 0:
                yield begin, step, group
                group = []
        if group:
            yield begin, begin + len(group) - 1, group

    def _next(self, first):
        """The next batch and whether the data ended; an epoch's first batch may start a new pass."""
        fresh = self._iterator is None
        if fresh:
            self._iterator = iter(self.adapter)
        try:
            return next(self._iterator), False
        except StopIteration:
            self._iterator = None
            if first and not fresh and self.adapter.reiterable:
                return self._next(first)
            return None, True


def _layout(batch):
    leaves, treedef = optree.tree_flatten(batch)
    return treedef, tuple((np.shape(leaf), getattr(leaf, "dtype", type(leaf))) for leaf in leaves)
