from django.urls import path

from rinnalla.episodes import views

app_name = "episodes"
urlpatterns = [
    path("<int:pk>/events/new/", views.event_create, name="event_create"),
    path("<int:pk>/responsible/", views.responsible, name="responsible"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
    path("<int:pk>/pause/", views.pause, name="pause"),
    path("events/<int:pk>/attachments/new/", views.attachment_add, name="attachment_add"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("events/<int:pk>/next-step/done/", views.next_step_done, name="next_step_done"),
]
