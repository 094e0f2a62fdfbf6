"""Every main page of the school's deputy and of a survey's respondent, checked as a screen reader (NVDA) and a
keyboard would meet it: the page's language, one h1, a name for every field, button and link, alt of every
picture, headed tables, no positive tabindex.

The deputy's pages are found by following the links of the menu's sections one step (one page of each URL name,
downloads left out), so a new page is checked without being listed here."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve
from django.utils import timezone

from tests.accounts.personas import YEAR
from tests.analysis.world import build_analysis_world
from tests.assessments.builders import write_workbook
from vsoko.assessments.models import ResultsUpload
from vsoko.datavalues.compute import recompute
from vsoko.indicators.catalogs import load_shipped_catalogs
from vsoko.indicators.enums import Status
from vsoko.indicators.models import Indicator, Target
from vsoko.records.years import school_year_of
from vsoko.surveys.campaigns import create_survey

pytestmark = pytest.mark.django_db

NOT_FIELDS = {"hidden", "submit", "button", "reset", "image"}
DOWNLOADS = (".xlsx", ".docx", ".csv", ".pdf", ".html", ".odt", ".zip", ".png", ".svg")
SKIPPED_NAMES = {"logout"}


def problems(html: str) -> list[str]:
    """What a screen reader or a keyboard user would miss on one page, in words."""
    doc = lxml.html.document_fromstring(html)
    found = []
    if doc.get("lang") != "ru":
        found.append(f'<html lang="{doc.get("lang")}">')
    if len(doc.xpath("//h1")) != 1:
        found.append(f"h1: {len(doc.xpath('//h1'))}")
    ids = set(doc.xpath("//@id"))
    labelled = set(doc.xpath("//label/@for"))

    def named_by_attributes(element) -> bool:
        if (element.get("aria-label") or "").strip():
            return True
        refs = (element.get("aria-labelledby") or "").split()
        return bool(refs) and all(ref in ids for ref in refs)

    for field in doc.xpath("//input | //select | //textarea"):
        if field.tag == "input" and (field.get("type") or "text").lower() in NOT_FIELDS:
            continue
        if field.get("id") in labelled or field.xpath("ancestor::label") or named_by_attributes(field):
            continue
        found.append(f"поле без названия: <{field.tag} name={field.get('name')!r} id={field.get('id')!r}>")
    duplicated = {i for i in doc.xpath("//input/@id | //select/@id | //textarea/@id")
                  if len(doc.xpath(f'//*[@id="{i}"]')) > 1}
    found += [f"id повторяется: {i}" for i in sorted(duplicated)]  # a label[for] names only the first of them
    for img in doc.xpath("//img[not(@alt)]"):
        found.append(f"img без alt: {img.get('src')}")
    for table in doc.xpath("//table"):
        if table.xpath(".//td") and not table.xpath(".//th"):
            found.append(f"таблица без заголовков: {' '.join(table.text_content().split())[:60]}")
    for element in doc.xpath("//button | //a[@href] | //summary"):
        text = " ".join(element.text_content().split())
        if text or named_by_attributes(element) or element.xpath(".//img[normalize-space(@alt)]"):
            continue
        found.append(f"{element.tag} без текста: {lxml.html.tostring(element, encoding='unicode')[:80]}")
    # Colour is never the only signal: a status's colour repeats its words (the indicators' target and benchmarks),
    # a better / worse cell of «Сравнение школ» says so to a screen reader.
    for element in doc.xpath("//*[contains(concat(' ', @class), ' status--')]"):
        if not any(label in element.text_content() for label in Status.labels):
            found.append(f"статус только цветом: {' '.join(element.text_content().split())[:60]}")
    for element in doc.xpath("//td[contains(@class, 'compare__cell--better') or contains(@class, 'compare__cell--worse')]"):
        if not element.xpath(".//*[contains(@class, 'visually-hidden')][contains(., 'лучше') or contains(., 'хуже')]"):
            found.append(f"сравнение только цветом: {' '.join(element.text_content().split())[:60]}")
    for element in doc.xpath("//*[@tabindex]"):
        if element.get("tabindex").strip().lstrip("-").isdigit() and int(element.get("tabindex")) > 0:
            found.append(f"tabindex={element.get('tabindex')} у <{element.tag}>")
    return found


def field_names(html: str) -> dict[str, str]:
    """The name a screen reader says for each named field of the page: its label's text, or its aria-label."""
    doc = lxml.html.document_fromstring(html)
    labels = {label.get("for"): " ".join(label.text_content().split()) for label in doc.xpath("//label[@for]")}
    return {field.get("name"): field.get("aria-label") or labels.get(field.get("id"), "")
            for field in doc.xpath("//select | //textarea | //input[not(@type='hidden')]") if field.get("name")}


def links(html: str) -> list[str]:
    doc = lxml.html.document_fromstring(html)
    return [href for href in doc.xpath("//a/@href") if href.startswith("/") and not href.startswith("//")]


def route(url: str) -> str | None:
    """The page's URL name, or None for what is not a page to check (downloads, files, other sites)."""
    parts = urlsplit(url)
    if "format=" in parts.query or parts.path.endswith(DOWNLOADS) or parts.path.startswith("/static/"):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    return None if match.url_name in SKIPPED_NAMES else f"{match.namespace}:{match.url_name}"


@pytest.fixture
def school_pages(world):
    load_shipped_catalogs()
    build_analysis_world(world)
    # a target of the school: the tree and the indicator's page show its status
    Target.objects.create(school=world.school, indicator=Indicator.objects.get(code="core.quality"), year_id=YEAR,
                          value=60)
    recompute(world.school, [YEAR])
    today = timezone.localdate()
    return create_survey(school=world.school, year=school_year_of(today), questionnaire="parents", title="Родители",
                         opens_on=today, closes_on=today + datetime.timedelta(days=7))


