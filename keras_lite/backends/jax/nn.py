"""jax: nn ops."""
