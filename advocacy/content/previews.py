"""Link previews: the OpenGraph title, description and image of a content URL."""

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin

from advocacy.core.safe_http import fetch_public_url


@dataclass(frozen=True)
class LinkPreview:
    title: str
    description: str
    image_url: str


class _MetaParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            if key and "content" in values and key not in self.meta:
                self.meta[key] = values["content"].strip()
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def parse_preview(html: str, *, base_url: str) -> LinkPreview:
    parser = _MetaParser()
    parser.feed(html)
    meta = parser.meta
    image = meta.get("og:image") or meta.get("twitter:image") or ""
    image_url = urljoin(base_url, image) if image else ""
    if not image_url.startswith(("http://", "https://")):
        image_url = ""
    return LinkPreview(
        title=(meta.get("og:title") or meta.get("twitter:title") or parser.title).strip()[:300],
        description=(meta.get("og:description") or meta.get("description") or "").strip()[:2000],
        image_url=image_url[:2000],
    )


def fetch_link_preview(url: str) -> LinkPreview:
    page = fetch_public_url(url)
    charset = "utf-8"
    return parse_preview(page.body.decode(charset, errors="replace"), base_url=page.url)
