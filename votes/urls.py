from django.urls import path

from votes.views import committee, manage, results, voting

app_name = "votes"

urlpatterns = [
    path("", voting.vote_list, name="vote-list"),
    path("<int:pk>/", voting.vote_detail, name="vote-detail"),
    path("<int:pk>/stemmen/", voting.ballot, name="ballot"),
    path("<int:pk>/uitslag/", results.results_page, name="results"),
    path("<int:pk>/ballots.csv", results.ballots_csv, name="ballots-csv"),
    path("<int:pk>/trackers.txt", results.trackers_txt, name="trackers-txt"),
    path("<int:pk>/result.json", results.result_json, name="result-json"),
    path("<int:pk>/rondes.csv", results.rounds_csv, name="rounds-csv"),
    path("<int:pk>/stembureau/", committee.committee, name="committee"),
    path("<int:pk>/stembureau/sleuteldeel/", committee.share_pick_up, name="share"),
    path("beheer/", manage.manage_votes, name="manage"),
    path("beheer/<int:pk>/<slug:action>/", manage.manage_transition, name="manage-transition"),
]
