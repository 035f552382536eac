"""Answers' trait snapshots and frozen figures move to the codes of members.traits.

The preferendum used to band traits itself ("tot30", "2-5", "" for unknown); it now
uses the bands of members.traits ("16-29", "2-4", "onbekend"). The bands have the same
boundaries, so every stored count keeps its group; only a member younger than 16, if
any, moves from the youngest band to "onbekend" at their next answer.
"""

from django.db import migrations

AGE = {"tot30": "16-29", "": "onbekend"}
MEMBERSHIP = {"tot2": "0-1", "2-5": "2-4", "5-10": "5-9", "": "onbekend"}
UNKNOWN = {"": "onbekend"}
COLUMNS = {"province": UNKNOWN, "age_band": AGE, "gender": UNKNOWN, "membership_band": MEMBERSHIP}
# Positions of the trait columns in RoundFigures' rows (see the model's docstring).
FIGURES = {
    "population": {0: UNKNOWN, 2: AGE, 3: UNKNOWN, 4: MEMBERSHIP},
    "by_person": {2: UNKNOWN, 3: AGE, 4: UNKNOWN},
    "by_place": {2: UNKNOWN, 4: MEMBERSHIP},
}


def _recode(apps, columns, figures):
    Answer = apps.get_model("preferendum", "Answer")
    RoundFigures = apps.get_model("preferendum", "RoundFigures")
    for column, mapping in columns.items():
        for old, new in mapping.items():
            Answer.objects.filter(**{column: old}).update(**{column: new})
    for frozen in RoundFigures.objects.all():
        for name, positions in figures.items():
            rows = getattr(frozen, name)
            for row in rows:
                for i, mapping in positions.items():
                    row[i] = mapping.get(row[i], row[i])
        frozen.save(update_fields=list(figures))


def _inverse(mapping):
    return {new: old for old, new in mapping.items()}


def forwards(apps, schema_editor):
    _recode(apps, COLUMNS, FIGURES)


def backwards(apps, schema_editor):
    columns = {column: _inverse(mapping) for column, mapping in COLUMNS.items()}
    figures = {
        name: {i: _inverse(mapping) for i, mapping in positions.items()}
        for name, positions in FIGURES.items()
    }
    _recode(apps, columns, figures)


class Migration(migrations.Migration):
    dependencies = [("preferendum", "0003_round_invitations_claim")]

    operations = [migrations.RunPython(forwards, backwards)]
