"""Monitoring: watch sources, store every new item exactly once, group copies into stories.

- sources.py: the source registry (add, list, remove), with its input checks;
- readers/: one reader per kind of source (feed, page, sitemap, folder), turning a source into
  documents, known URLs and per-entry errors; files.py reads local files;
- ingestion.py: stores one entry per transaction, deciding exact copy / near-copy / new story
  (urls.py canonical URLs, fingerprints.py hashes and MinHash, duplicates.py the LSH index);
- runner.py: runs due sources under their lease and records their health (watch, worker);
- queue.py: the procrastinate task queue that shares the work between workers on PostgreSQL;
- oneoff.py: one-off ingestion of files, folders and URLs; sample.py: the shipped sample source;
- catalog.py and views.py: what is stored, as views for the faces.
"""
