"""keras.callbacks: hooks into fit/evaluate/predict."""
from keras_lite.callbacks.backup_and_restore import BackupAndRestore
from keras_lite.callbacks.callback import Callback, CallbackList
from keras_lite.callbacks.csv_logger import CSVLogger
from keras_lite.callbacks.early_stopping import EarlyStopping
from keras_lite.callbacks.history import History
from keras_lite.callbacks.lambda_callback import LambdaCallback
from keras_lite.callbacks.learning_rate_scheduler import LearningRateScheduler
from keras_lite.callbacks.model_checkpoint import ModelCheckpoint
from keras_lite.callbacks.progbar_logger import ProgbarLogger
from keras_lite.callbacks.reduce_lr_on_plateau import ReduceLROnPlateau
from keras_lite.callbacks.remote_monitor import RemoteMonitor
from keras_lite.callbacks.swap_ema_weights import SwapEMAWeights
from keras_lite.callbacks.tensorboard import TensorBoard
from keras_lite.callbacks.terminate_on_nan import TerminateOnNaN

__all__ = ["BackupAndRestore", "CSVLogger", "Callback", "CallbackList", "EarlyStopping", "History",
           "LambdaCallback", "LearningRateScheduler", "ModelCheckpoint", "ProgbarLogger", "ReduceLROnPlateau",
           "RemoteMonitor", "SwapEMAWeights", "TensorBoard", "TerminateOnNaN"]
