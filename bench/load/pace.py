"""How fast the simulated people act: read by the locustfile and stated in the report.

A member does not fire six requests back to back: they open the home page, click through
to the round, and read each statement before choosing an answer. Members arrive at an
even rate over the first ARRIVAL_SECONDS of the run, so the last ones still finish.
"""

MEMBERS = 500
BROWSERS = 20
ARRIVAL_SECONDS = 55  # members arrive evenly over this many seconds (about 9 per second)
TO_ROUND_SECONDS = (2, 4)  # from the home page to opening the round
READ_STATEMENT_SECONDS = (3, 7)  # reading one statement before answering it
BROWSE_SECONDS = (1, 3)  # a browser's pause between results and events pages


def describe() -> str:
    low = TO_ROUND_SECONDS[0] + 4 * READ_STATEMENT_SECONDS[0]
    high = TO_ROUND_SECONDS[1] + 4 * READ_STATEMENT_SECONDS[1]
    return (
        f"Pace: {MEMBERS} members arrive evenly over the first {ARRIVAL_SECONDS} s "
        f"(about {MEMBERS / ARRIVAL_SECONDS:.0f} a second). Each opens the home page, waits "
        f"{TO_ROUND_SECONDS[0]}–{TO_ROUND_SECONDS[1]} s, opens the round, then reads each of the "
        f"four statements for {READ_STATEMENT_SECONDS[0]}–{READ_STATEMENT_SECONDS[1]} s before "
        f"answering it (htmx), and is done: {low}–{high} s and six requests per member. "
        "Locust then starts a new member in the finished one's place, so members keep "
        "arriving at about that rate until the end: the home row counts the journeys. "
        f"{BROWSERS} people browse results and events the whole run, "
        f"{BROWSE_SECONDS[0]}–{BROWSE_SECONDS[1]} s between pages. (Until 2026-11-27 the "
        "members arrived at 50 a second and fired their six requests back to back, without "
        "reading: 66 req/s, p95 8.4 s.)"
    )
