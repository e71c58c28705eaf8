"""Judge each task against the time pace: quantities, clauses, findings, parts, the status rules, corrections, review."""
