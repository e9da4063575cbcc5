#!/usr/bin/env python3
"""Puts the app's lazily loaded parts beside the built page (Trunk post_build).

.ci/split/wasm-bindgen left them in target/wasm-split/<out-name>/: one wasm
module per part (and per chunk that several parts share) and the
`__wasm_split.js` loader that fetches them. Here, in the staging directory of
the build, each module is optimised as Trunk optimises the main one (release
builds), named by its content so that hosts may cache it for good, and the
loader, renamed by its content too, is pointed at them; the main module's
glue is pointed at the loader, and the page's integrity hash of the glue
follows.
"""
import base64
import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys

LOADER = "__wasm_split.js"
# The features Rust's wasm32 target builds with; wasm-opt must accept them.
FEATURES = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
]


def content_name(stem, data, ext):
    return f"{stem}-{hashlib.sha256(data).hexdigest()[:16]}{ext}"


def place(staging, glue):
    # Trunk names the glue okr-canvas-<hash>.js after wasm-bindgen wrote
    # okr-canvas.js, which the loader imports.
    glue_name = os.path.basename(glue)
    out_name = re.sub(r"-[0-9a-f]{16}$", "", glue_name[: -len(".js")])
    parts = os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), "wasm-split", out_name)
    if not os.path.isdir(parts):
        sys.exit(f"{glue} loads split parts, but {parts} does not hold them")
    with open(os.path.join(parts, LOADER), encoding="utf-8") as f:
        loader = f.read().replace(f'from "./{out_name}.js"', f'from "./{glue_name}"')
    release = os.environ.get("TRUNK_PROFILE") != "debug"
    for module in sorted(glob.glob(os.path.join(parts, "*.wasm"))):
        name = os.path.basename(module)
        built = os.path.join(staging, name)
        if release:
            subprocess.run(
                ["wasm-opt", "-Oz", "--strip-debug", "--strip-producers", *FEATURES, module, "-o", built],
                check=True,
            )
        else:
            shutil.copyfile(module, built)
        with open(built, "rb") as f:
            final = content_name(name[: -len(".wasm")], f.read(), ".wasm")
        os.replace(built, os.path.join(staging, final))
        loader = loader.replace(f'"./{name}"', f'"./{final}"')
    loader_name = content_name(LOADER[: -len(".js")], loader.encode(), ".js")
    with open(os.path.join(staging, loader_name), "w", encoding="utf-8") as f:
        f.write(loader)
    with open(glue, encoding="utf-8") as f:
        text = f.read()
    # Only the module it imports: the wasm still names its imports by the
    # loader's first name, the key they are passed under.
    text = text.replace(f'from "./{LOADER}"', f'from "./{loader_name}"')
    with open(glue, "w", encoding="utf-8") as f:
        f.write(text)
    # The page preloads the glue with Trunk's subresource integrity, which
    # must be the changed glue's.
    page = os.path.join(staging, "index.html")
    with open(page, encoding="utf-8") as f:
        html = f.read()
    digest = base64.b64encode(hashlib.sha384(text.encode()).digest()).decode()
    html, count = re.subn(
        r'(href="\./' + re.escape(glue_name) + r'"[^>]*integrity=")sha384-[^"]*"',
        lambda m: f'{m.group(1)}sha384-{digest}"',
        html,
    )
    if count != 1:
        sys.exit(f"index.html preloads {glue_name} {count} times, expected once")
    with open(page, "w", encoding="utf-8") as f:
        f.write(html)


def main():
    staging = os.environ.get("TRUNK_STAGING_DIR") or sys.argv[1]
    for glue in glob.glob(os.path.join(staging, "*.js")):
        with open(glue, encoding="utf-8") as f:
            if re.search(r'from "\./__wasm_split\.js"', f.read()):
                place(staging, glue)


if __name__ == "__main__":
    main()
