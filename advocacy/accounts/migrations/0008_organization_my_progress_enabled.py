from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_data_rights"),
    ]

    operations = [
        migrations.AddField(
            model_name="organization",
            name="my_progress_enabled",
            field=models.BooleanField(default=False),
        ),
    ]
