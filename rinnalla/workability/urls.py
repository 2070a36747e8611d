from django.urls import path

from rinnalla.workability import views

app_name = "workability"
urlpatterns = [
    path("episode/<id:pk>/", views.episode_assessments, name="episode"),
    path("episode/<id:pk>/new/", views.create, name="create"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/assessment.pdf", views.pdf, name="pdf"),
    path("<id:pk>/record-text/", views.record_text, name="record_text"),
    path("statements/<id:pk>/received/", views.statement_received, name="statement_received"),
]
