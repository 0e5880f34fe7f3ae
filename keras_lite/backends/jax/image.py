"""jax: image ops."""
