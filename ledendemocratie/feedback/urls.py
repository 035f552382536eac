from django.urls import path

from ledendemocratie.feedback.views import manage, public

app_name = "feedback"
urlpatterns = [
    path("", public.overview, name="overview"),
    path("<int:pk>/", public.detail, name="detail"),
    path("beheer/", manage.manage, name="manage"),
    path("beheer/achterstand/", manage.debt, name="debt"),
    path("beheer/nieuw/", manage.create, name="create"),
    path("beheer/<int:pk>/", manage.edit, name="edit"),
    path("beheer/<int:pk>/voorbeeld/", manage.preview, name="preview"),
    path("beheer/<int:pk>/correctie/", manage.correct, name="correct"),
    path("beheer/<int:pk>/stelling/<int:item_pk>/", manage.carry, name="carry"),
]
