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
