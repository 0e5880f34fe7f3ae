"""image ops."""
__all__ = []
