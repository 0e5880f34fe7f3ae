"""Bidirectional: runs a recurrent layer forwards and a copy of it backwards, and merges the two.

Owns `forward_layer` (a copy of `layer`, named `forward_<name>`) and
`backward_layer` (`backward_layer`, or a copy of `layer` with go_backwards=True
named `backward_<name>`); its weights are the forward layer's, then the
backward layer's. The backward outputs are flipped back into time order
before merging ("concat", "sum", "ave", "mul", or None for a pair). With
`return_sequences`, masked steps output zeros in both directions (Keras).
"""
import optree

from keras_lite import ops
from keras_lite.layers._mask_shape import check_mask_shape
from keras_lite.layers.layer import Layer
from keras_lite.layers.rnn._cell_protocol import build_sublayer
from keras_lite.saving import serialization_lib
from keras_lite.saving.object_registration import keras_class

_MERGE_MODES = ("concat", "sum", "ave", "mul", None)


def _copy(layer, name, **changes):
    config = {**layer.get_config(), "name": name, **changes}
    return type(layer).from_config(config)


def _strip(prefix, name):
    return name[len(prefix):] if name.startswith(prefix) else name


@keras_class("keras.layers")
class Bidirectional(Layer):
    def __init__(self, layer, merge_mode="concat", weights=None, backward_layer=None, **kwargs):
        if not isinstance(layer, Layer):
            raise ValueError(f"Bidirectional: `layer` must be a keras_lite Layer (an RNN), got {layer!r}.")
        if backward_layer is not None and not isinstance(backward_layer, Layer):
            raise ValueError(f"Bidirectional: `backward_layer` must be a keras_lite Layer, got {backward_layer!r}.")
        if merge_mode not in _MERGE_MODES:
            raise ValueError(f"Bidirectional: `merge_mode` must be one of {_MERGE_MODES}, got {merge_mode!r}.")
        for attribute in ("go_backwards", "return_sequences", "return_state", "stateful"):
            if not hasattr(layer, attribute):
                raise ValueError(f"Bidirectional: `layer` must be a recurrent layer with `{attribute}`, got {layer!r}.")
        super().__init__(**kwargs)
        self.forward_layer = _copy(layer, "forward_" + _strip("forward_", layer.name))
        if backward_layer is None:
            backward_layer = _copy(layer, "backward_" + _strip("backward_", layer.name), go_backwards=True)
        self.backward_layer = backward_layer
        if hasattr(layer, "use_cudnn"):
            self.forward_layer.use_cudnn = self.backward_layer.use_cudnn = layer.use_cudnn
        self._check_directions()
        for direction in (self.forward_layer, self.backward_layer):
            if hasattr(direction, "zero_output_for_mask"):
                direction.zero_output_for_mask = direction.return_sequences
        self.merge_mode = merge_mode
        self._initial_weights = weights
        self.stateful = layer.stateful
        self.return_sequences = layer.return_sequences
        self.return_state = layer.return_state
        self.supports_masking = True
        self.input_spec = layer.input_spec

    def _check_directions(self):
        forward, backward = self.forward_layer, self.backward_layer
        if forward.go_backwards == backward.go_backwards:
            raise ValueError(
                f"Bidirectional: the forward layer {forward.name!r} and backward layer {backward.name!r} must have "
                f"different `go_backwards`, both have {forward.go_backwards}.")
        for attribute in ("return_sequences", "return_state", "stateful"):
            if getattr(forward, attribute) != getattr(backward, attribute):
                raise ValueError(
                    f"Bidirectional: the forward layer {forward.name!r} and backward layer {backward.name!r} must "
                    f"have the same `{attribute}`, got {getattr(forward, attribute)} and "
                    f"{getattr(backward, attribute)}.")

    @property
    def states(self):
        if self.forward_layer.states is not None and self.backward_layer.states is not None:
            return tuple(self.forward_layer.states) + tuple(self.backward_layer.states)
        return None

    def reset_state(self):
        if not self.stateful:
            raise AttributeError(f"Bidirectional {self.name!r}: reset_state() needs a stateful layer.")
        self.forward_layer.reset_state()
        self.backward_layer.reset_state()

    reset_states = reset_state

    def build(self, sequences_shape, initial_state_shape=None):
        build_sublayer(self.forward_layer, sequences_shape)
        build_sublayer(self.backward_layer, sequences_shape)
        if self._initial_weights:
            self.set_weights(self._initial_weights)
            self._initial_weights = None

    def call(self, sequences, initial_state=None, mask=None, training=None):
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        if mask is not None:  # checked here too, so that the error names this layer when called eagerly
            first = optree.tree_leaves(sequences)[0]
            check_mask_shape(self, "mask", mask, first.shape[:2], {"input": first.shape})
        kwargs = {"training": training, "mask": mask}
        forward_state = backward_state = None
        if initial_state is not None:
            half = len(initial_state) // 2
            forward_state, backward_state = list(initial_state[:half]), list(initial_state[half:])
        y = self.forward_layer(sequences, initial_state=forward_state, **kwargs)
        y_rev = self.backward_layer(sequences, initial_state=backward_state, **kwargs)
        states = ()
        if self.return_state:
            states = optree.tree_map(lambda s: ops.cast(s, self.compute_dtype), tuple(y[1:]) + tuple(y_rev[1:]))
            y, y_rev = y[0], y_rev[0]
        y, y_rev = ops.cast(y, self.compute_dtype), ops.cast(y_rev, self.compute_dtype)
        if self.return_sequences:
            y_rev = ops.flip(y_rev, axis=1)
        if self.merge_mode == "concat":
            output = ops.concatenate([y, y_rev], axis=-1)
        elif self.merge_mode == "sum":
            output = y + y_rev
        elif self.merge_mode == "ave":
            output = (y + y_rev) / 2
        elif self.merge_mode == "mul":
            output = y * y_rev
        else:
            output = (y, y_rev)
        if not self.return_state:
            return output
        return (output if self.merge_mode is None else (output,)) + states

    def compute_mask(self, inputs, previous_mask=None):
        mask = previous_mask[0] if isinstance(previous_mask, (list, tuple)) else previous_mask
        output_mask = mask if self.return_sequences else None
        if output_mask is None:
            return None
        masks = [output_mask] * (2 if self.merge_mode is None else 1)
        if self.return_state:
            masks += [None] * (2 * len(self.forward_layer.get_initial_state(1)))
        return masks if len(masks) > 1 else output_mask

    def get_config(self):
        config = super().get_config()
        config.update({
            "merge_mode": self.merge_mode,
            "layer": serialization_lib.serialize_keras_object(self.forward_layer),
            "backward_layer": serialization_lib.serialize_keras_object(self.backward_layer),
        })
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        config["layer"] = serialization_lib.deserialize_keras_object(config["layer"], custom_objects)
        if config.get("backward_layer") is not None:
            config["backward_layer"] = serialization_lib.deserialize_keras_object(config["backward_layer"],
                                                                                  custom_objects)
        return super().from_config(config)
