"""One router per resource area."""
