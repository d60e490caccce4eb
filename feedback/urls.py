from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("feedback/", views.form, name="form"),
    path("feedback/send/", views.send, name="send"),
    path("feedback/thanks/", views.thanks, name="thanks"),
    path("feedback/useful/", views.useful, name="useful"),
    path("feedback/useful/thanks/", views.useful_thanks, name="useful_thanks"),
]
