"""The web app's pages, one module per area; each holds a FastAPI `router`."""
