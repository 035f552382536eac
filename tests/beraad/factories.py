import io
import secrets

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from factory.django import DjangoModelFactory
from PIL import Image

from beraad.models import Invitation, Panel
from tests.members.factories import MemberFactory


class PanelFactory(DjangoModelFactory):
    class Meta:
        model = Panel

    title = factory.Sequence(lambda n: f"Beraad {n}")
    question = "Hoe maken we de partij toegankelijker?"
    panel_size = 4
    invitation_count = 10
    reserve_size = 2


class InvitationFactory(DjangoModelFactory):
    class Meta:
        model = Invitation

    panel = factory.SubFactory(PanelFactory)
    member = factory.SubFactory(MemberFactory)
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(24))
    pseudonym = factory.Sequence(lambda n: f"p{n:05d}")
    stratum = "gender=vrouw"
    category_values = factory.LazyFunction(lambda: {"gender": "vrouw"})


def signature_upload(fmt: str = "PNG", name: str = "handtekening.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 16), "white").save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")
