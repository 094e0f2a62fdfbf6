from vsoko.siteaudit.checklist import item_name, items_by_code, sections

# Приказ Рособрнадзора от 04.08.2023 № 1493: the subsections of «Сведения об образовательной организации».
EXPECTED_PATHS = ["sveden/common", "sveden/struct", "sveden/document", "sveden/education", "sveden/managers",
                  "sveden/employees", "sveden/objects", "sveden/paid_edu", "sveden/budget", "sveden/vacant",
                  "sveden/grants", "sveden/inter", "sveden/catering", "sveden/eduStandarts"]


def test_the_checklist_has_the_fourteen_subsections_in_their_order():
    assert [s.path for s in sections()] == EXPECTED_PATHS


def test_every_subsection_begins_with_its_page_and_codes_are_unique():
    codes = [item.code for s in sections() for item in s.items]
    assert len(codes) == len(set(codes))
    for s in sections():
        assert s.page_item.code == s.code
        assert all(item.section == s.code for item in s.items)
        assert all(item.code.startswith(f"{s.code}.") for item in s.items[1:])


def test_the_key_documents_are_in_the_checklist():
    names = " | ".join(item.name for item in items_by_code().values())
    for document in ("Устав", "лицензий", "аккредитации", "Правила внутреннего распорядка обучающихся",
                     "самообследования", "Предписания органов контроля", "внутренней системе оценки качества",
                     "Календарный учебный график", "Учебный план", "Меню"):
        assert document in names, document


def test_an_item_no_longer_in_the_checklist_is_named_by_its_code():
    assert item_name("document.charter") == "Устав"
    assert item_name("old.removed") == "old.removed"
