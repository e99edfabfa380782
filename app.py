"""Huigui's Streamlit app: page config, language and navigation — the table of contents.

Run with ``python3 tasks.py run`` (or ``streamlit run app.py``).
"""

from __future__ import annotations

import streamlit as st

from huigui.app.i18n import t
from huigui.app.nav import ICON, navigation
from huigui.app.state import bank, language, language_picker, store
from scoring import HuiguiError

# A local icon: a Material icon name would make Streamlit fetch the favicon from the internet.
st.set_page_config(page_title="Huigui 回歸", page_icon=str(ICON), layout="wide")
language_picker()
try:
    bank()
    store()
except HuiguiError as exc:  # a broken bank or database: say so, never a traceback
    st.error(str(exc))
    st.stop()
page = navigation()
st.sidebar.caption(t("home.offline", language()))
page.run()
