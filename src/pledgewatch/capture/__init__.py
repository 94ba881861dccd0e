"""Capture: agreements, their documents and commitments, read from files and stored."""
