"""Organisation roles and who may do what. Roles are plain fields on the membership;
django-guardian is only for rare per-object grants (see ``TenantViewSet.grant_permission``)."""

from django.db import models


class OrgRole(models.TextChoices):
    ADMIN = "admin", "Admin"
    COMMS_LEAD = "comms_lead", "Comms lead"
    REVIEWER = "reviewer", "Reviewer"
    EMPLOYEE = "employee", "Employee"


ALL_MEMBERS = frozenset(OrgRole.values)
ADMINS = frozenset({OrgRole.ADMIN})
COMMS = frozenset({OrgRole.ADMIN, OrgRole.COMMS_LEAD})
REVIEWERS = frozenset({OrgRole.ADMIN, OrgRole.REVIEWER})


def role_allows(org_role: str, allowed: frozenset[str]) -> bool:
    """Admins can do everything in their organisation."""
    return org_role == OrgRole.ADMIN or org_role in allowed
