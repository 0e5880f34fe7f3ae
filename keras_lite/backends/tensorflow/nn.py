"""tensorflow: nn ops."""
