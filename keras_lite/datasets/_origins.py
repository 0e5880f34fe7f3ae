"""Where Keras's datasets are published (the same URLs Keras downloads from)."""
TF_KERAS_DATASETS = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
