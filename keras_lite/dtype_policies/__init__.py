"""`keras_lite.dtype_policies`."""
from keras_lite.dtype_policies.dtype_policy import DTypePolicy, FloatDTypePolicy, deserialize, get, serialize

__all__ = ["DTypePolicy", "FloatDTypePolicy", "deserialize", "get", "serialize"]
