from django.urls import path

from rinnalla.workability import views

app_name = "workability"
urlpatterns = [
    path("episode/<int:pk>/", views.episode_assessments, name="episode"),
    path("episode/<int:pk>/new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/assessment.pdf", views.pdf, name="pdf"),
    path("<int:pk>/record-text/", views.record_text, name="record_text"),
    path("statements/<int:pk>/received/", views.statement_received, name="statement_received"),
]
