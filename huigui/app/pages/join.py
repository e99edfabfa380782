"""The join page (a script for st.navigation; the view lives in ``views``)."""

from huigui.app.views import join

join.render()
