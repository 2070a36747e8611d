from django.urls import path

from rinnalla.followup import views

app_name = "followup"
urlpatterns = [
    path("", views.my_work, name="my_work"),
    path("cracks/", views.cracks, name="cracks"),
]
