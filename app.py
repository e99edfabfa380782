"""Huigui's Streamlit app: page config, language and navigation — the table of contents.

Run with ``python3 tasks.py run`` (or ``huigui serve``). Every error Huigui raises on purpose
is shown here as a message, never as a traceback.
"""

from __future__ import annotations

import streamlit as st

from huigui.app.nav import ICON, navigation
from huigui.app.resources import bank, offline, store
from huigui.app.session import language, language_picker, pending_error, pending_page
from huigui.app.widgets import phone_menu
from huigui.i18n import t
from scoring import HuiguiError

#: Every answer (not applicable and don't know included) is a touch target of at least 44 px.
TOUCH_TARGETS = """<style>
div[role="radiogroup"] > label { min-height: 44px; align-items: center; padding: 4px 0; }
</style>"""

# A local icon: a Material icon name would make Streamlit fetch the favicon from the internet.
st.set_page_config(page_title="Huigui 回歸", page_icon=str(ICON), layout="wide")
offline()
st.markdown(TOUCH_TARGETS, unsafe_allow_html=True)
language_picker()
try:
    bank()
    store()
    page = navigation()
    pending_page()
    if message := pending_error():
        st.error(message)
    st.sidebar.caption(t("home.offline", language()))
    phone_menu()
    page.run()
except HuiguiError as exc:  # a broken setting, bank, database or link: say so, no traceback
    st.error(str(exc))
