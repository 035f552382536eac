from django.urls import path

from events.views import calendar, organise, public, tables

app_name = "events"
urlpatterns = [
    path("", public.event_list, name="event-list"),
    path("<int:pk>/", public.event_detail, name="event-detail"),
    path("<int:pk>/aanmelden/", public.event_register, name="event-register"),
    path("<int:pk>/afmelden/", public.event_unregister, name="event-unregister"),
    path("<int:pk>/gast/", public.guest_register, name="guest-register"),
    path("gast/bevestigen/<str:token>/", public.guest_confirm, name="guest-confirm"),
    path("aanmelding/<str:token>/", public.registration_manage, name="registration-manage"),
    path("<int:pk>/agenda.ics", calendar.event_calendar, name="event-ics"),
    path("agenda/afdeling/<slug:slug>.ics", calendar.branch_feed, name="branch-feed"),
    path("agenda/vernieuwen/", calendar.feed_renew, name="feed-renew"),
    path("agenda/mijn/<str:token>.ics", calendar.member_feed, name="member-feed"),
    path("organiseren/", organise.dashboard, name="dashboard"),
    path("nieuw/", organise.event_new, name="event-new"),
    path("<int:pk>/bewerken/", organise.event_edit, name="event-edit"),
    path("<int:pk>/publiceren/", organise.event_publish_view, name="event-publish"),
    path("<int:pk>/afgelasten/", organise.event_cancel_view, name="event-cancel"),
    path("<int:pk>/gehouden/", organise.event_held_view, name="event-held"),
    path("<int:pk>/aanmeldingen/", organise.event_registrations, name="event-registrations"),
    path("<int:pk>/verslag/", organise.event_report, name="event-report"),
    path("<int:pk>/uitnodigen/", organise.event_invite, name="event-invite"),
    path("<int:pk>/tafels/", tables.table_plan, name="table-plan"),
    path("<int:pk>/tafels/indelen/", tables.table_split, name="table-split"),
    path("<int:pk>/tafels/verplaatsen/", tables.table_seat, name="table-seat"),
    path("<int:pk>/tafels/gespreksleider/", tables.table_moderator, name="table-moderator"),
    path("<int:pk>/tafels/publiceren/", tables.table_publish, name="table-publish"),
    path("<int:pk>/tafels/<int:table_pk>/notities/", tables.table_notes, name="table-notes"),
]
