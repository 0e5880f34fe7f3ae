"""tensorflow: image ops."""
