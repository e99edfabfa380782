"""The facilitator dashboard, one module per tab, each refreshing by itself.

The page file (``pages/facilitate.py``) checks the facilitator's access and lays out the
tabs; each tab is a fragment that re-reads the group picture every few seconds, so counts,
statistics and distributions keep up without a reload and without moving the facilitator's
place. Every group figure follows the workshop's minimum group size ``k``.
"""

from __future__ import annotations

from .common import REFRESH_SECONDS, workshop_snapshot
from .consensus import consensus_tab
from .disagreement import disagreement_tab
from .live import live_tab
from .manage import manage_tab
from .roles import roles_tab
from .rounds import rounds_tab

__all__ = [
    "REFRESH_SECONDS",
    "consensus_tab",
    "disagreement_tab",
    "live_tab",
    "manage_tab",
    "roles_tab",
    "rounds_tab",
    "workshop_snapshot",
]
