"""Each sheet's template context and its HTML, from Jinja templates in a sandbox."""
