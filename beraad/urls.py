from django.urls import path

from beraad import views

app_name = "beraad"
urlpatterns = [
    path("", views.index, name="panel-list"),
]
