"""Reading the access table (access_table.txt, codes explained at its top)."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

from tests.access.world import ROLES


@dataclass(frozen=True)
class Expectation:
    code: str
    may_see_contacts: bool

    def matches(self, response, login_url: str, admin_login_url: str) -> bool:
        status = response.status_code
        location = response.get("Location", "")
        if self.code == "login":
            return status == 302 and location.startswith(login_url)
        if self.code == "staff":
            return status == 302 and location.startswith(admin_login_url)
        if self.code == "ok":
            return status < 400
        return status == int(self.code)

    def __str__(self):
        return self.code + ("+" if self.may_see_contacts else "")


@dataclass(frozen=True)
class Row:
    method: str
    page: str  # URL name, "namespace:*" or the route of an unnamed pattern
    expected: dict  # role → Expectation


def parse_table(text: str) -> dict[str, Row]:
    rows = {}
    for line in text.strip().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        words = line.split()
        method = words.pop(0) if words[0] in {"GET", "POST"} else "GET"
        page, codes = words[0], words[1:]
        assert len(codes) == len(ROLES), f"{page}: {len(codes)} columns, want {len(ROLES)}"
        expected = {
            role: Expectation(code.rstrip("+"), code.endswith("+"))
            for role, code in zip(ROLES, codes, strict=True)
        }
        rows[page] = Row(method=method, page=page, expected=expected)
    return rows


@dataclass(frozen=True)
class Page:
    key: str  # the URL name ("app:name"), or the route when the pattern has no name
    route: str
    pattern: URLPattern

    @property
    def named(self) -> bool:
        return self.pattern.name is not None


def all_pages() -> list[Page]:
    """Every URL pattern of the URL configuration, found recursively."""
    return list(_walk(get_resolver()))


def _walk(resolver, prefix: str = "", namespace: str | None = None):
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part) or None
            yield from _walk(pattern, route, inner)
        elif pattern.name:
            key = ":".join(part for part in (namespace, pattern.name) if part)
            yield Page(key=key, route=route, pattern=pattern)
        else:
            yield Page(key=route, route=route, pattern=pattern)


def row_for(rows: dict[str, Row], key: str) -> Row | None:
    """The row for this page, or the row of its namespace ("admin:*") or route prefix."""
    if key in rows:
        return rows[key]
    wildcards = [page for page in rows if page.endswith("*") and key.startswith(page[:-1])]
    return rows[max(wildcards, key=len)] if wildcards else None
