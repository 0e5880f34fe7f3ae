"""torch: image ops."""
