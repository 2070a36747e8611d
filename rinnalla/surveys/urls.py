from django.urls import path

from rinnalla.surveys import views

app_name = "surveys"
urlpatterns = [
    # Public: the one-time link, no login (the short address on e-mails and QR codes).
    path("s/<str:survey_token>/", views.answer, name="answer"),
    path("surveys/", views.survey_list, name="list"),
    path("surveys/send/", views.send, name="send"),
    path("surveys/episodes/<id:pk>/send/", views.send_for_episode, name="send_for_episode"),
    path("surveys/<slug:survey_code>/paper.pdf", views.paper_pdf, name="paper_pdf"),
    path("surveys/<slug:survey_code>/paper/", views.paper_entry, name="paper_entry"),
]
