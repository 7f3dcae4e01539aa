"""Row-level security on every tenant table that exists so far (advocacy.core.rls).

A later migration creating a tenant table adds ``EnableTenantRowLevelSecurity([...])``
for it; tests/core/test_row_level_security.py fails until it does.
"""

from django.db import migrations

from advocacy.core.rls import EnableTenantRowLevelSecurity

TENANT_TABLES = [
    "accounts_invitation",
    "accounts_membership",
    "accounts_policy",
    "accounts_policyacknowledgement",
    "accounts_ssoprovider",
    "accounts_voiceprofile",
    "analytics_attributeddailystats",
    "analytics_click",
    "analytics_dailyvisitor",
    "analytics_engagementsnapshot",
    "analytics_shareattribution",
    "analytics_sharedailystats",
    "analytics_shareengagement",
    "analytics_sharehourlystats",
    "audiences_audience",
    "audiences_reservedrelationship",
    "audiences_reservedrelationshipmember",
    "audiences_reservedrelationshiprole",
    "audiences_roleaudience",
    "coaching_coachingcompletion",
    "coaching_coachingtask",
    "coaching_cohort",
    "coaching_cohortinvitee",
    "coaching_cohortmember",
    "coaching_socialpresence",
    "coaching_socialpresenceaudience",
    "content_contentapproval",
    "content_contentitem",
    "content_contentversion",
    "content_gridcell",
    "content_messagetemplate",
    "core_auditevent",
    "networks_networkconnection",
    "networks_sandboxpost",
    "roles_advocacyrole",
    "roles_roleassignment",
    "shares_share",
]


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_ordering_without_joins"),
        ("accounts", "0007_data_rights"),
        ("analytics", "0002_ordering_without_joins"),
        ("audiences", "0003_ordering_without_joins"),
        ("coaching", "0002_ordering_without_joins"),
        ("content", "0003_ordering_without_joins"),
        ("networks", "0003_ordering_without_joins"),
        ("roles", "0002_ordering_without_joins"),
        ("shares", "0003_ordering_without_joins"),
    ]

    operations = [EnableTenantRowLevelSecurity(TENANT_TABLES)]
