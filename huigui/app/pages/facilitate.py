"""The facilitate page (a script for st.navigation; the view lives in ``views``)."""

from huigui.app.views import facilitate

facilitate.render()
