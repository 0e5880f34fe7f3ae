"""jax: random ops."""
