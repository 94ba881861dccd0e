"""Linking: rank the commitments a news item or release is evidence for, with reasons.

records (what the linker knows of commitments), features (an item read once), index (the
commitments as BM25 documents and signal matrices), calibration (one logistic score), cues and
actors (the lexicons of data/cues.yaml and data/actors.yaml), linker (ranking, judgements and
reasons), evaluation (scoring a linker on a labelled news set). See docs/linking.md.
"""
