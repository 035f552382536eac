from django.urls import path

from members.views import imports, mail

app_name = "members"
urlpatterns = [
    path("mijn-gegevens/", mail.profile, name="profile"),
    path("afmelden/<str:token>/", mail.unsubscribe, name="unsubscribe"),
    path("leden/import/", imports.import_upload, name="import"),
    path("leden/import/<int:pk>/", imports.import_detail, name="import-detail"),
    path("dev/mail/", mail.dev_mail_list, name="dev-mail"),
    path("dev/mail/<str:name>/", mail.dev_mail_detail, name="dev-mail-detail"),
]
