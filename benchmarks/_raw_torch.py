"""The hand-written PyTorch loop: an `nn.Module`, `torch.optim` (RMSprop/Adam at Keras's settings),
zero_grad / backward / step per batch; loss and accuracy summed on the tensor side, read once an epoch."""
import numpy as np
import torch
import torch.nn.functional as F

from _clock import EpochClock
from _optimizer_settings import OPTIMIZER_DEFAULTS


def _loss_and_correct(kind, logits, y):
    if kind == "sparse_categorical":
        return F.cross_entropy(logits, y), (logits.argmax(-1) == y).sum()
    if kind == "categorical":
        return F.cross_entropy(logits, y), (logits.argmax(-1) == y.argmax(-1)).sum()
    return F.binary_cross_entropy_with_logits(logits, y), ((logits > 0.5) == (y > 0.5)).sum()


def _optimizer(kind, parameters):
    settings = OPTIMIZER_DEFAULTS[kind]
    if kind == "rmsprop":
        return torch.optim.RMSprop(parameters, lr=settings["learning_rate"], alpha=settings["rho"],
                                   eps=settings["epsilon"])
    return torch.optim.Adam(parameters, lr=settings["learning_rate"],
                            betas=(settings["beta_1"], settings["beta_2"]), eps=settings["epsilon"])


def torch_layout(workload, x, y):
    """The data as a torch user holds it: channels-first images, int64 class labels."""
    if getattr(workload, "CHANNELS_FIRST_FOR_TORCH", False):
        x = np.ascontiguousarray(np.moveaxis(x, -1, 1))
    if workload.LOSS == "sparse_categorical":
        y = y.astype(np.int64)
    if x.dtype == np.int32:
        x = x.astype(np.int64)
    return x, y


class Runner:
    """build / fit / predict / predict_one / call_one over a workload's `raw_torch(rng)` module."""

    def __init__(self, workload, seed):
        self.workload = workload
        self.seed = seed
        self.rng = np.random.default_rng(seed)

    def prepare(self, x, y):
        return torch_layout(self.workload, x, y)

    def build(self):
        torch.manual_seed(self.seed)
        self.module = self.workload.raw_torch(np.random.default_rng(self.seed))
        self.optimizer = _optimizer(self.workload.OPTIMIZER, self.module.parameters())

    def fit(self, x, y, epochs):
        batch, steps, kind = self.workload.BATCH, len(x) // self.workload.BATCH, self.workload.LOSS
        module, optimizer = self.module, self.optimizer
        module.train()
        clock, losses = EpochClock(), []
        for _ in range(epochs):
            clock.start()
            sums = torch.zeros(3)
            order = self.rng.permutation(len(x))
            for i in range(steps):
                index = order[i * batch:(i + 1) * batch]
                xb, yb = torch.from_numpy(x[index]), torch.from_numpy(y[index])
                loss, correct = _loss_and_correct(kind, module(xb), yb)
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                optimizer.step()
                with torch.no_grad():
                    sums += torch.stack([loss.detach(), correct.float(), torch.tensor(1.0)])
            sums = sums.numpy()
            clock.stop()
            losses.append(float(sums[0] / sums[2]))
        return clock, losses

    def predict(self, x):
        step = self.workload.PREDICT_BATCH
        self.module.eval()
        with torch.no_grad():
            return np.concatenate([self.module(torch.from_numpy(x[i:i + step])).numpy()
                                   for i in range(0, len(x), step)])

    def predict_one(self, x):
        self.module.eval()
        with torch.no_grad():
            return self.module(torch.from_numpy(x)).numpy()

    def call_one(self, x):
        """A plain module call (autograd on), as `model(x)` is."""
        self.module.eval()
        return self.module(torch.from_numpy(x)).detach().numpy()
