from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("feedback/", views.form, name="form"),
    path("feedback/send/", views.send, name="send"),
    path("feedback/thanks/", views.thanks, name="thanks"),
]
