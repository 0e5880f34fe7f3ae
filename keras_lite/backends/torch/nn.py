"""torch: nn ops."""
