"""Field-by-field comparison of two plan versions, with word-level <del>/<ins> marks."""

import difflib
import re
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from rinnalla.plans.models import ClientPlan

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass
class DiffRow:
    name: str
    label: str
    old: str
    new: str
    changed: bool
    html: SafeString


def _display(plan: ClientPlan, name: str) -> str:
    value = getattr(plan, name)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def inline_diff(old: str, new: str) -> SafeString:
    """``new`` with removed words in <del> and added words in <ins>; everything escaped."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def compare_plans(old: ClientPlan, new: ClientPlan) -> list[DiffRow]:
    rows = []
    for name in ClientPlan.TEXT_FIELDS:
        label = str(ClientPlan._meta.get_field(name).verbose_name)
        a, b = _display(old, name), _display(new, name)
        rows.append(
            DiffRow(name=name, label=label, old=a, new=b, changed=a != b, html=inline_diff(a, b))
        )
    return rows
