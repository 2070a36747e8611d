from django.urls import path

from rinnalla.consent import views

app_name = "consent"
urlpatterns = [
    path("clients/<id:client_pk>/", views.consent_list, name="list"),
    path("<id:pk>/withdraw/", views.consent_withdraw, name="withdraw"),
    path("<id:pk>/scan/", views.consent_scan, name="scan"),
]
