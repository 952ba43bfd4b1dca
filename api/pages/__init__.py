"""The researcher's pages: what each page shows, as plain data for the templates in
api/templates/pages/. The routes live in gongyun.api.routers.pages."""
