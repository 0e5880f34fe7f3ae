"""numpy: image ops."""
