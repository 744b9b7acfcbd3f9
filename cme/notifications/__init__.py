"""One notifications service: email or GOV.UK Notify, message log, preferences, digests."""
