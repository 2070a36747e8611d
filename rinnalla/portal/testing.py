"""Test helper: a browser (Django test client) signed in as a client."""

import time

from rinnalla.portal.session import SESSION_KEY


def sign_in_as(web, client, *, via: str = "code"):
    session = web.session
    now = int(time.time())
    session[SESSION_KEY] = {"id": client.pk, "via": via, "since": now, "seen": now}
    session.save()
    return web
