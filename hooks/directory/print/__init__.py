"""Printable leaflets: their HTML and PDFs."""
