from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "rinnalla.access"
    label = "access"

    def ready(self):
        from rinnalla.access import signals

        signals.connect()
