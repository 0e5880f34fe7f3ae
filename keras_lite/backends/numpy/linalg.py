"""numpy: linalg ops."""
