"""The checker embedded in another site's page (app/embed.js, app/frame.html):
the frame tells the embedding page its height, posted to that page's origin
only, and nothing else, ever."""
from __future__ import annotations

import json
from urllib.parse import quote

from helpers import FRAME_READY, OtherSite, Session, check_in_frame
from site_build import FIXTURES

SEED = next(FIXTURES.glob("003_*.txt")).read_text(encoding="utf-8")
MARKER = "嵌入隐私标记QX81"
RECORD = """<script>
  window.__messages = [];
  addEventListener("message", (e) => window.__messages.push([e.origin, JSON.stringify(e.data)]));
</script>"""


def host(body: str) -> str:
    return f'<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>指引</title>{RECORD}<body>{body}</body></html>'


def test_the_frame_posts_its_height_to_the_embedding_origin_only(playwright_instance, server):
    checker = server.rstrip("/")
    pages = {
        "/": host(f'<div id="here"><script src="{server}app/embed.js" defer></script></div>'),
        # a plain iframe (no #origin=): fixed height, no message
        "/plain": host(f'<iframe src="{server}app/frame.html" style="height:900px"></iframe>'),
        # a frame told another origin than its embedder's: its messages go nowhere
        "/forged": host(f'<iframe src="{server}app/frame.html#origin={quote("http://elsewhere.example", safe="")}">'
                        "</iframe>"),
    }
    other = OtherSite(pages)
    s = Session(playwright_instance, server, also=(other.base,))
    try:
        page = s.new_page(other.base)
        frame_el = page.wait_for_selector("iframe.gouji-embed")
        frame = frame_el.content_frame()
        assert frame.url == f"{server}app/frame.html#origin={quote(other.origin, safe='')}"
        frame.wait_for_function(FRAME_READY, timeout=90_000)
        h0 = frame_el.bounding_box()["height"]
        check_in_frame(frame, SEED + "\n" + MARKER)
        page.wait_for_function("(h0) => document.querySelector('iframe.gouji-embed').getBoundingClientRect().height"
                               " > h0 + 200", arg=h0)
        messages = page.evaluate("() => window.__messages")
        assert messages
        for origin, data in messages:
            assert origin == checker
            got = json.loads(data)
            assert set(got) == {"gouji", "height"} and got["gouji"] == "size" and isinstance(got["height"], int)
            assert MARKER not in data

        for path in ("plain", "forged"):
            page.goto(other.base + path)
            frame = page.wait_for_selector("iframe").content_frame()
            frame.wait_for_function(FRAME_READY, timeout=90_000)
            check_in_frame(frame, SEED)
            page.wait_for_timeout(500)  # a height would have been posted by now
            assert page.evaluate("() => window.__messages") == [], path
    finally:
        s.close()
        other.close()
    assert not s.net.blocked, s.net.blocked
    assert not s.errors, s.errors
