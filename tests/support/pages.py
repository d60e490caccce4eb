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
    # Every question (the move question in both its forms), then three
    # results: living abroad, moving here with a stay abroad planned, leaving.
    "/checklist/citizenship/",
    "/checklist/residence/?citizenship=pl",
    "/checklist/move/?citizenship=pl&residence=no",
    "/checklist/move/?citizenship=no&residence=es",
    "/checklist/stay/?citizenship=pl&residence=no&move=moving-to-norway",
    "/checklist/permit/?citizenship=us&residence=no&move=moving-to-norway&stay=12-months-or-more",
    "/checklist/work/?citizenship=pl&residence=no&move=moving-to-norway&stay=12-months-or-more",
    "/checklist/nav_benefit/?citizenship=pl&residence=pl&move=not-moving&work=employee",
    "/checklist/pension/?citizenship=se&residence=no&move=moving-to-norway"
    "&stay=12-months-or-more&work=retired",
    "/checklist/children/?citizenship=pl&residence=no&move=moving-to-norway"
    "&stay=12-months-or-more&work=employee",
    "/checklist/single_parent/?citizenship=pl&residence=no&move=moving-to-norway"
    "&stay=12-months-or-more&work=employee&children=3-7",
    "/checklist/children_abroad/?citizenship=pl&residence=no&move=moving-to-norway"
    "&stay=12-months-or-more&work=employee&children=none",
    "/checklist/abroad/?citizenship=pl&residence=no&move=moving-to-norway"
    "&stay=12-months-or-more&work=employee&children=none&children_abroad=no",
    "/checklist/result/?citizenship=pl&residence=pl&move=not-moving&work=employee"
    "&nav_benefit=no&children=3-7&single_parent=no",
    "/checklist/result/?citizenship=us&residence=no&move=moving-to-norway"
    "&stay=12-months-or-more&permit=work&work=employee&children=1-2&single_parent=yes"
    "&children_abroad=no&abroad=th",
    "/checklist/result/?citizenship=no&residence=es&move=leaving-norway&work=retired"
    "&nav_benefit=no&pension=norway",
    # The site's own pages (issue 15), reporting a problem, and a search that
    # finds nothing but suggests a word.
    "/about/",
    "/contact/",
    "/accessibility/",
    "/privacy/",
    "/feedback/",
    "/feedback/thanks/",
    "/search/?q=sertificate",
]


def public_urls() -> list[str]:
    return [f"/{language}{path}" for path in PUBLIC_PATHS for language in LANGUAGES]
