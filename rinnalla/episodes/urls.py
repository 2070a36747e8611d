from django.urls import path

from rinnalla.episodes import views

app_name = "episodes"
urlpatterns = [
    path("<id:pk>/events/new/", views.event_create, name="event_create"),
    path("<id:pk>/responsible/", views.responsible, name="responsible"),
    path("<id:pk>/close/", views.close, name="close"),
    path("<id:pk>/reopen/", views.reopen, name="reopen"),
    path("<id:pk>/pause/", views.pause, name="pause"),
    path("events/<id:pk>/attachments/new/", views.attachment_add, name="attachment_add"),
    path("attachments/<id:pk>/", views.attachment, name="attachment"),
]
