import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from ledendemocratie.feedback.models import Feedback, FeedbackItem, Outcome


class FeedbackFactory(DjangoModelFactory):
    class Meta:
        model = Feedback

    process_kind = "round"
    process_id = factory.Sequence(lambda n: 1000 + n)
    title = factory.Sequence(lambda n: f"Ronde {n}")
    process_url = factory.LazyAttribute(lambda f: f"/{f.process_kind}/{f.process_id}/")
    summary = "We hoorden veel steun."
    decision = "Het bestuur besloot het over te nemen."
    reasoning = "Omdat de leden het wilden."
    is_public = True

    class Params:
        published = factory.Trait(
            state=Feedback.State.PUBLISHED, published_at=factory.LazyFunction(timezone.now)
        )


class FeedbackItemFactory(DjangoModelFactory):
    class Meta:
        model = FeedbackItem

    feedback = factory.SubFactory(FeedbackFactory)
    item_id = factory.Sequence(lambda n: n)
    item_text = factory.Sequence(lambda n: f"Stelling {n}")
    outcome = Outcome.ADOPTED
    reason = "Breed gedragen."
