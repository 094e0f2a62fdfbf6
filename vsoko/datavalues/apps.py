from django.apps import AppConfig


class DataValuesConfig(AppConfig):
    name = "vsoko.datavalues"
    verbose_name = "Значения данных"

    def ready(self):
        from vsoko.datavalues.compute import on_package_imported
        from vsoko.imports.signals import package_imported

        package_imported.connect(on_package_imported, dispatch_uid="vsoko.datavalues.recompute")
