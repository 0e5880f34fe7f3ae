"""jax: linalg ops."""
