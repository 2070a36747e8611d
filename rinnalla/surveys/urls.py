from django.urls import path

from rinnalla.surveys import views

app_name = "surveys"
urlpatterns = [
    # Public: the one-time link, no login (the short address on e-mails and QR codes).
    path("s/<str:survey_token>/", views.answer, name="answer"),
    # The same form for a link the client opened from their own view (id in the session).
    path("s/", views.answer_session, name="answer_session"),
    path("surveys/", views.survey_list, name="list"),
    path("surveys/send/", views.send, name="send"),
    path("surveys/episodes/<id:pk>/send/", views.send_for_episode, name="send_for_episode"),
    path("surveys/<slug:survey_code>/paper.pdf", views.paper_pdf, name="paper_pdf"),
    path("surveys/<slug:survey_code>/paper/", views.paper_entry, name="paper_entry"),
]
