"""Rollups by network and for the whole organisation per day, and every rollup per month.

The network and organisation rows of what happened before are rebuilt from the share
rollups, then the monthly rows from the daily ones, with the ORM (PostgreSQL and SQLite)."""

import uuid
from typing import Any

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from advocacy.core.rls import EnableTenantRowLevelSecurity

COUNTERS = ("shares_posted", "clicks", "unique_visitors", "bot_hits", "reactions", "comments", "reposts")
# As analytics.models.network_key, frozen here.
NETWORK_NAMESPACE = uuid.UUID("6f6b2c1e-4d6a-4f57-9a59-0c8f3a2d7b10")
CHUNK = 5000


def _copy(sums: Any, make: Any, model: Any) -> None:
    rows = []
    for row in sums.iterator(chunk_size=CHUNK):
        rows.append(make(row, **{name: row[f"total_{name}"] or 0 for name in COUNTERS}))
        if len(rows) >= CHUNK:
            model.objects.bulk_create(rows)
            rows = []
    model.objects.bulk_create(rows)


def backfill(apps: Any, schema_editor: Any) -> None:
    share_daily = apps.get_model("analytics", "ShareDailyStats")
    daily = apps.get_model("analytics", "AttributedDailyStats")
    monthly = apps.get_model("analytics", "AttributedMonthlyStats")
    now = timezone.now()
    totals = {f"total_{name}": Sum(name) for name in COUNTERS}

    def daily_row(dimension: str, key: Any) -> Any:
        return lambda row, **counters: daily(
            id=uuid.uuid4(),
            organization_id=row["organization_id"],
            dimension=dimension,
            key=key(row),
            day=row["day"],
            created_at=now,
            updated_at=now,
            **counters,
        )

    by_network = share_daily.objects.values("organization_id", "network", "day").annotate(**totals).order_by()
    _copy(by_network, daily_row("network", lambda row: uuid.uuid5(NETWORK_NAMESPACE, row["network"])), daily)
    by_organization = share_daily.objects.values("organization_id", "day").annotate(**totals).order_by()
    _copy(by_organization, daily_row("organization", lambda row: row["organization_id"]), daily)

    by_month = (
        daily.objects.annotate(month=TruncMonth("day"))
        .values("organization_id", "dimension", "key", "month")
        .annotate(**totals)
        .order_by()
    )
    _copy(
        by_month,
        lambda row, **counters: monthly(
            id=uuid.uuid4(),
            organization_id=row["organization_id"],
            dimension=row["dimension"],
            key=row["key"],
            month=row["month"],
            created_at=now,
            updated_at=now,
            **counters,
        ),
        monthly,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0008_organization_my_progress_enabled'),
        ('analytics', '0004_attributed_daily_covering_index'),
        ('core', '0003_tenant_row_level_security'),
    ]

    operations = [
        migrations.AlterField(
            model_name='attributeddailystats',
            name='dimension',
            field=models.CharField(choices=[('role', 'Advocacy role'), ('audience', 'Audience'), ('content', 'Content item'), ('member', 'Member'), ('network', 'Network'), ('organization', 'Organisation')], max_length=12),
        ),
        migrations.CreateModel(
            name='AttributedMonthlyStats',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('dimension', models.CharField(choices=[('role', 'Advocacy role'), ('audience', 'Audience'), ('content', 'Content item'), ('member', 'Member'), ('network', 'Network'), ('organization', 'Organisation')], max_length=12)),
                ('key', models.UUIDField()),
                ('shares_posted', models.PositiveIntegerField(default=0)),
                ('clicks', models.PositiveIntegerField(default=0)),
                ('unique_visitors', models.PositiveIntegerField(default=0)),
                ('bot_hits', models.PositiveIntegerField(default=0)),
                ('reactions', models.IntegerField(default=0)),
                ('comments', models.IntegerField(default=0)),
                ('reposts', models.IntegerField(default=0)),
                ('month', models.DateField()),
                ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.organization')),
            ],
            options={
                'ordering': ['organization_id', 'dimension', 'key', 'month'],
                'indexes': [models.Index(fields=['organization', 'dimension', 'month', 'key', 'shares_posted', 'clicks', 'unique_visitors', 'bot_hits', 'comments', 'reactions', 'reposts'], name='attributed_monthly_covering')],
                'constraints': [models.UniqueConstraint(fields=('organization', 'dimension', 'key', 'month'), name='attributed_monthly_stats_unique_month')],
            },
        ),
        EnableTenantRowLevelSecurity(["analytics_attributedmonthlystats"]),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
