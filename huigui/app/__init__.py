"""The Streamlit app's pages and helpers; ``app.py`` at the top level wires them up."""
