"""torch: one process per device, launched with torchrun and joined by torch.distributed (gloo on CPU,
NCCL on GPU). Each process trains on its share of the global batch; gradients are averaged across the
processes as autograd accumulates them (DDP's way, so a custom train_step is distributed too), weights
start from process 0's values, and the logged metrics are summed over the processes.

Layouts that split a variable are refused: torch runs DataParallel, and ModelParallel only with
replicated variables (the batch split along its batch axis)."""
import atexit
import contextlib
import os

import numpy as np
import optree
import torch
import torch.distributed as dist

from keras_lite.backends.common.stateless_scope import StatelessScope
from keras_lite.backends.torch import core, trainer


def _joined():
    return dist.is_available() and dist.is_initialized()


def list_devices(device_type=None):
    kind = {"gpu": "cuda"}.get(device_type, device_type) or ("cuda" if torch.cuda.is_available() else "cpu")
    if _joined():
        return [f"{kind}:{rank}" for rank in range(dist.get_world_size())]  # each process drives one device
    count = {"cpu": 1, "cuda": torch.cuda.device_count()}.get(kind, 0)
    return [f"{kind}:{i}" for i in range(count)]


def initialize(job_addresses, num_processes, process_id):
    """Join the process group: from the arguments, else from torchrun's MASTER_ADDR, MASTER_PORT, WORLD_SIZE
    and RANK. On GPU each process takes the device LOCAL_RANK."""
    world = num_processes if num_processes is not None else int(os.environ.get("WORLD_SIZE", 1))
    rank = process_id if process_id is not None else int(os.environ.get("RANK", 0))
    init_method = f"tcp://{job_addresses.split(',')[0]}" if job_addresses else "env://"
    if torch.cuda.is_available():
        torch.cuda.set_device(int(os.environ.get("LOCAL_RANK", rank % torch.cuda.device_count())))
    dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo", init_method=init_method,
                            world_size=world, rank=rank)
    atexit.register(_leave)


def _leave():
    """Leave the process group before the interpreter exits, as torch asks."""
    if _joined():
        dist.destroy_process_group()


def num_processes():
    return dist.get_world_size() if _joined() else 1


def process_id():
    return dist.get_rank() if _joined() else 0


def backend_mesh(device_mesh):
    """The process ranks, in the mesh's shape: torch drives one device per process, so the mesh must hold
    one device per process of the run."""
    size, world = device_mesh.devices.size, num_processes()
    if size != world:
        launch = (f"launch the program with `torchrun --nproc_per_node={size}` and call "
                  "keras_lite.distribution.initialize() first") if world == 1 else "give one device per process"
        raise ValueError(f"The torch backend drives one device per process, but {device_mesh!r} holds {size} "
                         f"devices in a run of {world} process(es): {launch}.")
    return _ranks(device_mesh)


def backend_layout(layout):
    """DTensor placements, one per mesh axis: Shard(dim) where a tensor dimension is split along it."""
    from torch.distributed.tensor import Replicate, Shard

    return tuple(Shard(layout.axes.index(axis)) if axis in layout.axes else Replicate()
                 for axis in layout.device_mesh.axis_names)


def distribute_tensor(tensor, layout):
    """The tensor itself when replicated; split along the batch, this process's slice."""
    if any(axis is not None for axis in layout.axes[1:]):
        _refuse_split(layout, "a tensor")
    if layout.is_replicated or num_processes() == 1:
        return tensor
    ranks = _ranks_along(layout.device_mesh, layout.axes[0])
    parts = len(ranks)
    index = int(np.argwhere(ranks == process_id())[0][0])
    size = tensor.shape[0] // parts
    return tensor[index * size:(index + 1) * size]


def _ranks(device_mesh):
    return np.vectorize(lambda name: int(name.split(":")[1]), otypes=[int])(device_mesh.devices)


def _ranks_along(device_mesh, axis_name):
    """The mesh's process ranks with `axis_name` as the first axis."""
    return np.moveaxis(device_mesh.backend_mesh, device_mesh.axis_names.index(axis_name), 0)


def distribute_variable(variable, layout):
    """Give every process process 0's value."""
    _refuse_split(layout, f"variable {variable.path!r}")
    if num_processes() > 1:
        with torch.no_grad():
            dist.broadcast(variable._value.detach(), src=0)


def _refuse_split(layout, what):
    if not layout.is_replicated and layout.device_mesh.devices.size > 1:
        raise NotImplementedError(
            f"The torch backend cannot split {what} as {layout.axes}: it runs DataParallel, and ModelParallel "
            "only with replicated variables. Split variables with the jax backend, or leave them out of the "
            "LayoutMap.")


