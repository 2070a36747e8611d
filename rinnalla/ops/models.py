from django.db import models
from django.utils import timezone


class Heartbeat(models.Model):
    """The last time a process proved it works (the worker: it ran a queued job)."""

    name = models.CharField(max_length=40, primary_key=True)
    at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.name} {self.at:%Y-%m-%d %H:%M:%S}"


class IdempotentRequest(models.Model):
    """The first answer to an API POST that carried an ``Idempotency-Key``.

    Written in the same transaction as the POST's own writes, so a request that wrote
    something always has its record, and a retry with the same key gets this answer
    back instead of writing again. Kept for ``RINNALLA_IDEMPOTENCY_HOURS``.
    """

    key = models.CharField(max_length=100)
    principal = models.CharField(max_length=64)
    fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    content_type = models.CharField(max_length=100)
    body = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["principal", "key"], name="idempotency_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.key} → {self.status}"
