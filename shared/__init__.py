"""The shared floor: small helpers every app needs, importing no app of ours.

Like healthchecks' ``hc/lib``: signed personal links, htmx-aware login, form-error mapping,
row loading, chunking, safe spreadsheet cells. Apps import from here; nothing here imports
an app (``members``, the feature apps or ``ledendemocratie``).
"""
