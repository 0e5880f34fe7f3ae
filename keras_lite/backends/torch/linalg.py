"""torch: linalg ops."""
