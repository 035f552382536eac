from django.urls import path

from beraad.views import calls, draw, invitee, letters, manage, panels, report, steps

app_name = "beraad"
urlpatterns = [
    path("", panels.panel_list, name="panel-list"),
    path("nieuw/", manage.panel_create, name="panel-create"),
    path("bellijst/", calls.call_list, name="call-list"),
    path("bellijst/verdelen/", calls.call_assign, name="call-assign"),
    path("bellijst/<int:invitation_pk>/", calls.call_new, name="call-new"),
    path("handtekening/<str:token>/", letters.signature_image, name="signature-image"),
    path("uitnodiging/<str:token>/", invitee.invitation_respond_view, name="invitation-respond"),
    path("<int:pk>/", panels.panel_detail, name="panel-detail"),
    path("<int:pk>/werkruimte/", panels.workspace, name="workspace"),
    path("<int:pk>/inbreng/", panels.input_new, name="input-new"),
    path("<int:pk>/documenten/<int:document_pk>/", panels.document_download, name="document"),
    path("<int:pk>/verslag/", report.report, name="report"),
    path("<int:pk>/verslag/categories.csv", report.categories_csv, name="categories-csv"),
    path("<int:pk>/verslag/respondents.csv", report.respondents_csv, name="respondents-csv"),
    path("<int:pk>/beheer/", manage.panel_manage, name="panel-manage"),
    path("<int:pk>/bewerken/", manage.panel_edit, name="panel-edit"),
    path("<int:pk>/stap/<slug:step>/", steps.panel_step, name="panel-step"),
    path("<int:pk>/loting/<int:job_pk>/", steps.draw_job, name="draw-job"),
    path("<int:pk>/kenmerken/nieuw/", manage.category_new, name="category-new"),
    path(
        "<int:pk>/kenmerken/<int:category_pk>/verwijderen/",
        manage.category_delete,
        name="category-delete",
    ),
    path("<int:pk>/quota/", manage.quotas, name="quotas"),
    path("<int:pk>/bijeenkomsten/nieuw/", manage.session_new, name="session-new"),
    path("<int:pk>/documenten/nieuw/", manage.document_new, name="document-new"),
    path("<int:pk>/aanbevelingen/nieuw/", manage.recommendation_new, name="recommendation-new"),
    path("<int:pk>/inbreng/<int:input_pk>/", manage.input_moderate, name="input-moderate"),
    path("<int:pk>/panelleden/<int:seat_pk>/uitval/", manage.panel_member_dropout, name="dropout"),
    path("<int:pk>/brief/", letters.letter_edit, name="letter-edit"),
    path("<int:pk>/brief/ondertekenaars/", letters.signer_add, name="signer-add"),
    path("<int:pk>/brief/ondertekenen/", letters.letter_sign_view, name="letter-sign"),
    path("<int:pk>/onthullen/", draw.reveal, name="reveal"),
    path("<int:pk>/brief/afdrukken/", letters.letters_print, name="letters-print"),
]
