"""pledgewatch: track what governments do after they sign an agreement.

The package follows the flow capture -> monitor -> link -> assess -> brief, over the shared
layers text/, fetch/ and store/; cli.py and web/ are the two faces on top.
"""

__version__ = "0.1.0"
