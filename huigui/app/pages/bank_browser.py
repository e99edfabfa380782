"""The bank browser page (a script for st.navigation; the view lives in ``views``)."""

from huigui.app.views import bank_browser

bank_browser.render()
