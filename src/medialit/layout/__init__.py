"""HTML laid out into PDF by WeasyPrint: what it may fetch, kept layouts, stamping, fonts."""
