from django.urls import include, path

from preferendum.views import answering, manage, pages

app_name = "preferendum"

answering_patterns = [
    path("", answering.round_detail, name="round-detail"),
    path("stelling/<int:statement_pk>/", answering.answer, name="answer"),
    path("antwoorden/", answering.answer_all, name="answer-all"),
    path("verder-praten/", answering.follow_up, name="follow-up"),
]
token_patterns = [
    path("", answering.round_detail, name="token-round-detail"),
    path("stelling/<int:statement_pk>/", answering.answer, name="token-answer"),
    path("antwoorden/", answering.answer_all, name="token-answer-all"),
    path("verder-praten/", answering.follow_up, name="token-follow-up"),
]

urlpatterns = [
    path("", pages.round_list, name="round-list"),
    path("stelling-voorstellen/", pages.suggestion_create, name="suggestion-create"),
    path("<int:pk>/link/<str:token>/", include(token_patterns)),
    path("<int:pk>/", include(answering_patterns)),
    path("<int:pk>/uitslag/", pages.round_results, name="round-results"),
    path("<int:pk>/uitslag.csv", pages.results_csv, name="results-csv"),
    path("<int:pk>/reacties/", pages.comments, name="comments"),
    path("<int:pk>/verder-praten/leden/", pages.follow_up_list, name="follow-up-list"),
    path("beheer/", manage.manage_rounds, name="manage-rounds"),
    path("beheer/<int:pk>/", manage.manage_round, name="manage-round"),
    path("beheer/<int:pk>/<slug:action>/", manage.manage_transition, name="manage-transition"),
    path("beheer/suggesties/", manage.manage_suggestions, name="manage-suggestions"),
    path("beheer/suggesties/<int:pk>/", manage.manage_suggestion, name="manage-suggestion"),
]
