#!/usr/bin/env python3
"""Writes the page's Content-Security-Policy into the built index.html.

Why this exists: Trunk injects an inline <script type="module"> that loads the
app's JS and wasm. Its text names the hashed file names, so it changes with
every build, and a policy that allows it (and no other inline script) can only
be written once the page is built, with the script's sha256. The boot scripts
and the style sheets are inlined too (index.html), and allowed the same way. Trunk runs this
file as a post_build hook (Trunk.toml) on the staged index.html, before the
build replaces dist/. By hand: python3 .ci/csp.py dist/index.html

The policy goes into a <meta http-equiv="Content-Security-Policy"> as the first
element of <head>, ahead of every script and stylesheet, so the page carries it
to any static host without server configuration. It allows:
  - nothing from another origin: every URL the page uses is relative;
  - scripts: the page's own files, compiling WebAssembly ('wasm-unsafe-eval'),
    and the inline scripts of the built page by hash; never eval or any other
    inline script;
  - styles: the page's own style sheets, inlined into it, by hash; inline
    style attributes too (below);
  - images: the page's own, and the picture of the map kept in storage,
    shown before the app runs (public/boot-picture.js) from a blob: URL;
  - fetches of its own files only (the wasm, `#file=` canvases beside the page);
  - no plugins, no <base>, no form submission.
A meta policy cannot set frame-ancestors, report-uri or sandbox; a host that
can send headers may add them.

A development build (TRUNK_PROFILE=debug, as `make run` serves it) gets a
development policy instead: its inline scripts are allowed as such
('unsafe-inline', no hashes), because `trunk serve` rewrites its reload
script on every request, so no hash can allow it. Only release builds are
hosted; the release policy never has 'unsafe-inline' for scripts.
"""

import base64
import hashlib
import os
import re
import sys

# 'unsafe-inline' in style-src only for style *attributes*: the UI sets inline
# styles (progress bar widths, a dragged card's offset) through the `style`
# attribute (setAttribute), which Chromium blocks under style-src 'self'.
# style-src-elem still allows no inline <style> element other than those of the
# built page (by hash); browsers without style-src-elem fall back to style-src.
POLICY = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'{scripts}",
    "style-src 'self' 'unsafe-inline'",
    "style-src-elem 'self'{styles}",
    "img-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
]

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.I | re.S)
STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.I | re.S)
HEAD = re.compile(r"<head\b[^>]*>", re.I)
OLD_META = re.compile(
    r"""\s*<meta\s+http-equiv=["']?Content-Security-Policy["']?[^>]*>""", re.I
)
HAS_SRC = re.compile(r"""\ssrc\s*=""", re.I)


def source_hash(text):
    """The CSP source expression of an inline element's text. The browser
    hashes the text as parsed, where CR LF and CR have become LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy_for(page, development=False):
    if development:
        return "; ".join(POLICY).format(scripts=" 'unsafe-inline'", styles=" 'unsafe-inline'")
    scripts = []
    for attributes, text in SCRIPT.findall(page):
        if HAS_SRC.search(attributes):
            continue
        if "{{__TRUNK_" in text:
            # trunk serve rewrites this script (the autoreload client) per
            # request, so no hash can allow it; Trunk.toml turns it off.
            print(
                "csp.py: an inline script is rewritten while served and will be "
                "blocked; serve with autoreload off",
                file=sys.stderr,
            )
        if "<!--" in text or "<script" in text.lower():
            # The HTML parser reads an inlined script up to the first </script>,
            # and "<!--" with "<script" in one changes where that is: the page
            # would break, or run text as markup.
            sys.exit("csp.py: an inline script holds <!-- or <script; keep such text out of it")
        scripts.append(source_hash(text))
    styles = [source_hash(text) for text in STYLE.findall(page)]
    joined = lambda hashes: "".join(" " + h for h in dict.fromkeys(hashes))
    return "; ".join(POLICY).format(scripts=joined(scripts), styles=joined(styles))


def main():
    if len(sys.argv) > 1:
        path = sys.argv[1]
    elif os.environ.get("TRUNK_STAGING_DIR"):
        path = os.path.join(os.environ["TRUNK_STAGING_DIR"], "index.html")
    else:
        sys.exit("usage: csp.py PAGE.html (or run as a Trunk hook)")
    with open(path, encoding="utf-8", newline="") as f:
        page = f.read()

    page = OLD_META.sub("", page)
    head = HEAD.search(page)
    if head is None:
        sys.exit(f"csp.py: {path} has no <head>")
    policy = policy_for(page, os.environ.get("TRUNK_PROFILE") == "debug")
    meta = f'\n    <meta http-equiv="Content-Security-Policy" content="{policy}" />'
    page = page[: head.end()] + meta + page[head.end() :]

    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(page)
    print(f"csp.py: {policy}")


if __name__ == "__main__":
    main()
