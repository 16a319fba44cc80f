"""Pure functions that read what users write: dates, progress, plans, imported logs."""
