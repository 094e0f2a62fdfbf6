from django.apps import AppConfig

# The first option of a select nothing is chosen in yet: Django 6.1 words it «- Select an option -» and has no
# Russian translation of it (the oversight forms had replaced it field by field).
BLANK_CHOICE = "— выберите —"


class WebConfig(AppConfig):
    name = "vsoko.web"
    verbose_name = "Веб-интерфейс"

    def ready(self):
        # Django's documented way to set the label for every form of the project: read when a form is built.
        from django.db.models import fields

        fields.BLANK_CHOICE_LABEL = BLANK_CHOICE
