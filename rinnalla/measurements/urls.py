from django.urls import path

from rinnalla.measurements import views

app_name = "measurements"
urlpatterns = [
    path("clients/<id:client_id>/", views.client_measurements, name="client"),
    path("clients/<id:client_id>/record/<slug:code>/", views.record, name="record"),
    path("clients/<id:client_id>/assessment/", views.assessment, name="assessment"),
    path(
        "clients/<id:client_id>/assessment/<id:version>/",
        views.assessment,
        name="assessment_version",
    ),
    path("clients/<id:client_id>/assessment/edit/", views.assessment_edit, name="assessment_edit"),
    path(
        "clients/<id:client_id>/self-fill-link/",
        views.self_fill_link_create,
        name="self_fill_link_create",
    ),
    path("results/<id:pk>/", views.detail, name="detail"),
    # Public: the client's one-time link, no login.
    path("self/<str:token>/", views.self_fill, name="self_fill"),
]
