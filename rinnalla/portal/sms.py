"""Text messages (SMS) through a pluggable backend, like Django's e-mail backends.

``RINNALLA_SMS_BACKEND`` names the class: the console backend (default) prints the
message, the locmem backend keeps it in ``outbox`` for tests. A real gateway is a
class with ``send(to: str, text: str)`` that raises on failure.
"""

import sys
import threading

from django.conf import settings
from django.utils.module_loading import import_string

outbox: list[dict] = []
_lock = threading.Lock()


class ConsoleSmsBackend:
    def send(self, to: str, text: str) -> None:
        sys.stdout.write(f"SMS to {to}:\n{text}\n{'-' * 40}\n")
        sys.stdout.flush()


class LocmemSmsBackend:
    def send(self, to: str, text: str) -> None:
        with _lock:
            outbox.append({"to": to, "text": text})


def send_sms(to: str, text: str) -> None:
    import_string(settings.RINNALLA_SMS_BACKEND)().send(to, text)
