import hashlib
import json

from beraad.models import AuditEntry, Panel


def inputs_sha256(inputs) -> str:
    """SHA-256 of the inputs as canonical JSON, so anyone holding them can check the log."""
    canonical = json.dumps(inputs, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def audit_record(*, panel: Panel, actor, action: str, details: dict, inputs=None) -> AuditEntry:
    """Write one line of the panel's audit log (inputs default to the details)."""
    entry = AuditEntry(
        panel=panel,
        actor=actor,
        action=action,
        details=details,
        inputs_sha256=inputs_sha256(details if inputs is None else inputs),
    )
    entry.full_clean()
    entry.save()
    return entry
