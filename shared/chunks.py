from collections.abc import Iterable, Iterator


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
