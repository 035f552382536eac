"""PostgreSQL statistics on the columns the results group answers by.

Without them the planner multiplies each column's distinct values (tens of thousands of
groups) where the data has a few thousand, and counts a round's answers in one process
instead of in parallel. Nothing to do on SQLite.
"""

from django.db import migrations

STATISTICS = {
    "answer_by_person": "statement_id, value, province, age_band, gender",
    "answer_by_place": "statement_id, value, province, branch_id, membership_band",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, columns in STATISTICS.items():
            schema_editor.execute(
                f"CREATE STATISTICS {name} (ndistinct) ON {columns} FROM preferendum_answer"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in STATISTICS:
            schema_editor.execute(f"DROP STATISTICS IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("preferendum", "0006_answer_no_locks_on_statement_and_round")]

    operations = [migrations.RunPython(create, drop)]
