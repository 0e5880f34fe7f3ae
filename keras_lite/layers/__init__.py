"""`keras_lite.layers`."""
from keras_lite.layers.core.dense import Dense
from keras_lite.layers.input_layer import Input, InputLayer
from keras_lite.layers.input_spec import InputSpec
from keras_lite.layers.layer import Layer
from keras_lite.layers.core.einsum_dense import EinsumDense
from keras_lite.layers.core.embedding import Embedding
from keras_lite.layers.core.lambda_layer import Lambda
from keras_lite.layers.merging.add import Add, add
from keras_lite.layers.merging.average import Average, average
from keras_lite.layers.merging.concatenate import Concatenate, concatenate
from keras_lite.layers.merging.dot import Dot, dot
from keras_lite.layers.merging.maximum import Maximum, maximum
from keras_lite.layers.merging.minimum import Minimum, minimum
from keras_lite.layers.merging.multiply import Multiply, multiply
from keras_lite.layers.merging.subtract import Subtract, subtract
from keras_lite.layers.normalization.batch_normalization import BatchNormalization
from keras_lite.layers.normalization.group_normalization import GroupNormalization
from keras_lite.layers.normalization.layer_normalization import LayerNormalization
from keras_lite.layers.normalization.rms_normalization import RMSNormalization
from keras_lite.layers.normalization.unit_normalization import UnitNormalization
