from django.urls import path

from forum.views import contributions, conversations, documents, experts, statements

app_name = "forum"
C = "<int:pk>/bijdrage/<int:contribution_pk>"
urlpatterns = [
    path("", conversations.conversation_list, name="conversation-list"),
    path("nieuw/", conversations.conversation_new, name="conversation-new"),
    path("<int:pk>/", conversations.conversation_detail, name="conversation-detail"),
    path("<int:pk>/bewerken/", conversations.conversation_edit, name="conversation-edit"),
    path(
        "<int:pk>/<str:action>/stap/",
        conversations.conversation_transition,
        name="conversation-transition",
    ),
    path("<int:pk>/samenvatting/", conversations.conversation_summary, name="summary"),
    path("<int:pk>/moderatie/", conversations.audit_log, name="moderation"),
    path("<int:pk>/bijdragen/", contributions.contribution_post, name="contribution-post"),
    path(f"{C}/bewerken/", contributions.contribution_edit, name="contribution-edit"),
    path(f"{C}/melden/", contributions.contribution_report, name="contribution-report"),
    path(f"{C}/verbergen/", contributions.contribution_hide, name="contribution-hide"),
    path(f"{C}/melding-afhandelen/", contributions.report_dismiss, name="report-dismiss"),
    path(f"{C}/bezwaar/", contributions.contribution_appeal, name="contribution-appeal"),
    path(f"{C}/bezwaar-besluit/", contributions.appeal_decide, name="appeal-decide"),
    path("<int:pk>/kaart/", statements.opinion_map, name="opinion-map"),
    path("<int:pk>/stellingen/", statements.statement_add, name="statement-add"),
    path("<int:pk>/stellingen/<int:statement_pk>/stem/", statements.vote, name="vote"),
    path("<int:pk>/export-polis.zip", statements.polis_csv, name="polis-csv"),
    path("<int:pk>/doorzetten/", statements.consensus_carry, name="carry"),
    path("<int:pk>/deskundigen/", experts.expert_invite, name="expert-invite"),
    path("<int:pk>/documenten/nieuw/", documents.document_add, name="document-add"),
    path("<int:pk>/documenten/<int:document_pk>/", documents.document_download, name="document"),
    path(
        "<int:pk>/documenten/<int:document_pk>/verwijderen/",
        documents.document_remove,
        name="document-remove",
    ),
    path("deskundige/<str:token>/", experts.expert_confirm, name="expert-confirm"),
]
