"""The version of kg, in a module of its own so that any layer may name it without importing the API."""

__version__ = "0.1.0"
