"""numpy: nn ops."""
