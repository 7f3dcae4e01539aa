from django.apps import AppConfig


class AudiencesConfig(AppConfig):
    name = "advocacy.audiences"
    label = "audiences"
    default_auto_field = "django.db.models.BigAutoField"
