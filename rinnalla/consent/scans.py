"""The scanned, signed consent form: checked by content, stored outside the web root.

Scans live under ``settings.PRIVATE_MEDIA_ROOT`` with a random name and have no URL;
the only way to read one is the ``consent:scan`` view, which goes through the access
rule and logs the look.
"""

import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Magic bytes at the start of each accepted file type (the file name is not trusted).
SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
)
EXTENSIONS = {content_type: ext for _magic, content_type, ext in SIGNATURES}


@deconstructible(path="rinnalla.consent.scans.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """File storage under PRIVATE_MEDIA_ROOT with no URL; the location is read when used."""

    def __init__(self, subdirectory: str = "consent-scans"):
        super().__init__(file_permissions_mode=0o640, directory_permissions_mode=0o750)
        self.subdirectory = subdirectory

    @property
    def base_location(self):
        return str(Path(settings.PRIVATE_MEDIA_ROOT) / self.subdirectory)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through the access rule.")


consent_scan_storage = PrivateStorage()


def scan_storage():
    return consent_scan_storage


def scan_upload_to(instance, filename: str) -> str:
    """A random name; the extension comes from the checked content type."""
    ext = EXTENSIONS.get(getattr(instance, "scan_content_type", ""), "")
    return f"{uuid.uuid4().hex}{ext}"


def max_scan_bytes() -> int:
    return int(getattr(settings, "RINNALLA_CONSENT_SCAN_MAX_BYTES", 10 * 1024 * 1024))


def check_scan(upload) -> str:
    """Return the content type of an uploaded scan, or raise ValidationError({"scan": …})."""
    limit = max_scan_bytes()
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            {
                "scan": _("The file is too large. The largest allowed size is %(limit)s.")
                % {"limit": filesizeformat(limit)}
            },
            code="scan_too_large",
        )
    if upload.size == 0:
        raise ValidationError({"scan": _("The file is empty.")}, code="scan_empty")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, content_type, _ext in SIGNATURES:
        if head.startswith(magic):
            return content_type
    raise ValidationError(
        {"scan": _("The scan must be a PDF, JPEG or PNG file.")}, code="scan_type"
    )
