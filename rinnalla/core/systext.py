"""Text the system writes, stored as a code and its data, rendered in the reader's language.

A path event written by a meeting's minutes, the area "work ability coordination" of
the coordinator who opened a relationship, a handover note "client relationship
opened": none of these is typed by a person, so none is stored as text in the language
of whoever happened to click. The row keeps a code (``summary_code``, ``area_code``,
``note_code``…) and, when the text needs them, its data (``summary_data``…: names,
dates, topic codes); the page, the API and the PDF render it in the reader's language.

Each app registers the texts it writes in its own ``texts.py``::

    from rinnalla.core import systext

    systext.simple("relationship_opened", _("Client relationship opened."))

    @systext.register("meeting_held")
    def meeting_held(data: dict) -> str:
        ...

``render(code, data)`` finds them (the ``texts`` modules are imported on first use).
An unknown code renders as "" so that a row written by a newer version never breaks a
page; callers fall back to the stored free text.
"""

from collections.abc import Callable

from django.utils.module_loading import autodiscover_modules

Renderer = Callable[[dict], str]

_RENDERERS: dict[str, Renderer] = {}
_discovered = False


def register(code: str) -> Callable[[Renderer], Renderer]:
    def decorator(renderer: Renderer) -> Renderer:
        if code in _RENDERERS and _RENDERERS[code] is not renderer:
            raise ValueError(f"system text {code!r} is registered twice")
        _RENDERERS[code] = renderer
        return renderer

    return decorator


def simple(code: str, template) -> None:
    """A text whose data fill ``%(name)s`` placeholders of a lazily translated template."""

    def renderer(data: dict) -> str:
        return str(template) % data if data else str(template)

    register(code)(renderer)


def _discover() -> None:
    global _discovered
    if not _discovered:
        autodiscover_modules("texts")
        _discovered = True


def codes() -> set[str]:
    _discover()
    return set(_RENDERERS)


def render(code: str, data: dict | None = None) -> str:
    """The text of ``code`` in the active language ("" for an empty or unknown code)."""
    if not code:
        return ""
    _discover()
    renderer = _RENDERERS.get(code)
    if renderer is None:
        return ""
    try:
        return renderer(data or {})
    except (KeyError, TypeError, ValueError):
        # Data written by another version of the text: show the template without it
        # rather than fail the page.
        return ""


def text_or(code: str, data: dict | None, fallback: str) -> str:
    """The rendered system text, or the stored free text when there is no code."""
    return (render(code, data) if code else "") or fallback
