"""CTC loss for unsegmented sequences (speech, handwriting): labels need no alignment to time steps."""
from keras_lite import ops
from keras_lite.losses.losses import LossFunctionWrapper
from keras_lite.saving.object_registration import keras_class


def ctc(y_true, y_pred):
    """Per-sequence CTC loss. `y_true` (batch, max_label_length) integer labels padded with 0, which is
    also the blank class; `y_pred` (batch, time, classes) logits. Every sequence uses all time steps."""
    y_true, y_pred = ops.convert_to_tensor(y_true), ops.convert_to_tensor(y_pred)
    if len(y_true.shape) != 2:
        raise ValueError(f"ctc: `y_true` must have shape (batch_size, max_length) with integer labels, got shape "
                         f"{tuple(y_true.shape)}.")
    if len(y_pred.shape) != 3:
        raise ValueError(f"ctc: `y_pred` must have shape (batch_size, max_length, num_classes) (logits), got shape "
                         f"{tuple(y_pred.shape)}.")
    y_true = ops.cast(y_true, "int32")
    label_length = ops.sum(ops.cast(ops.not_equal(y_true, 0), "int32"), axis=-1)
    batch, steps = ops.shape(y_pred)[0], ops.shape(y_pred)[1]
    output_length = ops.multiply(ops.ones((batch,), dtype="int32"), steps)
    return ops.ctc_loss(y_true, y_pred, label_length, output_length, mask_index=0)


@keras_class("keras.losses")
class CTC(LossFunctionWrapper):
    _config_keys = ()

    def __init__(self, reduction="sum_over_batch_size", name="ctc", dtype=None):
        super().__init__(ctc, reduction=reduction, name=name, dtype=dtype)
