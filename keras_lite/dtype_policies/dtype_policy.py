"""DTypePolicy: the dtype a layer computes in and the dtype its variables are stored in."""
from keras_lite.backends.common import config, dtypes

_MIXED = {"mixed_float16": "float16", "mixed_bfloat16": "bfloat16"}


class DTypePolicy:
    """`"float32"`, `"bfloat16"`, ... or `"mixed_float16"` / `"mixed_bfloat16"`
    (compute in 16 bits, keep variables in float32)."""

    def __init__(self, name=None):
        if isinstance(name, DTypePolicy):
            name = name.name
        name = config.floatx() if name is None else name
        if not isinstance(name, str):
            raise TypeError(f"DTypePolicy name must be a string, got {type(name).__name__}: {name!r}.")
        if name in _MIXED:
            self._compute_dtype, self._variable_dtype = _MIXED[name], "float32"
        else:
            try:
                self._compute_dtype = self._variable_dtype = dtypes.standardize_dtype(name)
            except ValueError:
                raise ValueError(
                    f"Cannot convert {name!r} to a DTypePolicy: expected a dtype name or one of "
                    f"{sorted(_MIXED)}.") from None
        self._name = name

    @property
    def name(self):
        return self._name

    @property
    def compute_dtype(self):
        return self._compute_dtype

    @property
    def variable_dtype(self):
        return self._variable_dtype

    @property
    def quantization_mode(self):
        return None

    def convert_input(self, x, autocast, dtype):
        """Cast float inputs to `dtype` when autocasting is on."""
        from keras_lite import ops

        if autocast and dtypes.is_float_dtype(ops.dtype(x)) and ops.dtype(x) != dtype:
            return ops.cast(x, dtype)
        return x

    def get_config(self):
        return {"name": self._name}

    @classmethod
    def from_config(cls, config_dict):
        return cls(**config_dict)

    def __eq__(self, other):
        return isinstance(other, DTypePolicy) and other.name == self.name

    def __hash__(self):
        return hash(self._name)

    def __repr__(self):
        return f'<DTypePolicy "{self._name}">'


FloatDTypePolicy = DTypePolicy


def get(identifier):
    """A DTypePolicy from a policy, a name, or a serialized config (None: the global policy)."""
    if identifier is None:
        return dtype_policy()
    if isinstance(identifier, DTypePolicy):
        return identifier
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        return DTypePolicy(identifier)
    raise ValueError(f"Cannot interpret {identifier!r} as a dtype policy.")


def serialize(dtype_policy):
    return {"module": "keras", "class_name": "DTypePolicy", "config": dtype_policy.get_config(),
            "registered_name": None}


def deserialize(config, custom_objects=None):
    if not isinstance(config, dict) or config.get("class_name") not in ("DTypePolicy", "FloatDTypePolicy"):
        raise ValueError(f"Not a serialized DTypePolicy: {config!r}.")
    return DTypePolicy.from_config(config["config"])


def dtype_policy():
    """The global policy (floatx when none was set)."""
    policy = config.get("dtype_policy")
    return policy if policy is not None else DTypePolicy(config.floatx())


def set_dtype_policy(policy):
    config.set("dtype_policy", get(policy) if policy is not None else None)
