"""Regularization layers: dropout, noise, activity penalties."""
