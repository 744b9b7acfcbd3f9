"""Common Transfer File: build and parse (pure format module)."""
