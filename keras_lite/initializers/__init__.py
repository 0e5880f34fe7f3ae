"""`keras_lite.initializers`: Keras's initializers; random ones are drawn on the host so every engine
starts from the same weights (DESIGN decision 10)."""
from keras_lite.initializers.initializer import (STFT, Constant, Identity, IdentityInitializer, Initializer, Ones,
                                                 STFTInitializer, Zeros)
from keras_lite.initializers.random_initializers import (GlorotNormal, GlorotUniform, HeNormal, HeUniform,
                                                         LecunNormal, LecunUniform, Orthogonal, OrthogonalInitializer,
                                                         RandomNormal, RandomUniform, TruncatedNormal,
                                                         VarianceScaling)
from keras_lite.saving import serialization_lib

# The lower-case names Keras also exports.
zeros, ones, constant, identity, stft = Zeros, Ones, Constant, Identity, STFT
random_normal, random_uniform, truncated_normal = RandomNormal, RandomUniform, TruncatedNormal
variance_scaling, orthogonal = VarianceScaling, Orthogonal
glorot_uniform, glorot_normal, he_uniform, he_normal = GlorotUniform, GlorotNormal, HeUniform, HeNormal
lecun_uniform, lecun_normal = LecunUniform, LecunNormal

_BY_NAME = {name: obj for name, obj in globals().items() if isinstance(obj, type) and issubclass(obj, Initializer)}

# Names Keras also accepts in `get` (Embedding's default is "uniform"), not exported.
_ALIASES = {"uniform": RandomUniform, "normal": RandomNormal, "one": Ones, "zero": Zeros}

deserialize, get = serialization_lib.identifier_functions("initializer", {**_BY_NAME, **_ALIASES})


def serialize(initializer):
    return serialization_lib.serialize_keras_object(initializer)

__all__ = sorted(_BY_NAME) + ["deserialize", "get", "serialize"]
