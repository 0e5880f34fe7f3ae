"""torch: math ops."""
