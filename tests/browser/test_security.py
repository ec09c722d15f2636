"""The Content-Security-Policy holds in the browser: the site's own scripts run, nothing else."""

from __future__ import annotations

from tests.support.tool_site import folders, words

PIXEL = "http://203.0.113.7/pixel.png"
INJECTED = ('<script>document.title = "injected";</script>'
            f'<img src="{PIXEL}" alt="">'
            '<p style="color: red" id="styled">styled</p></body>')

RITUALS = f"{folders()['library']}/{words().text('url.ritual')}/"  # a page with tools on it
# Resolves once the page has seen `n` policy violations and the suite has been told of each.
REPORTED = """n => new Promise(done => {
  const heard = () => window.__guideCspReports.length >= n
    && Promise.all(window.__guideCspReports).then(done);
  if (!heard()) document.addEventListener("securitypolicyviolation", heard);
})"""


def test_the_sites_own_inline_scripts_run_under_the_policy(watched, server) -> None:
    watched.goto(server.url(RITUALS))
    assert watched.evaluate("typeof __md_get") == "function"  # Material's inline head script
    assert watched.evaluate("document.documentElement.classList.contains('js')")


def test_an_injected_script_style_or_foreign_image_is_blocked_and_reported(
        watched, server) -> None:
    """As if someone slipped markup into a page: the policy stops it, the suite notices."""
    url = server.url(RITUALS)

    def tampered(route) -> None:
        page = route.fetch().text().replace("</body>", INJECTED)
        route.fulfill(status=200, content_type="text/html", body=page)

    watched.route(url, tampered)
    with watched.expect_event("requestfailed", lambda r: r.url == PIXEL) as blocked:
        watched.goto(url)
    watched.evaluate(REPORTED, 3)
    assert watched.title() != "injected"
    assert watched.evaluate("getComputedStyle(document.getElementById('styled')).color") \
        != "rgb(255, 0, 0)"
    # Chromium reports the image request, but the policy stops it before it is sent.
    assert blocked.value.failure == "csp"
    violations = [e for e in watched.watch.errors if e.startswith("CSP violation")]
    assert any("script-src-elem blocked inline" in v for v in violations), violations
    assert any(f"img-src blocked {PIXEL}" in v for v in violations)
    assert any("style-src-attr blocked inline" in v for v in violations), violations
    # The watched fixture would fail this test on these reports: they were expected here.
    watched.watch.foreign.remove(PIXEL)
    watched.watch.errors[:] = [e for e in watched.watch.errors if e not in violations
                               and "Content Security Policy" not in e]
