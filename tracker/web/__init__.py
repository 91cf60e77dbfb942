"""The web app for lobbyists and staff: `create_app(settings)` in `tracker.web.app`."""
