"""Language-aware text analysis shared by capture and link: temporal expressions first."""
