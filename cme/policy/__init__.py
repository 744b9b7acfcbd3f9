"""Versioned policy values: timescales, mailboxes, risk rules, legal periods."""
