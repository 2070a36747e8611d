"""API: clients (asiakas). Every operation goes through the access rule."""

from typing import Literal

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError

from rinnalla.access.policy import (
    Action,
    Channel,
    client_for,
    list_access,
    log_shown,
    may_see_protected_details,
    protected_view,
)
from rinnalla.clients.languages import LANGUAGES
from rinnalla.clients.models import ContactMethod, Language
from rinnalla.clients.selectors import client_list, contains_digits, duplicate_visible
from rinnalla.clients.services import DuplicateClient, client_create, client_update
from rinnalla.core import hetu
from rinnalla.core.apikit import (
    MAX_ID,
    Page,
    PageParams,
    Text,
    actor,
    choices_literal,
    paginate,
    validation_error_body,
)
from rinnalla.situation.models import Segment
from rinnalla.situation.selectors import current_segment_code

router = Router(tags=["clients"])

LanguageCode = choices_literal(Language)
SegmentCode = choices_literal(Segment)
SpokenLanguageCode = Literal[tuple(code for code, _label in LANGUAGES)]
ContactMethodCode = choices_literal(ContactMethod)
NO_CLIENT_DATA = _("Your role does not give access to clients' personal data.")
ONLY_COORDINATORS = _("Only a work ability coordinator can do this.")


class ClientIn(Schema):
    first_name: Text(100)
    last_name: Text(100)
    personal_identity_code: Text(20) = Field(
        description="Henkilötunnus, e.g. 131052-308T; validated (format, date, checksum)."
    )
    municipality: Text(100) = ""
    street_address: Text(200) = ""
    postal_code: Text(10) = ""
    post_office: Text(100) = ""
    language: LanguageCode = Field("fi", description="Language of service (asiointikieli).")
    mother_tongue: SpokenLanguageCode | Literal[""] = ""
    needs_interpreter: bool = False
    interpreter_language: SpokenLanguageCode | Literal[""] = ""
    phone: Text(40) = ""
    email: Text(254) = ""
    preferred_contact_method: ContactMethodCode = "phone"
    non_disclosure: bool = Field(
        False,
        description="Turvakielto: address, phone and e-mail are then shown only to the "
        "client's own coordinators.",
    )


class ClientPatch(Schema):
    """Only the fields sent are changed."""

    first_name: Text(100) | None = None
    last_name: Text(100) | None = None
    personal_identity_code: Text(20) | None = None
    municipality: Text(100) | None = None
    street_address: Text(200) | None = None
    postal_code: Text(10) | None = None
    post_office: Text(100) | None = None
    language: LanguageCode | None = None
    mother_tongue: SpokenLanguageCode | Literal[""] | None = None
    needs_interpreter: bool | None = None
    interpreter_language: SpokenLanguageCode | Literal[""] | None = None
    phone: Text(40) | None = None
    email: Text(254) | None = None
    preferred_contact_method: ContactMethodCode | None = None
    non_disclosure: bool | None = None


class ClientOut(Schema):
    id: int
    first_name: str
    last_name: str
    personal_identity_code: str
    municipality: str
    street_address: str
    postal_code: str
    post_office: str
    language: LanguageCode
    mother_tongue: str
    needs_interpreter: bool
    interpreter_language: str
    phone: str
    email: str
    preferred_contact_method: ContactMethodCode
    non_disclosure: bool
    details_protected: bool = Field(
        description="True when turvakielto hides the address, phone and e-mail from you."
    )
    service_id: int


class ClientListItem(Schema):
    id: int
    first_name: str
    last_name: str
    personal_identity_code: str = Field(
        description="Masked in lists (131052-****); the client's own resource shows it all."
    )
    municipality: str
    language: LanguageCode
    segment: SegmentCode | None = Field(
        None, description="The current client segment; null when none is recorded."
    )

    @staticmethod
    def resolve_personal_identity_code(obj) -> str:
        return hetu.mask(obj.personal_identity_code)

    @staticmethod
    def resolve_segment(obj) -> str | None:
        return obj.segment_code or None

    @staticmethod
    def resolve_municipality(obj, context) -> str:
        # Turvakielto hides the place of residence too (a query only for such rows).
        if obj.non_disclosure and not may_see_protected_details(context["request"].auth, obj):
            return ""
        return obj.municipality


