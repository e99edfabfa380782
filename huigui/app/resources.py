"""What one server process shares across sessions: the settings, the banks and the store.

Cached with ``st.cache_resource``: built once per process, after the settings are checked;
a broken setting, bank or database raises a :class:`scoring.HuiguiError` that ``app.py``
shows as a message.

Every saved assessment and workshop is shown and scored with the bank version it was
answered on (:func:`bank_of`); :func:`bank` is only the default for new ones.
"""

from __future__ import annotations

from typing import Protocol

import streamlit as st
from streamlit import net_util

from huigui.net import keep_streamlit_offline
from huigui.settings import Settings, load_settings
from huigui.store import Store, connect
from scoring import Bank, load_bank
from scoring.library import archived_bank_paths, bundled_bank_paths

__all__ = ["archived_banks", "bank", "bank_of", "library", "offline", "settings", "store"]


class _Versioned(Protocol):
    @property
    def bank_digest(self) -> str | None: ...


@st.cache_resource(show_spinner=False)
def offline() -> None:
    """Keep Streamlit's address look-ups off the network in this process, however the
    server was started (``huigui serve`` does it before start-up too; a bare
    ``streamlit run app.py`` would otherwise ask checkip.amazonaws.com on every WebSocket
    from another origin)."""
    keep_streamlit_offline(net_util)


@st.cache_resource(show_spinner=False)
def settings() -> Settings:
    """The checked environment settings."""
    return load_settings()


@st.cache_resource(show_spinner=False)
def bank() -> Bank:
    """The server's default bank for new assessments (``HUIGUI_BANK`` or the bundled one)."""
    return load_bank(settings().bank_path)


@st.cache_resource(show_spinner=False)
def library() -> tuple[Bank, ...]:
    """The banks a new assessment or workshop may use: the server's default first, then the
    current bundled editions (the full bank and its pulse)."""
    banks = [bank(), *(load_bank(p) for p in bundled_bank_paths())]
    return tuple({b.digest: b for b in banks}.values())


@st.cache_resource(show_spinner=False)
def archived_banks() -> tuple[Bank, ...]:
    """Earlier bundled editions, which a consultant may still run a workshop on."""
    return tuple(load_bank(p) for p in archived_bank_paths())


@st.cache_resource(show_spinner=False)
def store() -> Store:
    """The store on ``HUIGUI_DATABASE_URL`` (default SQLite), migrated; assessments from
    before bank versions were kept are pointed at the configured bank if it is theirs."""
    s = settings()
    st_ = Store(connect(s.database_url), resume_days=s.resume_days)
    for b in (*library(), *archived_banks()):
        st_.adopt(b)
    return st_


def bank_of(saved: _Versioned) -> Bank:
    """The bank version an assessment or workshop was answered on."""
    return store().bank(saved.bank_digest)
