"""Huigui's Streamlit app: page config, language and navigation — the table of contents.

Run with ``python3 tasks.py run`` (or ``huigui serve``). Every error Huigui raises on purpose
is shown here as a message, never as a traceback.
"""

from __future__ import annotations

import streamlit as st

from huigui.app.nav import ICON, navigation
from huigui.app.resources import bank, store
from huigui.app.session import language, language_picker, pending_error, pending_page
from huigui.i18n import t
from scoring import HuiguiError

# A local icon: a Material icon name would make Streamlit fetch the favicon from the internet.
st.set_page_config(page_title="Huigui 回歸", page_icon=str(ICON), layout="wide")
language_picker()
try:
    bank()
    store()
    page = navigation()
    pending_page()
    if message := pending_error():
        st.error(t("error.store", language(), reason=message))
    st.sidebar.caption(t("home.offline", language()))
    page.run()
except HuiguiError as exc:  # a broken setting, bank, database or link: say so, no traceback
    st.error(str(exc))
