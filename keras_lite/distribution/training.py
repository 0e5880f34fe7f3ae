"""What fit / evaluate / predict ask of the distribution in effect (their hooks in trainers/trainer.py)."""
import optree

from keras_lite.distribution import devices
from keras_lite.distribution._engine import backend_distribution
from keras_lite.distribution.variable_layouts import lay_out_state


def make_function(model, kind, dist):
    """The engine's distributed step runner for `kind` ("train", "test" or "predict")."""
    return backend_distribution.make_distributed_function(model, kind, dist)


def prepare(model, data, dist):
    """Before the first step of fit/evaluate: the first batch must split evenly over the replicas, and
    every variable the steps read is laid out on the mesh."""
    leaves = optree.tree_leaves(data)
    size = leaves[0].shape[0] if leaves and len(getattr(leaves[0], "shape", ())) else None
    share = _replicas_per_batch(dist)
    if size is not None and size % share:
        raise ValueError(f"The batch size {size} cannot be split evenly over the {share} replicas of {dist!r}: pass "
                         f"a batch_size that is a multiple of {share} (a smaller last batch is allowed).")
    lay_out_state(model, dist)


def _replicas_per_batch(dist):
    """How many replicas share one batch as this process sees it: all of them when every process reads the
    global batches (auto_shard_dataset), else this process's replicas."""
    if dist.auto_shard_dataset:
        return dist.num_replicas
    return max(1, dist.num_replicas // devices.num_processes())
