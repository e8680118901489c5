"""Widgets with behaviour of their own, one per module."""
