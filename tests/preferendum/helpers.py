from preferendum.models import Answer


def bulk_answers(statement, n, *, value=4, province="utrecht", branch_id=None, **traits):
    """n anonymous answers with the given snapshot (aggregates only look at snapshots)."""
    Answer.objects.bulk_create(
        Answer(
            statement=statement,
            round_id=statement.round_id,
            value=value,
            province=province,
            branch_id=branch_id,
            age_band=traits.get("age_band", "30-44"),
            gender=traits.get("gender", "vrouw"),
            membership_band=traits.get("membership_band", "2-4"),
            comment=traits.get("comment", ""),
        )
        for _ in range(n)
    )
