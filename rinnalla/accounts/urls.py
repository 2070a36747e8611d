from django.urls import path

from rinnalla.accounts import views

app_name = "accounts"
urlpatterns = [
    path("tokens/", views.api_tokens, name="api_tokens"),
    path("tokens/<id:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
]
