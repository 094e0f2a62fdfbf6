"""A file confirming a manually entered value: attached on the entry form, downloaded by the school's
staff only, refused with a Russian error when it is not a document, removed on request."""

from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.accounts.personas import build_world
from vsoko.audit.models import AuditEntry
from vsoko.indicators.catalogs import load_shipped_catalogs
from vsoko.indicators.models import Evidence, Indicator
from vsoko.records.approval import set_status
from vsoko.records.enums import ApprovalStatus

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def share(tmp_path):
    build = build_world()
    (tmp_path / "demo.yaml").write_text(
        "catalog: {code: demo, name: Демо}\nindicators:\n"
        "- {code: demo.share, name: Доля, unit: percent, method: entered}\n", encoding="utf-8")
    load_shipped_catalogs(tmp_path)
    return build, Indicator.objects.get(code="demo.share")


def entry_url() -> str:
    return reverse("indicators:entry") + "?catalog=demo&year=2024"


def upload(client, indicator, name="приказ.pdf", content=PDF, **extra):
    return client.post(entry_url(), {f"{indicator.pk}-value": "40",
                                     f"{indicator.pk}-evidence": SimpleUploadedFile(name, content), **extra})


def test_the_file_is_kept_with_the_value_and_downloaded_by_the_staff(client, share):
    world, indicator = share
    client.force_login(world.users["director"])

    assert upload(client, indicator).status_code == 302

    stored = Evidence.objects.get(school=world.school, year_id=2024, indicator="demo.share")
    assert (stored.name, bytes(stored.content), stored.size) == ("приказ.pdf", PDF, len(PDF))
    detail = client.get(reverse("indicators:detail", args=["demo.share"]) + "?year=2024").content.decode()
    link = reverse("indicators:evidence", args=[stored.pk])
    assert link in detail and "приказ.pdf" in detail
    download = client.get(link)
    assert download.status_code == 200
    assert download.content == PDF
    assert "attachment" in download["Content-Disposition"]
    assert AuditEntry.objects.filter(object_type="evidence", object_id=str(stored.pk)).exists()


def test_a_new_file_replaces_the_old_one_and_removal_deletes_it(client, share):
    world, indicator = share
    client.force_login(world.users["director"])
    upload(client, indicator)
    upload(client, indicator, name="протокол.docx", content=b"PK\x03\x04 new")

    assert list(Evidence.objects.values_list("name", flat=True)) == ["протокол.docx"]
    client.post(entry_url(), {f"{indicator.pk}-value": "40", f"{indicator.pk}-remove_evidence": "on"})
    assert not Evidence.objects.exists()


def test_not_a_document_is_refused_with_its_name_and_nothing_is_stored(client, share):
    world, indicator = share
    client.force_login(world.users["director"])

    response = upload(client, indicator, name="вирус.exe", content=b"MZ")

    assert response.status_code == 200
    assert "Файл «вирус.exe»: такой тип не принимается" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_file_over_the_limit_is_refused(client, share, settings):
    world, indicator = share
    settings.VSOKO_MAX_EVIDENCE_MB = 1
    client.force_login(world.users["director"])

    response = upload(client, indicator, content=b"0" * (1024 * 1024 + 1))

    assert "больше допустимых 1 МБ" in response.content.decode()
    assert not Evidence.objects.exists()


def test_an_approved_year_takes_no_file(client, share):
    world, indicator = share
    client.force_login(world.users["director"])
    set_status(school=world.school, year=2024, status=ApprovalStatus.APPROVED, user=world.users["director"])

    upload(client, indicator)

    assert not Evidence.objects.exists()


@pytest.mark.parametrize("who", ["observer", "other_director"])
def test_outsiders_cannot_download(client, share, who):
    world, indicator = share
    client.force_login(world.users["director"])
    upload(client, indicator)
    stored = Evidence.objects.get()
    client.force_login(world.users[who])

    assert client.get(reverse("indicators:evidence", args=[stored.pk])).status_code == 404


def test_the_file_is_downloaded_under_a_neutral_name_and_its_own_name_stays_on_the_page(client, share):
    """«Справка Иванов Пётр.pdf» may name a pupil: the browser's download list, the «Загрузки» folder and a proxy's
    log see «Подтверждение demo.share 2024-2025 № 7.pdf»; the name given on upload is shown only on the pages of
    those who may open the file."""
    world, indicator = share
    client.force_login(world.users["director"])
    upload(client, indicator, name="Справка Иванов Пётр.PDF")
    stored = Evidence.objects.get()

    download = client.get(reverse("indicators:evidence", args=[stored.pk]))

    disposition = download["Content-Disposition"]
    assert "Иванов" not in disposition and "%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2" not in disposition
    expected = f"Подтверждение demo.share 2024-2025 № {stored.pk}.pdf"
    assert disposition == f"attachment; filename*=utf-8''{quote(expected)}"
    assert download["Content-Type"] == "application/pdf"
    detail = client.get(reverse("indicators:detail", args=["demo.share"]) + "?year=2024").content.decode()
    assert "Справка Иванов Пётр.PDF" in detail
    client.force_login(world.users["observer"])
    hidden = client.get(reverse("indicators:detail", args=["demo.share"]) + f"?year=2024&unit={world.school.pk}")
    assert "Иванов" not in hidden.content.decode()


def test_a_file_without_an_accepted_extension_is_downloaded_without_one(client, share):
    world, _ = share
    stored = Evidence.objects.create(school=world.school, year_id=2024, indicator="demo.share", name="Иванов",
                                     content=PDF, size=len(PDF))
    client.force_login(world.users["director"])

    download = client.get(reverse("indicators:evidence", args=[stored.pk]))

    assert download["Content-Disposition"] == (
        f"attachment; filename*=utf-8''{quote(f'Подтверждение demo.share 2024-2025 № {stored.pk}')}")
    assert download["Content-Type"] == "application/octet-stream"
