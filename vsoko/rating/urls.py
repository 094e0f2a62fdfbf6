from django.urls import path

from vsoko.rating import views

app_name = "rating"
urlpatterns = [
    path("", views.index, name="index"),
    path("my/", views.my_sheet, name="my"),
    path("<int:pk>/", views.period_page, name="period"),
    path("<int:pk>/change/", views.period_change, name="period_change"),
    path("<int:pk>/rating/", views.rating_page, name="rating"),
    path("<int:pk>/rating.<str:fmt>", views.export, name="export"),
    path("sheet/<int:pk>/", views.sheet_page, name="sheet"),
    path("sheet/<int:pk>/sheet.docx", views.sheet_word, name="sheet_docx"),
]
