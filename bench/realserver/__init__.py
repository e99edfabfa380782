"""The parts of the benches that drive the real server: ``bench/ws_load.py`` (a workshop over
Streamlit's WebSocket) and ``bench/browser_latency.py`` (one person in headless Chromium)."""
