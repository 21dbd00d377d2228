"""Builders of test documents (.docx XML packages, PDFs), used by tests and bench/."""
