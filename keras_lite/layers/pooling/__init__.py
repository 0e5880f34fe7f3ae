"""Pooling layers: windowed and global max and average pooling."""
