"""Text the work ability services write on the path, rendered in the reader's language."""

from django.utils.translation import gettext_lazy as _

from rinnalla.core import systext
from rinnalla.workability.models import Statement

ASSESSMENT_WRITTEN = "work_ability_assessment_written"
STATEMENT_REQUESTED = "statement_requested"
STATEMENT_RECEIVED = "statement_received"
STATEMENT_LABEL = "statement_label"


def statement_label(code: str) -> str:
    return str(dict(Statement.choices).get(code, code))


@systext.register(STATEMENT_LABEL)
def _label(data: dict) -> str:
    return statement_label(data["statement"])


@systext.register(ASSESSMENT_WRITTEN)
def _written(data: dict) -> str:
    if data.get("physician"):
        return str(
            _(
                "Work ability assessment and plan proposal (version %(version)s) written for "
                "the physician %(physician)s, to be entered in the patient record."
            )
        ) % {"version": data["version"], "physician": data["physician"]}
    return str(
        _(
            "Work ability assessment and plan proposal (version %(version)s) written for the "
            "physician, to be entered in the patient record."
        )
    ) % {"version": data["version"]}


@systext.register(STATEMENT_REQUESTED)
def _requested(data: dict) -> str:
    values = {"statement": statement_label(data["statement"]), "version": data["version"]}
    if data.get("physician"):
        values["physician"] = data["physician"]
        return (
            str(
                _(
                    "%(statement)s requested from %(physician)s in the work ability assessment "
                    "and plan proposal (version %(version)s)."
                )
            )
            % values
        )
    return (
        str(
            _(
                "%(statement)s requested in the work ability assessment and plan proposal "
                "(version %(version)s)."
            )
        )
        % values
    )


@systext.register(STATEMENT_RECEIVED)
def _received(data: dict) -> str:
    return str(_("%(statement)s received.")) % {"statement": statement_label(data["statement"])}
