from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from ledendemocratie import my_data, views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
    # "Mijn gegevens": the members' partials (members.urls has their actions) and each
    # app's participation, so it lives on the roof.
    path("mijn-gegevens/", my_data.my_data, name="my-data"),
    path("mijn-gegevens/export.json", my_data.my_data_export, name="my-data-export"),
    # Saving an answer is the busiest URL there is: resolved before the "" include below.
    path("preferendum/", include("preferendum.urls")),
    path("", include("members.urls")),
    path("beraad/", include("beraad.urls")),
    path("activiteiten/", include("events.urls")),
    path("stemmingen/", include("votes.urls")),
    path("forum/", include("forum.urls")),
    path("terugkoppeling/", include("ledendemocratie.feedback.urls")),
    path("", include("ledendemocratie.public.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
