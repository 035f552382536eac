import shared.links
from django.db import migrations, models


def _give_every_member_own_keys(apps, schema_editor):
    """AddField gave all existing rows one shared default: each member gets keys of its own."""
    Member = apps.get_model("members", "Member")
    batch = []
    for member in Member.objects.only("pk").iterator(chunk_size=2000):
        member.link_key = shared.links.link_key_new()
        member.feed_key = shared.links.link_key_new()
        batch.append(member)
        if len(batch) == 2000:
            Member.objects.bulk_update(batch, ["link_key", "feed_key"])
            batch = []
    Member.objects.bulk_update(batch, ["link_key", "feed_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0004_accounts_audit_erasure_heartbeat"),
    ]

    operations = [
        migrations.AddField(
            model_name="member",
            name="feed_key",
            field=models.CharField(
                default=shared.links.link_key_new, editable=False, max_length=32
            ),
        ),
        migrations.AddField(
            model_name="member",
            name="link_key",
            field=models.CharField(
                default=shared.links.link_key_new, editable=False, max_length=32
            ),
        ),
        migrations.RunPython(_give_every_member_own_keys, migrations.RunPython.noop),
    ]
