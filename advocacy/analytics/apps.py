from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "advocacy.analytics"
    label = "analytics"
    default_auto_field = "django.db.models.BigAutoField"
