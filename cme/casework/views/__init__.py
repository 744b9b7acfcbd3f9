"""Views of the case pages, one module per slice: detail, outcomes, lists."""
