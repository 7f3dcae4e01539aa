from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "advocacy.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from advocacy.core import schema  # noqa: F401  (registers the OpenAPI extensions)
