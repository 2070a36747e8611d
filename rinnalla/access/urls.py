from django.urls import path

from rinnalla.access import views

app_name = "access"
urlpatterns = [
    path("clients/<id:client_pk>/log/", views.client_log, name="client_log"),
    path("clients/<id:client_pk>/log/pdf/", views.client_log_pdf, name="client_log_pdf"),
    path("clients/<id:client_pk>/emergency/", views.break_glass, name="break_glass"),
    path("two-step/", views.totp_setup, name="totp_setup"),
]
