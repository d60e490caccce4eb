from django.urls import include, path

from guidance.views import checklist, guides, search

guide_patterns = (
    [
        path("guides/", guides.guide_list, name="list"),
        path("guides/<slug:slug>/", guides.guide_detail, name="detail"),
        path("search/", search.search, name="search"),
    ],
    "guides",
)

checklist_patterns = (
    [
        path("", checklist.start, name="start"),
        path("result/", checklist.result, name="result"),
        path("calendar.ics", checklist.calendar, name="calendar"),
        path("<slug:question>/", checklist.question, name="question"),
    ],
    "checklist",
)

urlpatterns = [
    path("", include(guide_patterns)),
    path("checklist/", include(checklist_patterns)),
]
