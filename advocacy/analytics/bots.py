"""Is a click a person, or a crawler / link-preview fetcher?

A pattern list of our own rather than a library: the maintained one on PyPI
(``crawlerdetect``) does not know Bluesky's cardyb, treats an empty user agent as a person,
and costs ~170 µs per call on the hottest path of the product. One compiled regex costs a
few microseconds. Bots are still recorded (``bot_hits``), only kept out of human counts.
"""

import re

# Link-preview fetchers of the networks we post to and of the apps links get pasted into,
# search engines, and generic tools. Matched case-insensitively anywhere in the user agent.
BOT_PATTERNS: tuple[str, ...] = (
    r"LinkedInBot",
    r"Twitterbot",
    r"facebookexternalhit",
    r"facebookcatalog",
    r"Slackbot",
    r"Slack-ImgProxy",
    r"Mastodon/",  # Mastodon's preview fetcher: "http.rb/5.1.1 (Mastodon/4.2.0; +https://...)"
    r"http\.rb",
    r"cardyb",  # Bluesky's card fetcher
    r"Bluesky",
    r"Discordbot",
    r"WhatsApp",
    r"TelegramBot",
    r"Googlebot",
    r"bingbot",
    r"Applebot",
    r"Pinterest",
    r"redditbot",
    r"Embedly",
    r"bot\b",
    r"bot/",
    r"crawler",
    r"spider",
    r"preview",
    r"curl/",
    r"wget",
    r"python-requests",
    r"python-urllib",
    r"aiohttp",
    r"Go-http-client",
    r"okhttp",
    r"HeadlessChrome",
)
_BOT_RE = re.compile("|".join(BOT_PATTERNS), re.IGNORECASE)


def looks_like_bot(*, user_agent: str, method: str) -> bool:
    """HEAD requests and empty user agents are machines: browsers following a link send GET
    with a user agent."""
    if method == "HEAD" or not user_agent.strip():
        return True
    return _BOT_RE.search(user_agent) is not None
