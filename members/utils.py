from collections.abc import Iterable, Iterator

from allauth.account.adapter import get_adapter


def client_ip(request) -> str:
    """The visitor's address, as the login rate limits see it (TRUSTED_PROXY_COUNT)."""
    return get_adapter(request).get_client_ip(request)


def chunked(items: Iterable, size: int) -> Iterator[list]:
    """Split any iterable (a generator too) into lists of at most ``size`` items."""
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
