"""One module per page; each ``render()`` reads widgets, calls the core and draws."""
