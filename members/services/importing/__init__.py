"""Member import from the member administration's export (CSV).

``members_import`` reads the file twice, streaming: first it validates every row and
writes nothing when any row is bad; then it upserts by member number in chunks,
comparing values so that an unchanged member is not written.
"""

from members.services.importing.importer import ImportReport, members_import
from members.services.importing.reading import COLUMNS, HeaderError

__all__ = ["COLUMNS", "HeaderError", "ImportReport", "members_import"]
