"""Rozcestník's core: records, validation and page text, with no MkDocs imports.

The MkDocs hooks in the folder above only translate build events into calls to this package.
"""
