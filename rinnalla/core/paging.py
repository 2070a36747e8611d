"""Bounded pagination: a list never counts more rows than anyone pages through.

Counting every client a coordinator may see (18,000 at a county's size) on every
request cost more than the page itself. :class:`BoundedPaginator` counts at most
``limit`` rows (``SELECT COUNT(*) FROM (… LIMIT n)``) and offers the pages up to there;
``is_capped`` tells the template to say "more than N: narrow the search".
"""

from functools import cached_property

from django.core.paginator import Paginator

LIST_LIMIT = 1000


class BoundedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, limit: int = LIST_LIMIT, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.limit = limit

    @cached_property
    def _bounded_count(self) -> int:
        if not hasattr(self.object_list, "order_by"):  # a list
            return len(self.object_list)
        # Without ORDER BY: a count does not need the rows sorted.
        return self.object_list.order_by()[: self.limit + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._bounded_count, self.limit)

    @property
    def is_capped(self) -> bool:
        return self._bounded_count > self.limit
