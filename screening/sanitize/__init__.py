"""Sanitized copies (DESIGN.md §5): a plan of actions from a report, applied to a copy of a
.docx or .pdf, then re-scanned."""
