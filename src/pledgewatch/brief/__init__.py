"""Brief: what people read: listings, the status dashboard, and later digests and reports."""
