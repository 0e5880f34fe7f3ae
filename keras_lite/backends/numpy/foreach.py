"""NumPy: arithmetic over lists of tensors for the built-in optimizer rules, one op per element."""
from keras_lite.backends.common.foreach import one_by_one
from keras_lite.backends.numpy import elementwise

(add, subtract, multiply, divide, maximum, square, sqrt, assign, add_, subtract_, multiply_, divide_, sqrt_, add_to,
 subtract_from) = one_by_one(elementwise)
