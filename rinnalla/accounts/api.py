"""API: the network's organisations and professionals (no client data)."""

from ninja import Query, Router, Schema

from rinnalla.accounts.models import Organisation, User
from rinnalla.core.apikit import Id, Page, PageParams, Text, choices_literal, paginate

router = Router(tags=["organisations and professionals"])

OrganisationKind = choices_literal(Organisation.Kind)
Role = choices_literal(User.Role)


class OrganisationOut(Schema):
    id: int
    name: str
    kind: OrganisationKind
    is_coordination_service: bool


class OrganisationFilters(PageParams):
    is_coordination_service: bool | None = None


class ProfessionalOut(Schema):
    id: int
    username: str
    first_name: str
    last_name: str
    profession: str
    organisation_id: int | None
    role: Role


class ProfessionalFilters(PageParams):
    username: Text(150) | None = None
    organisation_id: Id | None = None


@router.get("/organisations", response=Page[OrganisationOut])
def list_organisations(request, filters: Query[OrganisationFilters]):
    """The organisations of the network, by name."""
    organisations = Organisation.objects.order_by("name", "id")
    if filters.is_coordination_service is not None:
        organisations = organisations.filter(
            is_coordination_service=filters.is_coordination_service
        )
    return paginate(organisations, filters)


@router.get("/professionals", response=Page[ProfessionalOut])
def list_professionals(request, filters: Query[ProfessionalFilters]):
    """Active professionals; ``?username=`` finds one exactly."""
    professionals = User.objects.filter(is_active=True).order_by("last_name", "first_name", "id")
    if filters.username is not None:
        professionals = professionals.filter(username=filters.username)
    if filters.organisation_id is not None:
        professionals = professionals.filter(organisation_id=filters.organisation_id)
    return paginate(professionals, filters)
