from django.urls import path

from about import views
from about.models import Page

app_name = "about"

# /about/, /contact/, /accessibility/, /privacy/: each page's key is its address.
urlpatterns = [path(f"{key}/", views.page, {"key": key}, name=key) for key in Page.Key.values]
