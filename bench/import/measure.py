"""Run one import in this process and print its figures as JSON (time, peak memory)."""

import json
import resource
import sys
import time

import django

django.setup()

from members.services.importing import members_import  # noqa: E402

started = time.perf_counter()
report = members_import(path=sys.argv[1], full="--full" in sys.argv, confirm_retire=True)
elapsed = time.perf_counter() - started
figures = {
    "seconds": round(elapsed, 2),
    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    "rows": report.rows,
    "created": report.created,
    "updated": report.updated,
    "unchanged": report.unchanged,
    "errors": len(report.errors),
}
print(json.dumps(figures))
