from django.urls import path, re_path

from agreements import views

app_name = "agreements"

# A country's page is /agreements/<two letters>/. Every other page sits under
# a longer word ("choose", "agreement"), so no country code can ever collide
# with one, whatever codes ISO 3166 adds in future.
urlpatterns = [
    path("", views.index, name="index"),
    path("choose/", views.choose, name="choose"),
    path("agreement/<slug:slug>/", views.detail, name="detail"),
    re_path(r"^(?P<code>[A-Za-z]{2})/$", views.country, name="country"),
]
