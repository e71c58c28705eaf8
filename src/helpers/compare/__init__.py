"""Compare periods: which task of one report is which task of the next, and what changed."""
