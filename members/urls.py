from django.urls import path

from members import views

app_name = "members"
urlpatterns = [
    path("mijn-gegevens/", views.profile, name="profile"),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("dev/mail/", views.dev_mail_list, name="dev-mail"),
    path("dev/mail/<str:name>/", views.dev_mail_detail, name="dev-mail-detail"),
]
