"""Every ORM model module, imported together so Base.metadata describes the whole schema.

Alembic's environment and the migration tests import this module; a new model module adds
one line here.
"""

from pledgewatch.store import evidence_models, models, monitor_models, proposal_models
from pledgewatch.store.models import Base

__all__ = ["Base", "evidence_models", "models", "monitor_models", "proposal_models"]
