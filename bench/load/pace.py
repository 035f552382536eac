"""How fast the simulated people act: read by the locustfile and run.sh, stated in the report.

A member does not fire six requests back to back: they open the home page, click through
to the round, and read each statement before choosing an answer. All MEMBERS arrive at a
steady rate over the first ARRIVAL_SECONDS (each at a random moment within its second),
as when the chair of an online members' meeting asks everyone present to answer now; each
answers once. The run lasts until the last arrival has had time to finish.
"""

MEMBERS = 500
BROWSERS = 20
ARRIVAL_SECONDS = 60  # members arrive evenly over this many seconds (about 8 per second)
READ_MAIL_SECONDS = (5, 15)  # from asking for a login code to typing it in
TO_ROUND_SECONDS = (2, 4)  # from the home page to opening the round
READ_STATEMENT_SECONDS = (3, 7)  # reading one statement before answering it
BROWSE_SECONDS = (1, 3)  # a browser's pause between results and events pages

JOURNEY_SECONDS = (
    READ_MAIL_SECONDS[0] + TO_ROUND_SECONDS[0] + 4 * READ_STATEMENT_SECONDS[0],
    READ_MAIL_SECONDS[1] + TO_ROUND_SECONDS[1] + 4 * READ_STATEMENT_SECONDS[1],
)
RUN_SECONDS = ARRIVAL_SECONDS + JOURNEY_SECONDS[1] + 10  # the last arrival, plus slack


def describe() -> str:
    low, high = JOURNEY_SECONDS
    return (
        f"Pace: {MEMBERS} members arrive over the first {ARRIVAL_SECONDS} s, about "
        f"{MEMBERS / ARRIVAL_SECONDS:.0f} a second, each at a random moment within its second, "
        "as when the chair of an online "
        "members' meeting asks everyone to answer now. Each logs in by code (opens the login "
        "page, asks for a code, reads it in their mailbox for "
        f"{READ_MAIL_SECONDS[0]}–{READ_MAIL_SECONDS[1]} s and types it in), opens the home "
        "page, waits "
        f"{TO_ROUND_SECONDS[0]}–{TO_ROUND_SECONDS[1]} s, opens the round, then reads each of the "
        f"four statements for {READ_STATEMENT_SECONDS[0]}–{READ_STATEMENT_SECONDS[1]} s before "
        f"answering it (htmx): {low}–{high} s and nine requests per member, once; then the "
        "member stays idle (the home row counts the members who started, the answer row "
        f"should reach {4 * MEMBERS}). {BROWSERS} people browse results and events the whole "
        f"run, {BROWSE_SECONDS[0]}–{BROWSE_SECONDS[1]} s between pages."
    )
