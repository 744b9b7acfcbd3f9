"""Term dates, school days and paused clocks."""
