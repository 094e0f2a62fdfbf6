from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "vsoko.assessments"
    verbose_name = "Оценочные процедуры: шкалы и загрузка протоколов"

    def ready(self):
        from django.db.models.signals import post_migrate

        from vsoko.assessments import formats, shipped_scales  # noqa: F401  (formats register themselves)

        # Like contenttypes and permissions: after `migrate` (and so after `vsoko init`)
        # the reference scales of the release are in the database.
        post_migrate.connect(shipped_scales.load_after_migrate, sender=self, dispatch_uid="vsoko.assessments.scales")
