from django.urls import path

from rinnalla.catalogue import check_views, views

app_name = "catalogue"
urlpatterns = [
    path("", views.service_list, name="list"),
    path("new/", views.service_create, name="create"),
    path("<int:pk>/", views.service_detail, name="detail"),
    path("<int:pk>/edit/", views.service_edit, name="edit"),
    path("<int:pk>/criteria/", views.criteria_edit, name="criteria_edit"),
    path("<int:pk>/check/<int:client_id>/", check_views.check_create, name="check"),
    path("<int:pk>/dismiss/<int:client_id>/", check_views.dismiss, name="dismiss"),
    path("checks/<int:pk>/", check_views.check_detail, name="check_detail"),
    path("checks/<int:pk>/referral.txt", check_views.check_text, name="check_text"),
]
