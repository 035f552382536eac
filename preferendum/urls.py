from django.urls import path

from preferendum import views

app_name = "preferendum"
urlpatterns = [
    path("", views.index, name="round-list"),
]
