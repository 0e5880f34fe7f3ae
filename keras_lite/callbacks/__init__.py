"""keras.callbacks: hooks into fit/evaluate/predict. Imported on first use (`keras_lite.backends.common.lazy`)."""
from keras_lite.backends.common import lazy as _lazy

__getattr__, __dir__, __all__ = _lazy.attach(__name__, {
    ".backup_and_restore": ("BackupAndRestore",),
    ".callback": ("Callback", "CallbackList"),
    ".csv_logger": ("CSVLogger",),
    ".early_stopping": ("EarlyStopping",),
    ".history": ("History",),
    ".lambda_callback": ("LambdaCallback",),
    ".learning_rate_scheduler": ("LearningRateScheduler",),
    ".model_checkpoint": ("ModelCheckpoint",),
    ".progbar_logger": ("ProgbarLogger",),
    ".reduce_lr_on_plateau": ("ReduceLROnPlateau",),
    ".remote_monitor": ("RemoteMonitor",),
    ".swap_ema_weights": ("SwapEMAWeights",),
    ".tensorboard": ("TensorBoard",),
    ".terminate_on_nan": ("TerminateOnNaN",),
})
