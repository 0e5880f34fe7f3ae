"""Preprocessing layers: rescaling, resizing and cropping images, feature normalization."""
