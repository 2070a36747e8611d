from django.urls import path

from rinnalla.situation import views

app_name = "situation"
urlpatterns = [
    path("client/<id:client_id>/", views.client_situation, name="client"),
    path("client/<id:client_id>/segment/", views.segment_add, name="segment"),
    path("client/<id:client_id>/period/", views.period_add, name="period"),
    path("period/<id:pk>/end/", views.period_end, name="period_end"),
]
