"""jax: math ops."""
