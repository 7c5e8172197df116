"""Pages as HTML: the page writer and its Jinja templates, maps, QR codes, the finder."""
