"""An admin publishes feedback on a closed round; everyone who answered gets the report."""

from playwright.sync_api import expect

from ledendemocratie.feedback.models import Feedback
from members.models import MailKind, OutboxMessage
from preferendum.services import answer_save, round_close
from tests.preferendum.factories import RoundFactory


def test_admin_publishes_feedback_and_the_respondents_get_the_report(
    journey, member_factory, admin_member
):
    respondents = [member_factory() for _ in range(2)]
    round_ = RoundFactory(title="Vervoer")
    for member in respondents:
        for statement in round_.statements.all():
            answer_save(statement=statement, member=member, value=4)
    round_close(round_=round_)

    journey.sign_in_as(admin_member)
    journey.go("/terugkoppeling/beheer/nieuw/")
    page = journey.page
    page.get_by_label("Afgesloten proces").select_option(label="Preferendumronde: Vervoer")
    page.get_by_role("button", name="Concept maken").click()
    page.locator("textarea[name=summary]").fill("We hoorden brede steun voor beter vervoer.")
    page.locator("textarea[name=decision]").fill("Het bestuur neemt het over.")
    page.locator("textarea[name=reasoning]").fill("Omdat de leden het breed steunen.")
    for select in page.locator("select[name$=outcome]").all():
        select.select_option("adopted")
    for reason in page.locator("textarea[name$=reason]").all():
        reason.fill("Breed gedragen door de leden.")
    page.get_by_role("button", name="Opslaan en voorbeeld bekijken").click()
    page.locator("input[name=confirm]").check()
    page.get_by_role("button", name="Publiceren en versturen").click()
    feedback = Feedback.objects.get(title="Vervoer")
    page.wait_for_url(f"**/terugkoppeling/{feedback.pk}/")
    expect(page.locator("main")).to_contain_text("We hoorden brede steun")

    reports = OutboxMessage.objects.filter(kind=MailKind.FEEDBACK_REPORT)
    assert sorted(reports.values_list("to_email", flat=True)) == sorted(
        member.email for member in respondents
    )
    journey.screenshot("feedback-published")
