from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from rinnalla.portal.session import SESSION_KEY


@receiver(user_logged_in)
def end_client_session(sender, request, user, **kwargs):
    """A professional logging in ends a client's session in the same browser."""
    if request is not None and hasattr(request, "session"):
        request.session.pop(SESSION_KEY, None)
