"""Plain-text and iCalendar views, and the one Jinja environment, shared by the CLI, the web
app and the email."""
