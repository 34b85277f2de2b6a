"""A questionnaire page with everything it loads (stylesheets, fonts, scripts, images)
weighs under 150 KB as sent compressed, in every language, so it opens quickly on a
phone's data plan.

Web fonts are counted as a browser fetches them: a face whose unicode-range holds none
of the page's characters is never downloaded (tests/web_fonts.py says which are)."""

from __future__ import annotations

import gzip
import os
import re
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path, reverse

from assessment.models import Assessment, Pillar
from tests.i18n_helpers import LANGUAGES
from tests.web_fonts import needed

pytestmark = pytest.mark.django_db

BUDGET = 150 * 1024
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+['"]([^'"]+)['"]""")


class Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and a.get("href") and a.get("rel") in {"stylesheet", "icon", "preload"}:
            self.urls.append(a["href"])
        elif tag in {"script", "img"} and a.get("src"):
            self.urls.append(a["src"])


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _compressed(body: bytes) -> int:
    # WhiteNoise's collectstatic compresses at gzip level 9 (and Brotli, smaller still).
    return len(gzip.compress(body, compresslevel=9))


def page_weight(client, url: str, fonts: set[str] | None = None) -> dict[str, int]:
    """Compressed bytes of the page and of every asset it loads, followed through CSS.

    With `fonts`, a font file (.woff2) counts only if its name is in it: the faces the
    page's characters make a browser fetch. Without, every font referenced counts."""
    page = client.get(url)
    assert page.status_code == 200
    sizes = {url: _compressed(page.content)}
    parser = Assets()
    parser.feed(page.content.decode())
    queue = [urljoin(url, u) for u in parser.urls]
    while queue:
        asset = queue.pop()
        if asset in sizes or asset.startswith("data:"):
            continue
        if fonts is not None and asset.endswith(".woff2") and asset.rsplit("/", 1)[1] not in fonts:
            continue
        response = client.get(asset)
        assert response.status_code == 200, f"{asset} is referenced but not served"
        body = _body(response)
        sizes[asset] = _compressed(body)
        if asset.endswith(".css"):
            css = body.decode()
            refs = CSS_URL.findall(css) + CSS_IMPORT.findall(css)
            queue += [urljoin(asset, r) for r in refs if not r.startswith(("data:", "#"))]
    return sizes


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_questionnaire_page_with_its_assets_is_under_150_kb(
    language, client, seeded, user, company
):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assessment = Assessment.objects.create(company=company, questionnaire=seeded)
    # The pillar with the most questions: the heaviest page.
    pillars = list(Pillar.objects.filter(questionnaire=seeded).order_by("order", "id"))
    index = max(range(len(pillars)), key=lambda i: pillars[i].questions.count()) + 1
    url = reverse("assessment_page", args=[assessment.pk, index])
    fonts = {path.name for path in needed(client.get(url).content.decode())}
    sizes = page_weight(client, url, fonts)
    assert any(u.endswith("bootstrap.min.css") for u in sizes)  # the stylesheets were followed
    if language != "en":
        assert any(u.endswith(".woff2") for u in sizes)  # and the script's fonts counted
    total = sum(sizes.values())
    report = ", ".join(f"{u}: {s / 1024:.1f} KB" for u, s in sorted(sizes.items()))
    assert total < BUDGET, f"{total / 1024:.1f} KB compressed: {report}"


def test_stylesheet_fonts_are_followed(client, tmp_path, settings):
    # The budget above counts web fonts too: a stylesheet's @font-face is followed.
    static = tmp_path / "static"
    (static / "t").mkdir(parents=True)
    (static / "t" / "page.css").write_text(
        '@font-face { font-family: X; src: url("../t/x.woff2") format("woff2"); }'
        " .a { background: url(data:image/png;base64,AAAA); }"
    )
    (static / "t" / "x.woff2").write_bytes(os.urandom(8000))  # fonts barely compress
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, static]
    html = '<link rel="stylesheet" href="/static/t/page.css">'
    urlconf = type("U", (), {"urlpatterns": [path("p/", lambda r: HttpResponse(html))]})
    with override_settings(ROOT_URLCONF=urlconf):
        sizes = page_weight(client, "/p/")
    assert set(sizes) == {"/p/", "/static/t/page.css", "/static/t/x.woff2"}
    assert sizes["/static/t/x.woff2"] > 8000
