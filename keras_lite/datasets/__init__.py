"""`keras_lite.datasets`: Keras's small datasets, downloaded once into $KERAS_HOME/datasets (same file
names, URLs and hashes as Keras, so a cache filled by either serves both)."""
from keras_lite.datasets import (boston_housing, california_housing, cifar10, cifar100, fashion_mnist, imdb, mnist,
                                 reuters)

__all__ = ["boston_housing", "california_housing", "cifar10", "cifar100", "fashion_mnist", "imdb", "mnist",
           "reuters"]
