"""One router per area of the explorer; each serves its pages and their `/api/...` JSON."""
