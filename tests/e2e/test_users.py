import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_the_director_creates_a_teacher_who_logs_in_with_the_password_shown(logged_in_page, new_page, world):
    director = logged_in_page("director")

    director.get_by_role("link", name="Пользователи").click()
    director.get_by_role("link", name="Выдать роль").click()
    director.get_by_label("Логин").fill("sokolova")
    director.get_by_label("Фамилия").fill("Соколова")
    director.get_by_label("Имя").fill("Вера")
    director.get_by_label("Роль").select_option(label="классный руководитель")
    director.get_by_label("Класс (для классного руководителя)").select_option("5Б")
    director.get_by_role("button", name="Выдать роль").click()
    expect(director.get_by_role("heading", level=1)).to_have_text("Пользователь «sokolova» создан")
    password = director.locator("[data-password]").inner_text()

    teacher = new_page()
    teacher.goto("/login/")
    teacher.get_by_label("Логин").fill("sokolova")
    teacher.get_by_label("Пароль").fill(password)
    teacher.get_by_role("button", name="Войти").click()
    expect(teacher.locator(".usertools__name")).to_have_text("Вера Соколова")
    expect(teacher.get_by_role("link", name="Мой класс: 5Б")).to_be_visible()


def test_switching_an_account_off_asks_first_and_cancel_changes_nothing(logged_in_page, world):
    director = logged_in_page("director")
    director.goto("/users/")
    teacher_row = director.locator("tr", has=director.get_by_text("teacher", exact=True))
    answers = iter([False, True])
    questions = []

    def answer(dialog):
        questions.append(dialog.message)
        dialog.accept() if next(answers) else dialog.dismiss()

    director.on("dialog", answer)
    teacher_row.get_by_role("button", name="Отключить").click()
    expect(teacher_row.get_by_text("включена", exact=True)).to_be_visible()
    world.users["teacher"].refresh_from_db()
    assert world.users["teacher"].is_active

    teacher_row.get_by_role("button", name="Отключить").click()
    expect(director.locator(".message--success")).to_contain_text("отключена")
    world.users["teacher"].refresh_from_db()
    assert not world.users["teacher"].is_active
    assert len(questions) == 2 and questions[0].startswith("Отключить учётную запись teacher?")
