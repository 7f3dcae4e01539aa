import uuid
from typing import Any

from django.db import migrations, models
from django.db.models import Sum
from django.utils import timezone

COUNTERS = ("shares_posted", "clicks", "unique_visitors", "bot_hits", "reactions", "comments", "reposts")


def backfill(apps: Any, schema_editor: Any) -> None:
    """The content and member rows of what the share rollups already hold."""
    daily = apps.get_model("analytics", "ShareDailyStats")
    attributed = apps.get_model("analytics", "AttributedDailyStats")
    now = timezone.now()
    for dimension, column in (("content", "content_id"), ("member", "membership_id")):
        sums = (
            daily.objects.values("organization_id", column, "day")
            .annotate(**{f"total_{name}": Sum(name) for name in COUNTERS})
            .order_by()
        )
        rows = []
        for row in sums.iterator(chunk_size=5000):
            rows.append(
                attributed(
                    id=uuid.uuid4(),
                    organization_id=row["organization_id"],
                    dimension=dimension,
                    key=row[column],
                    day=row["day"],
                    created_at=now,
                    updated_at=now,
                    **{name: row[f"total_{name}"] or 0 for name in COUNTERS},
                )
            )
            if len(rows) >= 5000:
                attributed.objects.bulk_create(rows)
                rows = []
        attributed.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [
        ("analytics", "0002_ordering_without_joins"),
    ]

    operations = [
        migrations.AlterField(
            model_name="attributeddailystats",
            name="dimension",
            field=models.CharField(
                choices=[
                    ("role", "Advocacy role"),
                    ("audience", "Audience"),
                    ("content", "Content item"),
                    ("member", "Member"),
                ],
                max_length=10,
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