def test_every_main_page_of_the_deputy_director_and_observer_is_usable_with_a_screen_reader(client, school_pages):
    # Then the pages only the director (users, the audit log) and the municipal observer (comparison of schools)
    # open: each page's URL name is checked once, by whoever reaches it first.
    seen: dict[str, str] = {}
    found = []
    for username in ("deputy", "director", "observer"):
        client.login(username=username, password=username)
        overview = client.get("/").content.decode()
        # the audit log is linked from «Данные» only for the administrator: the director opens it by its address
        queue = ["/", *(url for url in links(overview) if route(url)), *(["/audit/"] if username == "director" else [])]
        menu = set(queue)
        while queue:
            url = queue.pop(0)
            name = route(url)
            if name is None or name in seen:
                continue
            response = client.get(url)
            seen[name] = url
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            html = response.content.decode()
            if name == "indicators:catalog":
                assert "цель достигнута" in html or "цель не достигнута" in html  # the target's status is checked
            found += [f"{username} {url}: {problem}" for problem in problems(html)]
            if url in menu:  # one step from the menu's sections
                queue += [link for link in links(html) if route(link) and route(link) not in seen]
        client.logout()

    # The pages they work with are among those checked.
    assert {"web:overview", "indicators:catalog", "indicators:detail", "assessments:import_start",
            "analysis:assessment", "surveys:index", "surveys:detail", "web:user_list", "audit:log",
            "comparison:index"} <= set(seen), sorted(seen)
    assert found == []


def test_the_questionnaire_a_parent_answers_is_usable_with_a_screen_reader(client, school_pages):
    token = school_pages.links.get().token

    form = client.get(f"/s/{token}/").content.decode()
    hidden = {i.get("name"): i.get("value") for i in lxml.html.document_fromstring(form).xpath("//input[@type='hidden']")}
    pages = {"анкета": form, "не найдена": client.get("/s/no-such-link/").content.decode(),
             # refused: an answer no longer among the options, the errors shown beside the questions
             "ошибки": client.post(f"/s/{token}/", {**hidden, "grade": "4", "q_overall": "очень доволен"}).content.decode(),
             "спасибо": client.post(f"/s/{token}/", {**hidden, "grade": "4", "q_overall": "полностью удовлетворен"},
                                    follow=True).content.decode()}
    pages["уже ответили"] = client.get(f"/s/{token}/").content.decode()

    assert "Ответы не отправлены" in pages["ошибки"] and "Спасибо" in pages["спасибо"]
    assert "Вы уже ответили" in pages["уже ответили"]
    assert [f"{page}: {problem}" for page, html in pages.items() for problem in problems(html)] == []


def test_the_column_mapping_of_an_unknown_file_is_usable_with_a_screen_reader(client, world, settings, tmp_path):
    # Reached only through an upload, so not by the links above: a workbook of a layout the program does not know.
    settings.UPLOAD_DIR = tmp_path / "uploads"
    client.login(username="deputy", password="deputy")
    path = write_workbook(tmp_path / "работа.xlsx", {"Лист1": [["Ученики", "Кл", "Задача А", "Итог"],
                                                             ["Иванов Иван Ильич", "5А", 1, 1]]})
    with open(path, "rb") as f:
        client.post("/assessments/import/", {"file": SimpleUploadedFile(path.name, f.read())})
    columns = client.get(f"/assessments/import/{ResultsUpload.objects.get().pk}/", follow=True)

    assert columns.redirect_chain[-1][0].endswith("/columns/")
    html = columns.content.decode()
    assert problems(html) == []
    # Tabbing from field to field a screen reader names each one with its column: «№ задания» four times said
    # nothing of which column it was.
    names = field_names(html)
    assert names["role_2"] == "Что в столбце Задача А"
    assert names["task_2"] == "№ задания, столбец «Задача А»" and names["max_3"] == "Макс. балл, столбец «Итог»"
    assert len(set(names.values())) == len(names)
    doc = lxml.html.document_fromstring(html)
    assert " ".join(doc.xpath("//a[@href='?row=2']")[0].text_content().split()) == "2 — сделать строкой заголовков"


def test_the_checks_catch_what_a_screen_reader_would_miss():
    # Each rule fails on a page made to break it (a check that never fails checks nothing).
    page = ('<html lang="en"><body><h1>a</h1><h1>b</h1>'
            '<label for="a">Файл</label><input type="file" id="a"><input type="file" id="a" name="codes">'
            '<select name="s"></select><label>Год <select name="y"></select></label>'
            '<img src="x.png"><table><tr><td>1</td></tr></table><button></button><a href="/"> </a>'
            '<a href="/x" aria-label="Закрыть"></a><div tabindex="2"></div><div tabindex="-1"></div>'
            '<span class="badge status--ok">цель 60,0 %</span><span class="badge status--bad">цель 60,0 %: хуже</span>'
            '<table><tr><th>Школа</th><td class="compare__cell compare__cell--worse">▼ 40,0 %</td></tr></table>'
            '</body></html>')

    assert problems(page) == [
        '<html lang="en">', "h1: 2", "поле без названия: <select name='s' id=None>", "id повторяется: a",
        "img без alt: x.png", "таблица без заголовков: 1", "button без текста: <button></button>",
        'a без текста: <a href="/"> </a>', "статус только цветом: цель 60,0 %",
        "сравнение только цветом: ▼ 40,0 %", "tabindex=2 у <div>"]