class ClientFilters(PageParams):
    q: Text(100) | None = Field(
        None,
        description="Search by name (start of first or last name); a henkilötunnus "
        "or date of birth only with POST /clients/search.",
    )
    segment: SegmentCode | None = Field(
        None, description="Only the clients whose current segment is this one."
    )


class DuplicateOut(Schema):
    detail: str
    errors: dict[str, list[str]]
    existing_client_id: int | None = None


def _duplicate_response(user, exc: DuplicateClient) -> Status:
    body = validation_error_body(exc)
    # The id only for a user who may open that client; the look is logged on it either way.
    if user.is_coordinator and duplicate_visible(user, exc.existing, channel=Channel.API):
        body["existing_client_id"] = exc.existing.pk
    return Status(422, body)


CODE_IN_URL = _(
    "Search by henkilötunnus or date of birth with POST /api/v1/clients/search: "
    "a query in the address is written to server logs."
)


@router.get("/clients", response=Page[ClientListItem])
def list_clients(request, filters: Query[ClientFilters]):
    """The clients the user may see, by name. The henkilötunnus is masked.

    A ``q`` with digits (a henkilötunnus or a date of birth) answers 400: search for
    those with ``POST /clients/search``, so that they never appear in a URL.
    """
    if filters.q and contains_digits(filters.q):
        raise HttpError(400, str(CODE_IN_URL))
    user = actor(request)
    listing = list_access(user, part="clients", channel=Channel.API)
    clients = client_list(user, query=filters.q or "", segment=filters.segment or "")
    page = paginate(clients.annotate(segment_code=current_segment_code()), filters)
    log_shown(listing, [client.pk for client in page["items"]])
    return page


class ClientSearchIn(PageParams):
    q: Text(100, min_length=1) = Field(
        ..., description="Name (start of first or last name), henkilötunnus or date of birth."
    )
    segment: SegmentCode | None = Field(
        None, description="Only the clients whose current segment is this one."
    )


@router.post("/clients/search", response=Page[ClientListItem])
def search_clients(request, payload: ClientSearchIn):
    """Search the clients the user may see; the query travels in the body, not the URL."""
    user = actor(request)
    listing = list_access(user, part="clients", channel=Channel.API)
    clients = client_list(user, query=payload.q, segment=payload.segment or "")
    page = paginate(clients.annotate(segment_code=current_segment_code()), payload)
    log_shown(listing, [client.pk for client in page["items"]])
    return page


@router.post("/clients", response={201: ClientOut, 422: DuplicateOut})
def create_client(request, payload: ClientIn):
    """Register a client in the coordinator's own service.

    A henkilötunnus already registered answers 422, with ``existing_client_id`` when
    you may open that client; the attempt is written to that client's access log.
    """
    user = actor(request)
    if not user.is_coordinator or user.organisation is None:
        raise PermissionDenied(ONLY_COORDINATORS)
    try:
        created = client_create(actor=user, service=user.organisation, **payload.dict())
    except DuplicateClient as exc:
        return _duplicate_response(user, exc)
    client = client_for(user, created.pk, action=Action.CHANGE, part="client", channel=Channel.API)
    return Status(201, client)


@router.get("/clients/{id}", response=ClientOut)
def get_client(request, id: int = Path(..., ge=1, le=MAX_ID)):
    """The client's details; under turvakielto without contact details unless you are
    one of the client's own coordinators."""
    user = actor(request)
    client = client_for(user, id, action=Action.VIEW, part="client", channel=Channel.API)
    return protected_view(user, client)


@router.patch("/clients/{id}", response={200: ClientOut, 422: DuplicateOut})
def update_client(request, payload: ClientPatch, id: int = Path(..., ge=1, le=MAX_ID)):
    """Change the client's details (coordinators). Only the fields sent are changed."""
    user = actor(request)
    client = client_for(
        user, id, action=Action.CHANGE, part="client", channel=Channel.API, coordinator_only=True
    )
    try:
        client = client_update(actor=user, client=client, **payload.dict(exclude_unset=True))
    except DuplicateClient as exc:
        return _duplicate_response(user, exc)
    return Status(200, client)
