"""Keep the access-grant table current: every save or delete of something the rule reads
refreshes the grants of the clients it concerns, in the same transaction.

Signals rather than calls in each service, so that no write path can forget it. A bulk
write (``bulk_create``, ``QuerySet.update``) sends no signal: after one, call
``access.grants.refresh`` for the clients concerned (``plans.services.meeting_create``
does) or rebuild the table (``generate_synthetic`` does).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from rinnalla.access import grants


def _client_of(instance) -> int | None:
    return instance.client_id


def _client_of_episode_child(instance) -> int | None:
    from rinnalla.episodes.models import Episode

    episode = instance._state.fields_cache.get("episode")
    if episode is not None:
        return episode.client_id
    return (
        Episode.objects.filter(pk=instance.episode_id).values_list("client_id", flat=True).first()
    )


def _client_of_participant(instance) -> int | None:
    from rinnalla.plans.models import Meeting

    meeting = instance._state.fields_cache.get("meeting")
    if meeting is not None:
        return _client_of_episode_child(meeting)
    return (
        Meeting.objects.filter(pk=instance.meeting_id)
        .values_list("episode__client_id", flat=True)
        .first()
    )


def _refresher(client_of):
    def handler(sender, instance, raw=False, **kwargs):
        if raw:  # loaddata: rebuild afterwards
            return
        grants.refresh([client_of(instance)])

    return handler


_client_changed = _refresher(_client_of)
_episode_child_changed = _refresher(_client_of_episode_child)
_participant_changed = _refresher(_client_of_participant)


def _client_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if update_fields is not None and "service" not in update_fields and not created:
        return
    grants.refresh([instance.pk])


def _meeting_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    # A new meeting has no participants yet (meeting_create refreshes after adding
    # them); afterwards only a cancellation changes what the rule reads.
    if raw or created:
        return
    if update_fields is not None and "cancelled_at" not in update_fields:
        return
    grants.refresh([_client_of_episode_child(instance)])


def _consent_organisations_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:  # organisation.consents.add(...): the consents named in pk_set
        from rinnalla.consent.models import Consent

        ids = Consent.objects.filter(pk__in=pk_set or ()).values_list("client_id", flat=True)
        grants.refresh(ids)
    else:
        grants.refresh([instance.client_id])


def _user_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw or created:
        return
    before = getattr(instance, "_grants_organisation_id", instance.organisation_id)
    if before != instance.organisation_id:
        grants.refresh_user(instance.pk)
    instance._grants_organisation_id = instance.organisation_id


def _user_loaded(sender, instance, **kwargs):
    instance._grants_organisation_id = instance.__dict__.get("organisation_id")


def connect() -> None:
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_init

    from rinnalla.clients.models import Client
    from rinnalla.consent.models import Consent
    from rinnalla.episodes.models import Episode, ResponsiblePerson
    from rinnalla.plans.models import Meeting, MeetingParticipant, PlanAction
    from rinnalla.referrals.models import Referral

    uid = "access-grants"
    post_save.connect(_client_saved, sender=Client, dispatch_uid=f"{uid}-client")
    for model in (Episode, Referral, Consent):
        post_save.connect(_client_changed, sender=model, dispatch_uid=f"{uid}-{model.__name__}")
        post_delete.connect(
            _client_changed, sender=model, dispatch_uid=f"{uid}-{model.__name__}-delete"
        )
    for model in (ResponsiblePerson, PlanAction):
        post_save.connect(
            _episode_child_changed, sender=model, dispatch_uid=f"{uid}-{model.__name__}"
        )
        post_delete.connect(
            _episode_child_changed, sender=model, dispatch_uid=f"{uid}-{model.__name__}-delete"
        )
    post_save.connect(_participant_changed, sender=MeetingParticipant, dispatch_uid=f"{uid}-mp")
    post_save.connect(_meeting_saved, sender=Meeting, dispatch_uid=f"{uid}-meeting")
    post_delete.connect(
        _participant_changed, sender=MeetingParticipant, dispatch_uid=f"{uid}-mp-delete"
    )
    # A kept meeting of a closed relationship grants access until it is held or
    # cancelled (grants.expected_grants): its save refreshes the client's grants.
    post_save.connect(_episode_child_changed, sender=Meeting, dispatch_uid=f"{uid}-meeting-kept")
    post_delete.connect(
        _episode_child_changed, sender=Meeting, dispatch_uid=f"{uid}-meeting-kept-delete"
    )
    m2m_changed.connect(
        _consent_organisations_changed,
        sender=Consent.organisations.through,
        dispatch_uid=f"{uid}-consent-organisations",
    )
    user_model = get_user_model()
    post_init.connect(_user_loaded, sender=user_model, dispatch_uid=f"{uid}-user-init")
    post_save.connect(_user_saved, sender=user_model, dispatch_uid=f"{uid}-user")
