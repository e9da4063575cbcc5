"""The built page a post_build hook rewrites (.ci/boot_loader.py, .ci/csp.py):
the path given, else Trunk's staged index.html. Read and written as is (no
newline translation), so that the hashes .ci/csp.py takes are of the text the
browser gets."""

import os
import sys


def path(script):
    if len(sys.argv) > 1:
        return sys.argv[1]
    if os.environ.get("TRUNK_STAGING_DIR"):
        return os.path.join(os.environ["TRUNK_STAGING_DIR"], "index.html")
    sys.exit(f"usage: {script} PAGE.html (or run as a Trunk hook)")


def read(page_path):
    with open(page_path, encoding="utf-8", newline="") as f:
        return f.read()


def write(page_path, page):
    with open(page_path, "w", encoding="utf-8", newline="") as f:
        f.write(page)
