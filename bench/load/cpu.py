"""What used the machine's CPU during a load run: the platform's parts and everything else.

`cpu.py snapshot FILE` before and after locust runs (from run.sh); report.py compares them.
gunicorn, PostgreSQL and Redis from /proc/<pid>/stat, each process with its reaped children
(a PostgreSQL backend that ended is in the postmaster's count); locust, which has ended by
the second snapshot, from run.sh's reaped children. The whole machine from /proc/stat:
"other" is what other sessions on this shared machine used meanwhile.
"""

import json
import os
import sys
import time
from pathlib import Path

GROUPS = {"gunicorn": "gunicorn", "postgres": "PostgreSQL", "redis-server": "Redis"}
TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int | str) -> tuple[str, float, float] | None:
    """(command, own CPU seconds, reaped children's CPU seconds) of a process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:  # gone meanwhile
        return None
    fields = stat.rsplit(")", 1)[1].split()
    own = (int(fields[11]) + int(fields[12])) / TICK  # utime, stime
    children = (int(fields[13]) + int(fields[14])) / TICK  # cutime, cstime
    return stat[stat.index("(") + 1 : stat.rindex(")")], own, children


def snapshot() -> dict:
    processes = {}  # pid: [group, CPU seconds of it and its reaped children]
    for pid in filter(str.isdigit, os.listdir("/proc")):
        if (found := _stat(pid)) and found[0] in GROUPS:
            processes[pid] = [GROUPS[found[0]], found[1] + found[2]]
    cpu = [int(n) for n in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = cpu[3] + cpu[4]  # idle + iowait
    return {
        "at": time.time(),
        "busy": (sum(cpu) - idle) / TICK,
        "processes": processes,
        "bench_children": _stat(os.getppid())[2],  # run.sh's: locust, once it has ended
        "load": os.getloadavg(),
    }


def compare(before: dict, after: dict) -> dict:
    """Cores used on average between the snapshots, per group and in all."""
    seconds = after["at"] - before["at"]
    groups = dict.fromkeys(["gunicorn", "PostgreSQL", "Redis"], 0.0)
    for pid, (group, used) in after["processes"].items():
        groups[group] += used - before["processes"].get(pid, [group, 0.0])[1]
    groups["locust"] = after["bench_children"] - before["bench_children"]
    groups = {name: round(used / seconds, 2) for name, used in groups.items()}
    busy = round((after["busy"] - before["busy"]) / seconds, 2)
    return {
        "cores_busy": busy,
        "cores_by_group": groups,
        "cores_other": round(busy - sum(groups.values()), 2),
        "load_before": [round(n, 2) for n in before["load"]],
        "load_after": [round(n, 2) for n in after["load"]],
    }


if __name__ == "__main__":
    Path(sys.argv[2]).write_text(json.dumps(snapshot()))
