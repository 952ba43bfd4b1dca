"""Page and per_page, validated against the settings: absurd values are the client's error (400)."""

from __future__ import annotations

from dataclasses import dataclass

from gongyun.api import errors

MAX_OFFSET = 1_000_000


@dataclass(frozen=True)
class Pagination:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def meta(self, total: int) -> dict:
        pages = (total + self.per_page - 1) // self.per_page
        return {"page": self.page, "per_page": self.per_page, "total": total, "pages": pages}


def paginate(page: int, per_page: int, max_page_size: int) -> Pagination:
    if page < 1:
        raise errors.bad_request(f"page must be 1 or more, not {page}")
    if not 1 <= per_page <= max_page_size:
        raise errors.bad_request(f"per_page must be between 1 and {max_page_size}, not {per_page}")
    if (page - 1) * per_page > MAX_OFFSET:
        raise errors.bad_request(f"page {page} is beyond any result (offset over {MAX_OFFSET})")
    return Pagination(page, per_page)
