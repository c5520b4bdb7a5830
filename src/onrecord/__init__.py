"""onrecord."""
