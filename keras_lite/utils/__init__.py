"""`keras_lite.utils`."""
from keras_lite.utils.progbar import Progbar
from keras_lite.utils.py_dataset import PyDataset, Sequence

__all__ = ["Progbar", "PyDataset", "Sequence"]
