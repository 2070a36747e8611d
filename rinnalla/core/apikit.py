"""Small building blocks shared by the apps' API routers (``<app>/api.py``).

Input types here make malformed input answer 422 instead of reaching the database:
strings have the model's maximum length and no NUL characters (PostgreSQL refuses
them), ids and offsets stay inside the database's integer range, and dates and times
stay in a sane range and are always timezone-aware.
"""

import datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Choices, QuerySet
from django.utils import timezone
from ninja import Field, Schema
from pydantic import AfterValidator, StringConstraints

from rinnalla.accounts.models import User
from rinnalla.core.dates import EARLIEST, LATEST

MAX_ID = 2**63 - 1
MAX_OFFSET = 1_000_000_000
# TextFields have no length in the database; this keeps one request's text sane.
MAX_TEXT = 20_000

T = TypeVar("T")


def _is_noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _no_nul(value: str) -> str:
    """NUL (refused by PostgreSQL) and Unicode noncharacters are not text to store."""
    if "\x00" in value:
        raise ValueError("NUL characters are not allowed.")
    if any(_is_noncharacter(char) for char in value):
        raise ValueError("Unicode noncharacters (e.g. U+FFFF) are not allowed.")
    return value


def Text(max_length: int = MAX_TEXT, *, min_length: int = 0) -> Any:  # noqa: N802
    """A string, stripped of surrounding whitespace (as forms do), of at most
    ``max_length`` characters and without NUL characters."""
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length),
        AfterValidator(_no_nul),
    ]


def choices_literal(choices: type[Choices]) -> Any:
    """A ``Literal`` of a TextChoices' values: the OpenAPI schema lists them as an enum."""
    return Literal[tuple(choices.values)]


Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def _date_in_range(value: datetime.date) -> datetime.date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"The date must be between {EARLIEST:%Y-%m-%d} and {LATEST:%Y-%m-%d}.")
    return value


def _aware_moment(value: datetime.datetime) -> datetime.datetime:
    """Naive times are read as local (Europe/Helsinki) time; the range is checked."""
    if not EARLIEST <= value.date() <= LATEST:
        raise ValueError(f"The time must be between {EARLIEST:%Y} and {LATEST:%Y}.")
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


Day = Annotated[datetime.date, AfterValidator(_date_in_range)]
Moment = Annotated[datetime.datetime, AfterValidator(_aware_moment)]


class PageParams(Schema):
    limit: int = Field(50, ge=1, le=200, description="How many items (1–200).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")


class Page(Schema, Generic[T]):
    items: list[T]
    count: int


def paginate(queryset: QuerySet, params: PageParams) -> dict:
    """``{"items": [...], "count": N}`` for one window of an ordered queryset."""
    return {
        "items": list(queryset[params.offset : params.offset + params.limit]),
        "count": queryset.count(),
    }


def actor(request) -> User:
    """The authenticated user: both the bearer token and the session return it as auth."""
    return request.auth


def validation_error_body(error: ValidationError) -> dict:
    """The 422 body: ``{"detail": "one line", "errors": {field: [messages]}}``."""
    if hasattr(error, "error_dict"):
        errors = {
            field: [str(m) for e in errs for m in e.messages]
            for field, errs in error.error_dict.items()
        }
    else:
        errors = {"__all__": [str(m) for m in error.messages]}
    detail = "; ".join(
        f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
        for field, messages in errors.items()
    )
    return {"detail": detail, "errors": errors}
