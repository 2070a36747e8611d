"""Every write of the catalogue: services, their versions, criteria and checks."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _

from rinnalla.accounts.models import Organisation, User
from rinnalla.catalogue import seed
from rinnalla.catalogue.models import (
    LANGUAGES,
    Answer,
    CriteriaCheck,
    CriteriaList,
    ItemKind,
    OverlapRule,
    Service,
    ServiceRevision,
    SuggestionDismissal,
)
from rinnalla.core.errors import Conflict


def may_edit(user: User, service: Service | None = None) -> bool:
    """Administrators edit every service; a catalogue keeper the services they keep.

    With no ``service``: whether the user may add a service (administrators, keepers).
    """
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_administrator:
        return True
    if service is None:
        return user.kept_services.exists()
    return service.keepers.filter(pk=user.pk).exists()


def _snapshot(service: Service) -> dict:
    data = model_to_dict(service, exclude=["keepers", "id"])
    for key, value in list(data.items()):
        if isinstance(value, datetime.date | datetime.datetime):
            data[key] = value.isoformat()
    data["keepers"] = sorted(service.keepers.values_list("pk", flat=True))
    return data


@transaction.atomic
def service_save(
    *,
    actor: User | None,
    service: Service,
    based_on_version: int | None = None,
    note: str = "",
    checked: bool = False,
) -> Service:
    """Save a new or changed service as a new version, with who changed it and when.

    ``based_on_version``: the version the editor started from; when someone saved a
    newer one meanwhile, :class:`Conflict`. ``checked``: the editor confirms the
    service is current ("last checked" today).
    """
    if actor is not None and not may_edit(actor, service if service.pk else None):
        raise PermissionDenied(_("Only administrators and the service's keepers edit it."))
    service.full_clean(exclude=["keepers"])
    now = timezone.now()
    if service.pk:
        current = Service.objects.select_for_update().get(pk=service.pk)
        if based_on_version is not None and based_on_version != current.version:
            raise Conflict(
                _("Someone saved a newer version of the service meanwhile. Reload the page.")
            )
        service.version = current.version + 1
    else:
        service.version = 1
    if checked:
        service.last_checked_on = timezone.localdate()
        service.last_checked_by = actor
    service.updated_at = now
    service.save()
    ServiceRevision.objects.create(
        service=service,
        version=service.version,
        data=_snapshot(service),
        changed_by=actor,
        changed_at=now,
        note=note[:300],
    )
    return service


@transaction.atomic
def criteria_save(
    *, actor: User | None, service: Service, items: list[dict], note: str = ""
) -> CriteriaList:
    """A new version of the service's criteria; earlier versions and their checks stay."""
    if actor is not None and not may_edit(actor, service):
        raise PermissionDenied(_("Only administrators and the service's keepers edit it."))
    codes = [item.get("code") for item in items]
    if not items or len(set(codes)) != len(codes) or not all(codes):
        raise ValidationError({"items": _("Each criterion needs its own code.")})
    for entry in items:
        if entry.get("kind") not in ItemKind.values or not entry.get("text_fi"):
            raise ValidationError({"items": _("Each criterion needs a kind and a Finnish text.")})
    Service.objects.select_for_update().get(pk=service.pk)
    latest = service.criteria_lists.aggregate(n=Max("version"))["n"] or 0
    return CriteriaList.objects.create(
        service=service,
        version=latest + 1,
        items=[
            {
                "code": entry["code"],
                "kind": entry["kind"],
                **{f"text_{lang}": entry.get(f"text_{lang}", "") for lang in LANGUAGES},
                "required": bool(entry.get("required", True)),
                "source": entry.get("source", ""),
            }
            for entry in items
        ],
        created_by=actor,
        note=note[:300],
    )


def _provider_for(kind: str) -> Organisation | None:
    if not kind:
        return None
    if kind == "coordination":
        found = list(Organisation.objects.filter(is_coordination_service=True)[:2])
    else:
        found = list(Organisation.objects.filter(kind=kind, is_coordination_service=False)[:2])
    return found[0] if len(found) == 1 else None


