"""One page of the dashboard per module; `ui.pages.registry` lists them in sidebar order."""
