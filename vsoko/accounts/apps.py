from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "vsoko.accounts"
    verbose_name = "Пользователи и роли"
