"""NumPy: one device, the CPU, in one process. A distribution here spans that one device, where it changes
nothing; joining a multi-process run raises NotImplementedError."""
import numpy as np

from keras_lite.backends.numpy import trainer


def list_devices(device_type=None):
    return ["cpu:0"] if device_type in (None, "cpu") else []


def initialize(job_addresses, num_processes, process_id):
    if job_addresses or (num_processes or 1) > 1:
        raise NotImplementedError("The numpy backend cannot join a multi-process run (distribution.initialize): it "
                                  "runs in one process on the CPU. Use KERAS_BACKEND=jax, torch or tensorflow.")


def num_processes():
    return 1


def process_id():
    return 0


def backend_mesh(device_mesh):
    """NumPy has no mesh object: the one device is the mesh."""
    return None


def backend_layout(layout):
    """NumPy has no layout object: the one device holds every tensor whole."""
    return None


def distribute_tensor(tensor, layout):
    return np.asarray(tensor)


def distribute_variable(variable, layout):
    """Nothing to move: the variable already lies on the one device."""


def make_distributed_function(model, kind, distribution):
    make = {"train": trainer.make_train_function, "test": trainer.make_test_function,
            "predict": trainer.make_predict_function}[kind]
    return make(model)
