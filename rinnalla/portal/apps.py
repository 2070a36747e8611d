from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "rinnalla.portal"
    label = "portal"

    def ready(self) -> None:
        from rinnalla.portal import signals  # noqa: F401
