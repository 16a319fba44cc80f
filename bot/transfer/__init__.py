"""Moving a log in and out: Markdown, jrnl, JSON and CSV export, imports."""
