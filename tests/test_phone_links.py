"""Phone numbers are links a phone can call, and the agencies' sites are links:
in the footer of every page and on the home page."""

import re

import pytest

pytestmark = pytest.mark.django_db

# The agencies' numbers as the pages write them, and the tel: address each calls:
# with the country code, so a tap works from a phone in Norway or abroad.
NUMBERS = {
    "55 55 33 33": "tel:+4755553333",  # NAV
    "23 32 70 00": "tel:+4723327000",  # Veiledning Helsenorge, for Helfo
    "800 80 000": "tel:+4780080000",  # the Tax Administration
}


def footer_of(html: str) -> str:
    return html.split('<footer class="site-footer">')[1]


@pytest.mark.parametrize("url", ["/en/", "/nb/guides/", "/en/agreements/pl/", "/nb/checklist/"])
def test_every_footer_has_the_agencies_numbers_as_links(client, url):
    footer = footer_of(client.get(url).content.decode())
    for number, address in NUMBERS.items():
        assert f'<a href="{address}">{number}</a>' in footer


@pytest.mark.parametrize(
    ("language", "nav"), [("en", "https://www.nav.no/en/home"), ("nb", "https://www.nav.no/")]
)
def test_the_footer_links_each_agency_in_the_readers_language(client, language, nav):
    footer = footer_of(client.get(f"/{language}/").content.decode())
    assert f'href="{nav}"' in footer
    assert (
        len(re.findall(r'href="https://www\.(nav|helfo|helsenorge|udi|skatteetaten)\.no', footer))
        == 5
    )


def test_the_home_page_tells_whom_to_ask_with_links_and_numbers(client):
    html = client.get("/en/").content.decode()
    section = html.split('<section class="ask-authorities"')[1].split("</section>")[0]
    for agency in ("NAV", "Helfo", "UDI", "The Tax Administration"):
        assert re.search(rf'<dt><a href="https://[^"]+">{agency}</a></dt>', section)
    for number, address in NUMBERS.items():
        assert f'<a href="{address}">{number}</a>' in section
    assert '<a href="tel:+4722077000">+47 22 07 70 00</a>' in section


def test_no_number_in_the_footer_or_the_home_section_is_plain_text(client):
    html = client.get("/nb/").content.decode()
    section = html.split('<section class="ask-authorities"')[1].split("</section>")[0]
    for part in (footer_of(html), section):
        text_outside_links = re.sub(r"<a [^>]*>.*?</a>", "", part, flags=re.S)
        assert not re.search(r"\d\d \d\d \d\d \d\d|\d{3} \d\d \d{3}", text_outside_links)
