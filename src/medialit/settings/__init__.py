"""Settings: every option and its default, the layers it comes from, languages and themes."""
