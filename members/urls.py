from django.urls import path

from members.views import imports, mail, profile

app_name = "members"
urlpatterns = [
    path("mijn-gegevens/voorkeuren/", profile.preference_toggle, name="preference-toggle"),
    path("mijn-gegevens/taal/", profile.language_set, name="language-set"),
    path("mijn-gegevens/kenmerken/<slug:slug>/", profile.trait_answer, name="trait-answer"),
    path(
        "mijn-gegevens/kenmerken/<slug:slug>/intrekken/",
        profile.trait_withdraw,
        name="trait-withdraw",
    ),
    path("mijn-gegevens/verwijderen/", profile.deletion_request, name="deletion-request"),
    path("mijn-gegevens/verwijderen/intrekken/", profile.deletion_cancel, name="deletion-cancel"),
    path("mijn-gegevens/links-intrekken/", profile.links_revoke, name="links-revoke"),
    path("afmelden/<str:token>/", mail.unsubscribe, name="unsubscribe"),
    path("leden/import/", imports.import_upload, name="import"),
    path("leden/import/<int:pk>/", imports.import_detail, name="import-detail"),
    path("leden/import/<int:pk>/bevestigen/", imports.import_confirm, name="import-confirm"),
    path("dev/mail/", mail.dev_mail_list, name="dev-mail"),
    path("dev/mail/<str:name>/", mail.dev_mail_detail, name="dev-mail-detail"),
]
