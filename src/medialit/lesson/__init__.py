"""A lesson file read, checked and anchored: the first stage of the pipeline."""
