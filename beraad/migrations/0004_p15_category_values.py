from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("beraad", "0003_beraad_draw_procedure"),
    ]

    operations = [
        migrations.RenameField(
            model_name="invitation",
            old_name="features",
            new_name="category_values",
        ),
        migrations.RenameField(
            model_name="invitation",
            old_name="traits_confirmed_at",
            new_name="categories_confirmed_at",
        ),
    ]
