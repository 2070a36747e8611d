from django.urls import path

from rinnalla.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("summary.pdf", views.summary_pdf, name="summary_pdf"),
    path("<slug:name>/", views.report, name="report"),
]
