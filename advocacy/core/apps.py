from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "advocacy.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from advocacy.core import rls, schema  # noqa: F401  (schema registers the OpenAPI extensions)

        # Row-level security: every PostgreSQL connection follows the tenant in context.
        rls.connect_signals()
