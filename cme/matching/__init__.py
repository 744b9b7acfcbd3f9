"""Record matching: is this child already known?."""
