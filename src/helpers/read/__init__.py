"""Read a report as published: decode it, find its records and their roles, name the units and sectors."""
