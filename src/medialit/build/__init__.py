"""A build from start to end: settle the lesson, plan its documents, lay out, finish."""
