"""icp-tui: build an Ideal Customer Profile from your best accounts and score prospects."""

__version__ = "0.1.0"
