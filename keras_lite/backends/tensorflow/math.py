"""tensorflow: math ops."""
