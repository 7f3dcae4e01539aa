"""Django admin for platform operators (superusers): people and organisations only.
Tenant data is managed through the API, where tenancy is enforced."""

from django.contrib import admin

from advocacy.accounts.models import Organization, User


@admin.register(User)
class UserAdmin(admin.ModelAdmin[User]):
    list_display = ["email", "name", "is_active", "is_staff", "date_joined"]
    search_fields = ["email", "name"]
    exclude = ["password"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin[Organization]):
    list_display = ["slug", "name", "rollout_stage", "created_at"]
    search_fields = ["slug", "name"]
