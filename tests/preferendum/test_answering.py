from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from preferendum import services, tokens
from preferendum.forms import AnswerForm, answer_cleaned
from preferendum.models import Answer, FollowUpOptIn, RoundState

pytestmark = pytest.mark.django_db


def _answer_url(round_, statement):
    return reverse("preferendum:answer", args=[round_.pk, statement.pk])


def _token_answer_url(round_, member, statement):
    token = tokens.answer_token(round_, member)
    return reverse("preferendum:token-answer", args=[round_.pk, token, statement.pk])


def _post_answer(client, round_, statement, value="4", comment="", **extra):
    data = {f"s{statement.pk}-value": value, f"s{statement.pk}-comment": comment}
    return client.post(_answer_url(round_, statement), data, **extra)


def test_round_page_shows_all_statements_and_progress(client, member, open_round):
    client.force_login(member)
    response = client.get(reverse("preferendum:round-detail", args=[open_round.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('class="card statement"') == 4
    assert "0 van 4 beantwoord" in response.content.decode()


def test_htmx_answer_is_saved_and_returns_the_statement_status(client, member, open_round):
    client.force_login(member)
    statement = open_round.statements.first()
    response = _post_answer(client, open_round, statement, comment="Goed", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="answer-status-{statement.pk}"' in html and "Opgeslagen" in html
    assert 'aria-live="polite"' in html and "1 van 4 beantwoord" in html
    assert Answer.objects.get(statement=statement, member=member).comment == "Goed"


def test_changing_an_answer_keeps_one_row(client, member, open_round):
    client.force_login(member)
    statement = open_round.statements.first()
    _post_answer(client, open_round, statement, value="4", HTTP_HX_REQUEST="true")
    _post_answer(client, open_round, statement, value="1", HTTP_HX_REQUEST="true")
    assert list(Answer.objects.filter(member=member).values_list("value", flat=True)) == [1]


def test_answer_without_value_is_not_saved_and_says_why(client, member, open_round):
    client.force_login(member)
    statement = open_round.statements.first()
    response = _post_answer(client, open_round, statement, value="", HTTP_HX_REQUEST="true")
    assert "Kies een antwoord." in response.content.decode()
    assert not Answer.objects.exists()


def test_progress_counts_each_statement_once_when_an_answer_changes(client, member, open_round):
    client.force_login(member)
    first, second = open_round.statements.order_by("position")[:2]
    _post_answer(client, open_round, first, value="4", HTTP_HX_REQUEST="true")
    _post_answer(client, open_round, second, value="2", HTTP_HX_REQUEST="true")
    response = _post_answer(client, open_round, first, value="1", HTTP_HX_REQUEST="true")
    assert "2 van 4 beantwoord" in response.content.decode()


def test_saved_status_at_the_same_progress_follows_each_requests_language(
    client, member, open_round
):
    client.force_login(member)
    statement = open_round.statements.first()
    dutch = _post_answer(client, open_round, statement, HTTP_HX_REQUEST="true")
    english = _post_answer(
        client, open_round, statement, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "1 van 4 beantwoord" in dutch.content.decode()
    assert "1 of 4 answered" in english.content.decode()


def test_saving_after_an_error_replaces_the_error_with_the_saved_state(client, member, open_round):
    client.force_login(member)
    statement = open_round.statements.first()
    _post_answer(client, open_round, statement, value="", HTTP_HX_REQUEST="true")
    response = _post_answer(client, open_round, statement, value="2", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Opgeslagen" in html and "Kies een antwoord." not in html


def test_round_page_swaps_only_the_status_of_an_answered_statement(client, member, open_round):
    client.force_login(member)
    response = client.get(reverse("preferendum:round-detail", args=[open_round.pk]))
    html = response.content.decode()
    assert html.count('hx-target="find .answer-status"') == 4
    assert html.count('class="answer-status"') == 4


def test_whole_page_form_saves_every_chosen_answer_without_javascript(client, member, open_round):
    client.force_login(member)
    statements = list(open_round.statements.order_by("position"))
    data = {f"s{s.pk}-value": "5" for s in statements[:3]}
    data |= {"follow_up_present": "1", "follow_up": "on"}
    response = client.post(reverse("preferendum:answer-all", args=[open_round.pk]), data)
    assert response.status_code == 302
    assert Answer.objects.filter(member=member).count() == 3
    assert FollowUpOptIn.objects.filter(member=member, round=open_round).exists()


def test_whole_page_form_rerenders_with_dutch_errors(client, member, open_round):
    client.force_login(member)
    statement = open_round.statements.first()
    data = {f"s{statement.pk}-value": "9"}
    response = client.post(reverse("preferendum:answer-all", args=[open_round.pk]), data)
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_answer_without_javascript_redirects_back_to_the_statement(client, member, open_round):
    client.force_login(member)
    statement = open_round.statements.first()
    response = _post_answer(client, open_round, statement)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#statement-{statement.pk}")


def test_htmx_request_without_session_gets_a_client_redirect(client, open_round):
    statement = open_round.statements.first()
    page = reverse("preferendum:round-detail", args=[open_round.pk])
    response = _post_answer(
        client,
        open_round,
        statement,
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver{page}",
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"{reverse('account_login')}?next={page}"


def test_closed_round_cannot_be_answered(client, member, round_factory):
    round_ = round_factory(state=RoundState.CLOSED)
    client.force_login(member)
    response = _post_answer(client, round_, round_.statements.first(), HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_open_round_past_its_closing_time_cannot_be_answered(member, round_factory):
    round_ = round_factory(closes_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError):
        services.answer_save(statement=round_.statements.first(), member=member, value=4)


def test_comment_longer_than_500_characters_is_refused(member, open_round):
    with pytest.raises(ValidationError):
        services.answer_save(
            statement=open_round.statements.first(), member=member, value=4, comment="x" * 501
        )


def test_answer_keeps_a_snapshot_of_the_members_traits(member, open_round):
    services.answer_save(statement=open_round.statements.first(), member=member, value=2)
    answer = Answer.objects.get()
    assert (answer.province, answer.branch_id) == ("utrecht", member.branch_id)
    assert answer.gender == "vrouw" and answer.age_band and answer.membership_band


def test_personal_link_answers_the_round_without_logging_in(client, member, open_round):
    token = tokens.answer_token(open_round, member)
    statement = open_round.statements.first()
    page = client.get(reverse("preferendum:token-round-detail", args=[open_round.pk, token]))
    url = reverse("preferendum:token-answer", args=[open_round.pk, token, statement.pk])
    client.post(url, {f"s{statement.pk}-value": "3"}, HTTP_HX_REQUEST="true")
    assert page.status_code == 200
    assert Answer.objects.get(member=member).value == 3
    assert "_auth_user_id" not in client.session


def test_personal_link_does_not_work_for_another_round(client, member, round_factory):
    first, second = round_factory(), round_factory()
    token = tokens.answer_token(first, member)
    response = client.get(reverse("preferendum:token-round-detail", args=[second.pk, token]))
    assert response.status_code == 404


def test_tampered_personal_link_is_refused(client, member, open_round):
    token = tokens.answer_token(open_round, member)
    forged = f"{int(token.split(':')[0]) + 1}:{token.split(':')[1]}"
    response = client.get(reverse("preferendum:token-round-detail", args=[open_round.pk, forged]))
    assert response.status_code == 404


def test_personal_link_expires_when_the_round_closes(client, member, round_factory):
    round_ = round_factory(state=RoundState.CLOSED)
    token = tokens.answer_token(round_, member)
    response = client.get(reverse("preferendum:token-round-detail", args=[round_.pk, token]))
    assert response.status_code == 410


def test_opt_in_via_htmx_is_recorded(client, member, open_round):
    client.force_login(member)
    url = reverse("preferendum:follow-up", args=[open_round.pk])
    response = client.post(url, {"follow_up": "on"}, HTTP_HX_REQUEST="true")
    assert 'id="follow-up"' in response.content.decode()
    assert FollowUpOptIn.objects.filter(member=member, round=open_round).count() == 1


def test_member_sees_their_previous_answer_to_the_same_statement_family(
    client, member, round_factory
):
    earlier = round_factory(state=RoundState.CLOSED, statements=1)
    old = earlier.statements.get()
    from tests.preferendum.factories import AnswerFactory

    AnswerFactory(statement=old, member=member, value=1)
    now = round_factory(statements=1)
    now.statements.update(family=old.family)
    client.force_login(member)
    response = client.get(reverse("preferendum:round-detail", args=[now.pk]))
    assert "antwoordde je: helemaal oneens" in response.content.decode()


def test_saving_an_answer_takes_two_queries(client, member, open_round):
    """One read (member, statement, round, progress) that also signs in, and the upsert;
    the session comes from the cache."""
    client.force_login(member)
    statement = open_round.statements.first()
    with CaptureQueriesContext(connection) as queries:
        response = _post_answer(client, open_round, statement, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert len(queries) == 2


def test_session_no_longer_valid_for_the_member_saves_nothing(client, member, open_round):
    client.force_login(member)
    member.set_password("changed elsewhere")  # ends every session of this member
    member.save()
    response = _post_answer(
        client, open_round, open_round.statements.first(), HTTP_HX_REQUEST="true"
    )
    assert response["HX-Redirect"].startswith(reverse("account_login"))
    assert not Answer.objects.exists()


def test_saving_an_answer_by_personal_link_takes_two_queries(client, member, open_round):
    """One read (member, round, statements, own answers) and the upsert."""
    statement = open_round.statements.first()
    url = _token_answer_url(open_round, member, statement)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {f"s{statement.pk}-value": "2"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "1 van 4 beantwoord" in response.content.decode()
    assert len(queries) == 2


def test_personal_link_answer_stores_the_province_of_the_members_branch(client, member, open_round):
    statement = open_round.statements.first()
    url = _token_answer_url(open_round, member, statement)
    client.post(url, {f"s{statement.pk}-value": "5"}, HTTP_HX_REQUEST="true")
    assert Answer.objects.get(member=member).province == member.branch.province


def test_personal_link_of_a_member_who_no_longer_exists_is_not_found(
    client, member_factory, open_round
):
    gone = member_factory()
    token = tokens.answer_token(open_round, gone)
    gone.delete()
    statement = open_round.statements.first()
    url = reverse("preferendum:token-answer", args=[open_round.pk, token, statement.pk])
    response = client.post(url, {f"s{statement.pk}-value": "5"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 404 and not Answer.objects.exists()


def test_deleting_a_round_deletes_its_answers(member, open_round, answer_all):
    answer_all(member)
    open_round.delete()
    assert not Answer.objects.exists()


def test_statement_of_another_round_cannot_be_answered_through_this_one(
    client, member, round_factory
):
    this, other = round_factory(), round_factory()
    client.force_login(member)
    response = _post_answer(client, this, other.statements.first(), HTTP_HX_REQUEST="true")
    assert response.status_code == 404 and not Answer.objects.exists()


@pytest.mark.parametrize("statements", [1, 6])
def test_round_page_takes_six_queries_however_many_statements(
    client, member, round_factory, answer_all, statements, django_assert_max_num_queries
):
    """Member, round, roles, statements, own and earlier answers, opt-in: no query per row."""
    round_ = round_factory(statements=statements)
    answer_all(member, round_=round_)
    client.force_login(member)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("preferendum:round-detail", args=[round_.pk]))
    assert response.content.decode().count('class="card statement"') == statements


@pytest.mark.parametrize(
    "posted",
    [
        {"value": "3"},
        {"value": "0", "comment": "  geen mening  "},
        {"value": "5", "comment": "x" * 500},
        {},
        {"value": ""},
        {"value": "6"},
        {"value": "drie"},
        {"value": "3", "comment": "x" * 501},
        {"comment": "alleen een toelichting"},
    ],
)
def test_saving_validates_an_answer_exactly_as_the_answer_form_does(posted):
    """The hot path cleans without building a form: same values, same refusals."""
    data = QueryDict(mutable=True)
    data.update({f"s7-{name}": value for name, value in posted.items()})
    form = AnswerForm(data, prefix="s7")
    assert answer_cleaned(data, "s7") == (form.cleaned_data if form.is_valid() else None)


def test_personal_link_refuses_a_comment_over_500_characters(client, member, open_round):
    statement = open_round.statements.first()
    url = _token_answer_url(open_round, member, statement)
    data = {f"s{statement.pk}-value": "4", f"s{statement.pk}-comment": "x" * 501}
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Opgeslagen" not in response.content.decode()
    assert not Answer.objects.exists()
