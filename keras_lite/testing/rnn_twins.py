"""A recurrent layer and its twin that must run the step-by-step loop, for tests of the fused kernels."""
import numpy as np


def fused_and_looped(cls, **kwargs):
    """(layer, twin with the same weights that cannot take the fused path (use_cudnn=False), input of shape
    (3, 7, 4)); 5 units, sequences and states returned."""
    fused, looped = cls(5, return_sequences=True, return_state=True, **kwargs), cls(
        5, return_sequences=True, return_state=True, use_cudnn=False, **kwargs)
    x = np.random.default_rng(0).normal(size=(3, 7, 4)).astype("float32")
    fused(x), looped(x)
    looped.set_weights([w + 0.1 * np.random.default_rng(i).normal(size=w.shape).astype("float32")
                        for i, w in enumerate(fused.get_weights())])
    fused.set_weights(looped.get_weights())
    return fused, looped, x
