"""tensorflow: random ops."""
