"""The only code that knows MkDocs, Material and the i18n plugin's conventions."""
