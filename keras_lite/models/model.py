"""Model: a Layer with the training API. `Model(inputs, outputs)` makes a Functional model;
subclassing Model defines the forward pass in `call`."""
from keras_lite.layers.layer import Layer
from keras_lite.saving.object_registration import keras_class
from keras_lite.trainers.trainer import Trainer


@keras_class("keras", "Model")
class Model(Trainer, Layer):
    def __new__(cls, *args, **kwargs):
        if cls is Model and (args or "inputs" in kwargs or "outputs" in kwargs):
            from keras_lite.models.functional import Functional

            return Functional.__new__(Functional)
        return super().__new__(cls)

    def __init__(self, *args, **kwargs):
        trainable = kwargs.pop("trainable", True)
        name = kwargs.pop("name", None)
        dtype = kwargs.pop("dtype", None)
        if args:
            raise TypeError(f"{type(self).__name__}() takes keyword arguments only (name, trainable, dtype); "
                            f"got positional arguments {args!r}.")
        super().__init__(trainable=trainable, name=name, dtype=dtype, **kwargs)

    def summary(self, line_length=None, positions=None, print_fn=None, expand_nested=False, show_trainable=False,
                layer_range=None):
        """Print the table of layers, output shapes and parameter counts."""
        from keras_lite.utils import summary_utils

        summary_utils.print_summary(self, line_length=line_length, positions=positions, print_fn=print_fn,
                                    expand_nested=expand_nested, show_trainable=show_trainable,
                                    layer_range=layer_range)

    def get_layer(self, name=None, index=None):
        """A layer by name or by index in `layers`."""
        if index is not None and name is not None:
            raise ValueError("get_layer: provide `name` or `index`, not both.")
        if index is not None:
            if not -len(self.layers) <= index < len(self.layers):
                raise ValueError(f"get_layer: index {index} is out of range for a model with "
                                 f"{len(self.layers)} layers.")
            return self.layers[index]
        if name is not None:
            for layer in self.layers:
                if layer.name == name:
                    return layer
            raise ValueError(f"No such layer: {name!r}. Existing layers: {[layer.name for layer in self.layers]}.")
        raise ValueError("get_layer: provide a layer `name` or `index`.")

    def save(self, filepath, overwrite=True, zipped=None, **kwargs):
        """Write a `.keras` file: config, weights and optimizer state (keras_lite.saving.save_model)."""
        from keras_lite.saving import saving_api

        return saving_api.save_model(self, filepath, overwrite=overwrite, zipped=zipped, **kwargs)

    def save_weights(self, filepath, overwrite=True, max_shard_size=None):
        from keras_lite.saving import saving_api

        return saving_api.save_weights(self, filepath, overwrite=overwrite, max_shard_size=max_shard_size)

    def load_weights(self, filepath, skip_mismatch=False, **kwargs):
        from keras_lite.saving import saving_api

        return saving_api.load_weights(self, filepath, skip_mismatch=skip_mismatch, **kwargs)

    def to_json(self, **kwargs):
        """The model's config as JSON (`keras_lite.models.model_from_json` rebuilds it, without weights)."""
        from keras_lite.saving import saving_api

        return saving_api.model_to_json(self, **kwargs)

    def get_config(self):
        """Subclassed models have no generic config: override get_config() to make them serializable."""
        return {"name": self.name, "trainable": self.trainable}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """A functional config (with `layers` and `input_layers`) rebuilds a graph; anything else goes to
        the class's constructor."""
        if "layers" in config and "input_layers" in config:
            from keras_lite.models.functional import Functional
            from keras_lite.models.functional_config import functional_from_config

            return functional_from_config(cls if issubclass(cls, Functional) else Functional, config, custom_objects)
        return super().from_config(config)
