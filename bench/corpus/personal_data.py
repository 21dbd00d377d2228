"""Personal data planted in prose, tables, headers, comments and PDFs, and the decoys of
domain.md §6 that must not fire (the personal-data issue fills this module)."""
