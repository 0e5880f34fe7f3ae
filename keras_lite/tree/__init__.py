"""`keras_lite.tree`."""
