"""Huigui's Streamlit app: page config and navigation only."""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="Huigui 回歸", page_icon="◎", layout="wide")
st.title("Huigui 回歸")
st.write("Industrial-internet maturity self-assessment.")
