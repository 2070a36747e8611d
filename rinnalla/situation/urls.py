from django.urls import path

from rinnalla.situation import views

app_name = "situation"
urlpatterns = [
    path("client/<int:client_id>/", views.client_situation, name="client"),
    path("client/<int:client_id>/segment/", views.segment_add, name="segment"),
    path("client/<int:client_id>/period/", views.period_add, name="period"),
    path("period/<int:pk>/end/", views.period_end, name="period_end"),
]
