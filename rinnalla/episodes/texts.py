"""Text the client-relationship services write, rendered in the reader's language."""

from django.utils.translation import gettext_lazy as _

from rinnalla.core import systext

AREA_COORDINATION = "coordination"
RELATIONSHIP_OPENED = "relationship_opened"
RESPONSIBLE_ADDED = "responsible_added"
PRIMARY_CHANGED = "primary_changed"

systext.simple(AREA_COORDINATION, _("Work ability coordination"))
systext.simple(RELATIONSHIP_OPENED, _("Client relationship opened."))
systext.simple(RESPONSIBLE_ADDED, _("Added as responsible person: %(area)s"))
systext.simple(PRIMARY_CHANGED, _("Primary contact changed."))
