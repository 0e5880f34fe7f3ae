"""The devices of a run, and joining a multi-process run."""
import os

from keras_lite.distribution._engine import backend_distribution

_ENV_ADDRESSES = "KERAS_DISTRIBUTION_JOB_ADDRESSES"
_ENV_PROCESSES = "KERAS_DISTRIBUTION_NUM_PROCESSES"
_ENV_PROCESS_ID = "KERAS_DISTRIBUTION_PROCESS_ID"


def list_devices(device_type=None):
    """The devices a distribution can use, as 'type:index' strings (e.g. 'cpu:0', 'gpu:1').

    `device_type` ('cpu', 'gpu', 'tpu') narrows the list; by default the engine's preferred kind. In a
    multi-process run this lists the devices of every process (on torch, one per process)."""
    if device_type is not None and not isinstance(device_type, str):
        raise TypeError(f"list_devices: device_type must be a string such as 'cpu' or 'gpu', got {device_type!r}.")
    return backend_distribution.list_devices(device_type.lower() if device_type else None)


def get_device_count(device_type=None):
    """How many devices `list_devices(device_type)` gives."""
    return len(list_devices(device_type))


def initialize(job_addresses=None, num_processes=None, process_id=None):
    """Join a multi-process run; call it in every process before building any model.

    `job_addresses` is "host:port" of the coordinator (process 0), or a comma-separated list of every
    process's address (TensorFlow needs the list; the other engines use the first entry). Missing
    arguments come from KERAS_DISTRIBUTION_JOB_ADDRESSES, KERAS_DISTRIBUTION_NUM_PROCESSES and
    KERAS_DISTRIBUTION_PROCESS_ID, then from the engine's own launcher variables (torchrun's
    MASTER_ADDR/MASTER_PORT/WORLD_SIZE/RANK, TF_CONFIG, the cluster detection of jax.distributed).
    """
    job_addresses = job_addresses or os.environ.get(_ENV_ADDRESSES) or None
    num_processes = _count("num_processes", num_processes, _ENV_PROCESSES)
    process_id = _count("process_id", process_id, _ENV_PROCESS_ID)
    if job_addresses is not None and (not isinstance(job_addresses, str) or
                                      not all(":" in a for a in job_addresses.split(","))):
        raise ValueError("initialize: job_addresses must be 'host:port' or a comma-separated list of them, got "
                         f"{job_addresses!r}.")
    if num_processes is not None and num_processes < 1:
        raise ValueError(f"initialize: num_processes must be at least 1, got {num_processes}.")
    if process_id is not None and num_processes is not None and not 0 <= process_id < num_processes:
        raise ValueError(f"initialize: process_id must be in [0, {num_processes}), got {process_id}.")
    backend_distribution.initialize(job_addresses, num_processes, process_id)


def num_processes():
    """How many processes take part in this run (1 unless `initialize` joined a multi-process run)."""
    return backend_distribution.num_processes()


def process_id():
    """This process's index in the run; process 0 writes the checkpoints."""
    return backend_distribution.process_id()


def _count(name, value, env_name):
    if value is None:
        value = os.environ.get(env_name) or None
        if value is None:
            return None
        try:
            return int(value)
        except ValueError:
            raise ValueError(f"initialize: {env_name}={value!r} is not an integer.") from None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"initialize: {name} must be an integer, got {value!r}.")
    return value
