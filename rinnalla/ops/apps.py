from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running Rinnalla: health, logs, metrics, scheduled jobs, backups, retention."""

    name = "rinnalla.ops"
    label = "ops"
    verbose_name = "Operations"
