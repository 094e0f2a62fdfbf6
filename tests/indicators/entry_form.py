"""What the tests of the entry form share: a deputy signed in with a small catalog of its own, the form's
address, its field names and the page's text."""

import re

import pytest
from django.urls import reverse

from tests.accounts.personas import build_world
from vsoko.indicators.catalogs import load_shipped_catalogs
from vsoko.indicators.models import Indicator

URL = reverse("indicators:entry") + "?catalog=demo&year=2024"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def deputy_with_catalog(client, tmp_path, catalog: str):
    """The deputy of the personas' school signed in, the catalog «demo» (YAML text) loaded; the world on `client.world`."""
    world = build_world()
    (tmp_path / "demo.yaml").write_text(catalog, encoding="utf-8")
    load_shipped_catalogs(tmp_path)
    client.force_login(world.users["deputy"])
    client.world = world
    return client


def field(code: str, name: str) -> str:
    return f"{Indicator.objects.get(code=code).pk}-{name}"


def words(response, *, tags_as: str = " ") -> str:
    """The page's text, runs of spaces one space; tags become `tags_as` («» keeps a link inside a sentence in it)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", tags_as, response.content.decode()))
