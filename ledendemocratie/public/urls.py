from django.urls import path

from ledendemocratie.public import feeds, views

app_name = "public"
urlpatterns = [
    path("openbaar/", views.index, name="index"),
    path("openbaar/delen/mastodon/", views.share_mastodon, name="share-mastodon"),
    path("openbaar/<slug:kind>/<int:pk>/", views.page, name="page"),
    path("openbaar/<slug:kind>/<int:pk>/voorbeeld.png", views.preview, name="preview"),
    path("openbaar/<slug:kind>/<int:pk>/zichtbaarheid/", views.choose, name="choose"),
    path("feed/", feeds.OutcomesFeed(), name="feed"),
    path("feed/<slug:branch>/", feeds.OutcomesFeed(), name="feed-branch"),
    path("congres/<slug:slug>/", views.congress, name="congress"),
]
