"""Domain errors raised by services; views and the API turn them into messages."""


class Conflict(Exception):
    """The write clashes with the current state (already triaged, stale version, …)."""
