"""tensorflow: linalg ops."""
