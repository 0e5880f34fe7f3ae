"""`keras_lite.mixed_precision`: the dtype policy names Keras also exports here."""
from keras_lite.dtype_policies.dtype_policy import DTypePolicy, dtype_policy, set_dtype_policy
from keras_lite.optimizers.loss_scale_optimizer import LossScaleOptimizer

Policy = DTypePolicy
global_policy = dtype_policy
set_global_policy = set_dtype_policy

__all__ = ["DTypePolicy", "LossScaleOptimizer", "Policy", "dtype_policy", "global_policy", "set_dtype_policy", "set_global_policy"]
