"""`keras_lite.layers`."""
from keras_lite.layers.core.dense import Dense
from keras_lite.layers.input_layer import Input, InputLayer
from keras_lite.layers.input_spec import InputSpec
from keras_lite.layers.layer import Layer
