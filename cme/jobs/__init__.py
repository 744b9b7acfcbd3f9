"""Progress of long-running background jobs."""
