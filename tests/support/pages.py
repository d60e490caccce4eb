"""Every public page, for the site-wide tests."""

LANGUAGES = ("en", "nb")

# Every public page, without its language prefix. The security-header,
# translation, budget, robustness and accessibility tests walk all of them in
# both languages: a new page belongs here.
PUBLIC_PATHS = [
    "/",
    "/guides/",
    "/guides/national-insurance-scheme/",
    "/search/",
    "/search/?q=S1",
    "/agreements/",
    "/agreements/pl/",
    "/agreements/se/",
    "/agreements/us/",
    "/agreements/ch/",
    "/agreements/gb/",
    "/agreements/br/",  # a country without an agreement
    "/agreements/agreement/united-states/",
    "/checklist/",
    # Every question, then two results (with and without going abroad).
    "/checklist/citizenship/",
    "/checklist/residence/?citizenship=pl",
    "/checklist/stay/?citizenship=pl&residence=no",
    "/checklist/work/?citizenship=pl&residence=no&stay=12-months-or-more",
    "/checklist/nav_benefit/?citizenship=pl&residence=pl&work=employee",
    "/checklist/pension/?citizenship=se&residence=no&stay=12-months-or-more&work=retired",
    "/checklist/children/?citizenship=pl&residence=no&stay=12-months-or-more&work=employee",
    "/checklist/single_parent/?citizenship=pl&residence=no&stay=12-months-or-more"
    "&work=employee&children=3-7",
    "/checklist/abroad/?citizenship=pl&residence=no&stay=12-months-or-more&work=employee"
    "&children=none",
    "/checklist/result/?citizenship=pl&residence=pl&work=employee&nav_benefit=no"
    "&children=3-7&single_parent=no",
    "/checklist/result/?citizenship=us&residence=no&stay=12-months-or-more&work=employee"
    "&children=1-2&single_parent=yes&abroad=th",
]


def public_urls() -> list[str]:
    return [f"/{language}{path}" for path in PUBLIC_PATHS for language in LANGUAGES]
