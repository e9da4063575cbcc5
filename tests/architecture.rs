//! The boundary ARCHITECTURE.md promises, checked: the pure core (`domain`,
//! `map`, `output`, `session`) never reaches for the browser or the UI. A core
//! file that names a browser or UI crate, or the shell's own modules, fails
//! this test with its path and line, so the rule is kept by the build rather
//! than by habit.

use std::fs;
use std::path::{Path, PathBuf};

/// The folders of the pure core, from the crate's root.
const CORE: [&str; 4] = ["src/domain", "src/map", "src/output", "src/session"];

/// What a core file may not name: the browser and UI crates, and the shell.
const FORBIDDEN: [&str; 9] = [
    "leptos",
    "web_sys",
    "wasm_bindgen",
    "js_sys",
    "gloo",
    "send_wrapper",
    "console_error_panic_hook",
    "crate::ui",
    "crate::browser",
];

/// Every `.rs` file under `dir`, in a stable order.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files
}

/// The crossings in one file's text: (line number, what it names). Comments
/// are left out, so a doc saying "no `leptos` here" is no crossing.
fn crossings(text: &str) -> Vec<(usize, &'static str)> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or_default();
        for name in FORBIDDEN {
            if names(code, name) {
                found.push((index + 1, name));
            }
        }
    }
    found
}

/// Whether `code` holds `name` as a whole path segment (not inside a longer
/// identifier such as `my_leptos_notes`).
fn names(code: &str, name: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    code.match_indices(name).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + name.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

#[test]
fn the_pure_core_names_no_browser_or_ui_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut broken = Vec::new();
    let mut checked = 0;
    for folder in CORE {
        for file in rust_files(&root.join(folder)) {
            let text = fs::read_to_string(&file).expect("a readable source file");
            checked += 1;
            for (line, name) in crossings(&text) {
                let path = file.strip_prefix(root).unwrap_or(&file).display();
                broken.push(format!("{path}:{line} names `{name}`"));
            }
        }
    }
    assert!(
        checked > 30,
        "only {checked} core files found: has the tree moved?"
    );
    assert!(
        broken.is_empty(),
        "the pure core must not reach for the browser or the UI (ARCHITECTURE.md):\n  {}",
        broken.join("\n  ")
    );
}

#[test]
fn the_check_sees_an_import_and_ignores_comments_and_longer_names() {
    let text = "//! No leptos here.\nuse leptos::prelude::*;\nlet my_leptos_notes = 1;\nuse crate::browser::storage; // web_sys\n";
    assert_eq!(crossings(text), vec![(2, "leptos"), (4, "crate::browser")]);
}
