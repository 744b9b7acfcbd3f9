"""Periodic work: overdue scan, reminders, escalations, digests."""
