from django.urls import path

from rinnalla.catalogue import check_views, views

app_name = "catalogue"
urlpatterns = [
    path("", views.service_list, name="list"),
    path("new/", views.service_create, name="create"),
    path("<id:pk>/", views.service_detail, name="detail"),
    path("<id:pk>/edit/", views.service_edit, name="edit"),
    path("<id:pk>/criteria/", views.criteria_edit, name="criteria_edit"),
    path("<id:pk>/check/<id:client_id>/", check_views.check_create, name="check"),
    path("<id:pk>/dismiss/<id:client_id>/", check_views.dismiss, name="dismiss"),
    path("checks/<id:pk>/", check_views.check_detail, name="check_detail"),
    path("checks/<id:pk>/referral.txt", check_views.check_text, name="check_text"),
]
