"""The active backend's distribution module (`keras_lite.backends.<name>.distribution`).

Imported by name because the backend packages do not import it themselves.
"""
import importlib

from keras_lite.backends import engine

backend_distribution = importlib.import_module(f"{engine.__name__}.distribution")
