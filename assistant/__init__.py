"""Protégé-led coaching assistant: it asks, the protégé leads."""

__version__ = "0.1.0"