@transaction.atomic
def catalogue_load(*, keepers: list[User] | None = None) -> dict:
    """Add the seed's services, criteria and overlap rules that are missing (idempotent)."""
    created = 0
    for entry in seed.SERVICES:
        if Service.objects.filter(code=entry.code).exists():
            continue
        service = Service(
            code=entry.code,
            category=entry.category,
            provider=_provider_for(entry.provider_kind),
            provider_name=entry.provider_name,
            target_age_min=entry.age[0],
            target_age_max=entry.age[1],
            target_segments=list(entry.segments),
            suggest_rules=entry.rules,
            last_checked_on=timezone.localdate(),
        )
        for name in Service.TRANSLATED:
            text = getattr(entry, name)
            for lang in LANGUAGES:
                setattr(service, f"{name}_{lang}", getattr(text, lang))
        service_save(actor=None, service=service, note="load_catalogue")
        if keepers:
            service.keepers.set(keepers)
        created += 1
    criteria = 0
    for code, items in seed.CRITERIA.items():
        service = Service.objects.get(code=code)
        if not service.criteria_lists.exists():
            criteria_save(actor=None, service=service, items=items, note="004 LIITE 8")
            criteria += 1
    for code, excluded_code, reason in seed.OVERLAPS:
        OverlapRule.objects.get_or_create(
            service=Service.objects.get(code=code),
            excluded_by=Service.objects.get(code=excluded_code),
            defaults={"reason_fi": reason.fi, "reason_sv": reason.sv, "reason_en": reason.en},
        )
    return {"services": created, "criteria": criteria}


@transaction.atomic
def criteria_check_save(
    *,
    actor: User,
    client,
    service: Service,
    evaluation,
    answers: dict[str, str],
    texts: dict[str, str] | None = None,
) -> CriteriaCheck:
    """Record a referral checked against the service's current criteria.

    ``evaluation`` is :func:`rinnalla.catalogue.criteria.evaluate`'s result for this
    client and criteria version; what the system filled stays marked ``system`` unless
    the user answers differently.
    """
    from rinnalla.catalogue.criteria import referral_text

    criteria = evaluation.criteria
    known = {item["code"] for item in criteria.items}
    unknown_codes = set(answers) - known
    if unknown_codes:
        codes = ", ".join(sorted(unknown_codes))
        raise ValidationError({"answers": _("Unknown criteria: %(codes)s") % {"codes": codes}})
    if any(value not in Answer.values for value in answers.values()):
        raise ValidationError({"answers": _("Answer met, not_met or unknown.")})
    stored = {}
    for item in criteria.items:
        if item["kind"] != ItemKind.REFER_IF:
            continue
        code = item["code"]
        system = evaluation.answers.get(code)
        given = answers.get(code)
        if given is None or (system is not None and given == system.answer):
            if system is not None and system.answer != Answer.UNKNOWN:
                stored[code] = {
                    "answer": system.answer,
                    "source": "system",
                    "reason": system.reason,
                }
                continue
            given = given or Answer.UNKNOWN
        stored[code] = {"answer": given, "source": "user", "reason": ""}
    texts = {
        item["code"]: (texts or {}).get(item["code"], evaluation.texts.get(item["code"], ""))
        for item in criteria.items_of(ItemKind.REFERRAL_SHOULD_TELL)
    }
    check = CriteriaCheck(
        client=client,
        service=service,
        criteria=criteria,
        answers=stored,
        texts={k: v.strip()[:5000] for k, v in texts.items()},
        warnings=[str(w) for w in evaluation.warnings],
        created_by=actor,
        organisation=actor.organisation,
    )
    check.referral_text = referral_text(check)
    check.save()
    return check


@transaction.atomic
def suggestion_dismiss(
    *, actor: User, client, service: Service, reason: str
) -> SuggestionDismissal:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Write why the service does not fit the client.")})
    return SuggestionDismissal.objects.create(
        client=client, service=service, reason=reason[:2000], dismissed_by=actor
    )
