"""`keras_lite.random`."""
