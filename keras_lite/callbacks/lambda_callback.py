"""LambdaCallback: a callback made of plain functions, one per hook."""
from keras_lite.callbacks.callback import Callback
from keras_lite.saving.object_registration import keras_class


@keras_class("keras.callbacks")
class LambdaCallback(Callback):
    """Each given function replaces its hook: `on_epoch_end(epoch, logs)`, `on_train_begin(logs)`,
    `on_train_batch_end(batch, logs)`, ... Other hooks (`on_test_end=...`) come as keyword arguments."""

    def __init__(self, on_epoch_begin=None, on_epoch_end=None, on_train_begin=None, on_train_end=None,
                 on_train_batch_begin=None, on_train_batch_end=None, **kwargs):
        super().__init__()
        hooks = dict(on_epoch_begin=on_epoch_begin, on_epoch_end=on_epoch_end, on_train_begin=on_train_begin,
                     on_train_end=on_train_end, on_train_batch_begin=on_train_batch_begin,
                     on_train_batch_end=on_train_batch_end)
        self.__dict__.update(kwargs)
        self.__dict__.update({name: fn for name, fn in hooks.items() if fn is not None})
