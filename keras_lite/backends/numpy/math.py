"""numpy: math ops."""
