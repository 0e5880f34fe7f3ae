"""torch: random ops."""
