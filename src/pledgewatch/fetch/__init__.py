"""Safe HTTP and document reading, shared by capture and monitor (see README.md here)."""
