from django.urls import path

from rinnalla.consent import views

app_name = "consent"
urlpatterns = [
    path("clients/<int:client_pk>/", views.consent_list, name="list"),
    path("<int:pk>/withdraw/", views.consent_withdraw, name="withdraw"),
    path("<int:pk>/scan/", views.consent_scan, name="scan"),
    path("<int:pk>/scan/add/", views.consent_scan_add, name="scan_add"),
]