def make_distributed_function(model, kind, distribution):
    run = {"train": trainer.make_train_function, "test": trainer.make_test_function,
           "predict": trainer.make_predict_function}[kind](model)
    world, rank = num_processes(), process_id()
    if world == 1:
        return run
    parts = distribution.num_replicas if distribution.auto_shard_dataset else 1
    # The share of a process is its place along the mesh's batch axis; `owners` are one process per share.
    ranks = _ranks_along(distribution.device_mesh, distribution.batch_dim_name)
    index = int(np.argwhere(ranks == rank)[0][0])
    owners = [int(r) for r in ranks.reshape(len(ranks), -1)[:, 0]]
    copies = world // len(owners)  # processes that hold the same share (along the other mesh axes)
    checked = []

    def run_distributed(group):
        if parts > 1 and not checked:
            _check_same_batch(group[0])
            checked.append(True)
        split = _batch_size(group[0]) % parts == 0
        local = [_share(batch, index, parts) for batch in group] if split and parts > 1 else group
        with contextlib.ExitStack() as stack:
            if kind == "train":
                stack.enter_context(_averaged_gradients(model, world))
            if not split and kind != "predict" and rank != 0:
                stack.enter_context(_metrics_left_unchanged(model))  # every process runs it whole; count it once
            result = run(local)
        if kind == "predict":
            return _gathered(result, world, owners) if split else result
        return _global_logs(model, result, world, copies if split else 1)

    return run_distributed


def _batch_size(batch):
    return optree.tree_leaves(batch)[0].shape[0]


def _share(batch, index, parts):
    size = _batch_size(batch) // parts
    return optree.tree_map(lambda leaf: leaf[index * size:(index + 1) * size], batch)


def _check_same_batch(batch):
    """Every process must read the same global batches, or the shares would not make them up."""
    total = torch.tensor([sum(float(torch.as_tensor(leaf).to(torch.float64).nan_to_num().sum())
                              for leaf in optree.tree_leaves(batch))], dtype=torch.float64, device=core.get_device())
    totals = [torch.zeros_like(total) for _ in range(dist.get_world_size())]
    dist.all_gather(totals, total)
    if any(not torch.equal(t, totals[0]) for t in totals):
        raise ValueError("The processes read different first batches, so their shares would not make up the global "
                         "batch: call keras_lite.utils.set_random_seed(...) with the same seed in every process (or "
                         "pass shuffle=False), or give each process its own share with "
                         "DataParallel(auto_shard_dataset=False).")


@contextlib.contextmanager
def _averaged_gradients(model, world):
    """Average each gradient over the processes as soon as autograd has accumulated it."""
    def average(param):
        dist.all_reduce(param.grad)
        param.grad.div_(world)

    params = [v.value for v in model.trainable_variables if v.value.requires_grad]
    handles = [p.register_post_accumulate_grad_hook(average) for p in params]
    try:
        yield
    finally:
        for handle in handles:
            handle.remove()


@contextlib.contextmanager
def _metrics_left_unchanged(model):
    saved = [v.value.detach().clone() for v in model.metrics_variables]
    try:
        yield
    finally:
        for variable, value in zip(model.metrics_variables, saved):
            variable.assign(value)


def _global_logs(model, logs, world, copies):
    """The logs with every metric computed from its state summed over the processes (metric states are
    sums: totals, counts, confusion counts); `copies` processes ran each share."""
    variables = [v for v in model.metrics_variables if v.aggregation in ("sum", "mean")]
    if not variables:
        return logs
    flat = torch.cat([v.value.detach().reshape(-1).to(torch.float64) for v in variables])
    dist.all_reduce(flat)
    values, start = [], 0
    for v in variables:
        part = flat[start:start + v.value.numel()].reshape(v.value.shape)
        values.append((part / (world if v.aggregation == "mean" else copies)).to(v.value.dtype))
        start += v.value.numel()
    with StatelessScope(state_mapping=list(zip(variables, values))):
        return {**logs, **model.get_metrics_result()}


def _gathered(outputs, world, owners):
    """Every share's outputs in batch order, from one process per share."""
    def gather(t):
        parts = [torch.empty_like(t) for _ in range(world)]
        dist.all_gather(parts, t.contiguous())
        return torch.cat([parts[r] for r in owners])

    return optree.tree_map(gather, outputs)
