from django.urls import path

from ledendemocratie.feedback import views

app_name = "feedback"
urlpatterns = [
    path("", views.index, name="overview"),
]
