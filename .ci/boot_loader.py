#!/usr/bin/env python3
"""Makes the built page's loader fetch the app's module once the picture of the
map shown before it is on screen (public/boot.js).

Why this exists: Trunk's page preloads the app's main module at once and its
loader fetches it as soon as the page is parsed. The module is about forty
times the size of the picture, so on a slow connection it takes the bandwidth,
and the picture, which a person could look at within a second, arrives only
with the module; and the module's start, one long task, holds back the
picture's paint. This removes the module's preload and makes the loader await
`window.okrCanvasBoot` (the picture on screen, none to show, or a second at
most) before it fetches the module. Trunk runs this file as a post_build hook
(Trunk.toml) on the staged index.html, before .ci/csp.py hashes the loader.
By hand: python3 .ci/boot_loader.py dist/index.html
"""

import re
import sys

import staged_page

MAIN = "okr-canvas"
PRELOAD = re.compile(
    r"""\s*<link\s+rel="preload"\s+href="\./%s-[0-9a-f]+_bg\.wasm"[^>]*>""" % MAIN
)
# The loader's fetch of the module, spaced or minified.
START = re.compile(r"const wasm\s*=\s*await init\(")
WAIT = "await window.okrCanvasBoot;\n"


def main():
    path = staged_page.path("boot_loader.py")
    page = staged_page.read(path)
    if WAIT in page:
        return
    page = PRELOAD.sub("", page)
    if len(START.findall(page)) != 1:
        sys.exit(f"boot_loader.py: expected one loader of {MAIN} in {path}")
    page = START.sub(lambda start: WAIT + start.group(0), page)
    staged_page.write(path, page)
    print("boot_loader.py: the app's module is fetched after the picture of the map")


if __name__ == "__main__":
    main()
