"""medialit test suite."""
