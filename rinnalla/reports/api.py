"""Reports in the JSON API (issue 13 contract).

``GET /reports/{name}?start=&end=&organisation_id=&service_id=`` for ``referrals``,
``first-contact``, ``caseload``, ``contacts``, ``meetings``, ``outcomes``,
``measurements-change``, ``surveys`` (and ``statements``) →
``{"rows": [...], "suppressed": bool, "as_of": ...}``. A suppressed cell is ``null``
and its row says ``"suppressed": true``; the same cells are hidden as on the page.
"""

import datetime
from typing import Any

from django.http import Http404
from django.utils import timezone
from ninja import Router, Schema

from rinnalla.access.models import AccessLogEntry
from rinnalla.reports import figures
from rinnalla.reports.access import report_access
from rinnalla.reports.forms import default_start

router = Router(tags=["reports"])


class ReportOut(Schema):
    name: str
    title: str
    rows: list[dict[str, Any]]
    tables: list[dict[str, Any]]
    suppressed: bool
    as_of: datetime.datetime | None


@router.get("/reports/{name}", response=ReportOut, operation_id="report_get")
def report_get(
    request,
    name: str,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    organisation_id: int | None = None,
    service_id: int | None = None,
    coordinator_id: int | None = None,
):
    if name not in figures.BUILDERS:
        raise Http404
    services = report_access(request.user, name, channel=AccessLogEntry.Channel.API)
    from rinnalla.reports.views import ensure_fresh

    ensure_fresh()
    if service_id is not None:
        if services is not None and service_id not in services:
            raise Http404
        services = [service_id]
    f = figures.Filters(
        start=start or default_start(),
        end=end or timezone.localdate(),
        service_ids=services,
        organisation_id=organisation_id,
        coordinator_id=coordinator_id,
    )
    return figures.build(name, f).as_api()
