def seed(*, stdout) -> None:
    """Add this app's demo content (idempotent). Called by `manage.py demo`."""
