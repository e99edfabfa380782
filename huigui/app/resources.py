"""What one server process shares across sessions: the settings, the bank and the store.

Cached with ``st.cache_resource``: built once per process, after the settings are checked;
a broken setting, bank or database raises a :class:`scoring.HuiguiError` that ``app.py``
shows as a message.
"""

from __future__ import annotations

import streamlit as st

from huigui.settings import Settings, load_settings
from huigui.store import Store, connect
from scoring import Bank, load_bank

__all__ = ["bank", "settings", "store"]


@st.cache_resource(show_spinner=False)
def settings() -> Settings:
    """The checked environment settings."""
    return load_settings()


@st.cache_resource(show_spinner=False)
def bank() -> Bank:
    """The bank this server assesses with (``HUIGUI_BANK`` or the bundled one)."""
    return load_bank(settings().bank_path)


@st.cache_resource(show_spinner=False)
def store() -> Store:
    """The store on ``HUIGUI_DATABASE_URL`` (default SQLite), migrated."""
    s = settings()
    return Store(connect(s.database_url), resume_days=s.resume_days)
