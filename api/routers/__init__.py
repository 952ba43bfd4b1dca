"""One router per kind of resource; create_app includes them all (gongyun.api.app.ROUTERS)."""
