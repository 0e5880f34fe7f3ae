"""numpy: random ops."""
