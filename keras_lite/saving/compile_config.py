"""A model's `compile_config`: written with the optimizer object (as Keras 3 writes it), and replayed
on load so that the loaded model is compiled and its optimizer built, ready to take its state."""
import inspect
import warnings

from keras_lite.optimizers.optimizer import Optimizer


def serialize_compile_config(model):
    """The serialized compile arguments; `{}` for a model never compiled (as Keras 3 writes it)."""
    config = model.get_compile_config()
    if not config:
        return {}
    from keras_lite.saving.serialization_lib import serialize_keras_object

    config = dict(config)
    optimizer = getattr(model, "optimizer", None)
    if isinstance(optimizer, Optimizer) and not isinstance(config.get("optimizer"), Optimizer):
        config["optimizer"] = optimizer  # "adam" -> the Adam it became, with its settings
    return serialize_keras_object(config)


def compile_from_config(model, config):
    from keras_lite.saving.serialization_lib import deserialize_keras_object
    from keras_lite.trainers.trainer import Trainer

    if not isinstance(model, Trainer):
        return
    if type(model).compile is not Trainer.compile:
        warnings.warn(f"{type(model).__name__} overrides compile(), so the loaded model is not compiled from the "
                      "file's compile_config; call compile() yourself.", stacklevel=3)
        return
    accepted = inspect.signature(Trainer.compile).parameters
    unknown = sorted(set(config) - set(accepted))
    if unknown:
        warnings.warn(f"Ignoring compile_config keys keras_lite does not know: {unknown}.", stacklevel=3)
    model.compile(**{k: deserialize_keras_object(v) for k, v in config.items() if k in accepted})
    if model.built and model.optimizer is not None:
        model.optimizer.build(model.trainable_variables)  # its variables exist before the file's are read
