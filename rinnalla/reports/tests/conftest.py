import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _no_cached_reports():
    """Built reports are cached by data version; ids repeat between tests on SQLite."""
    cache.clear()
    yield
    cache.clear()
