"""The workshop_new page (a script for st.navigation; the view lives in ``views``)."""

from huigui.app.views import workshop_new

workshop_new.render()
