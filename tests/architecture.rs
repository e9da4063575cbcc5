//! The boundary ARCHITECTURE.md promises, checked: the pure core (`domain`,
//! `map`, `output`, `session`, `sheets`) never reaches for the browser or the UI. A core
//! file that names a browser or UI crate, or the shell's own modules, fails
//! this test with its path and line, so the rule is kept by the build rather
//! than by habit. The components' files do not import one another in a
//! circle either: what two of them share lives in a third.

use std::fs;
use std::path::{Path, PathBuf};

/// The folders of the pure core, from the crate's root.
const CORE: [&str; 5] = [
    "src/domain",
    "src/map",
    "src/output",
    "src/session",
    "src/sheets",
];

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

/// The modules `text` names after `prefix` (`super::` or `crate::ui::`), its own
/// tests left out.
fn modules_named(text: &str, prefix: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    let mut names: Vec<String> = code
        .match_indices(prefix)
        .map(|(at, found)| {
            code[at + found.len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .filter(|name| !name.is_empty())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// A circle of imports among `modules` (each with the siblings it names), as
/// the path that closes it, or `None`.
fn circle(modules: &[(String, Vec<String>)]) -> Option<Vec<String>> {
    fn walk(
        modules: &[(String, Vec<String>)],
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        let current = path.last().cloned().unwrap_or_default();
        let next = modules.iter().find(|(name, _)| *name == current)?;
        for sibling in &next.1 {
            if let Some(at) = path.iter().position(|p| p == sibling) {
                let mut found = path[at..].to_vec();
                found.push(sibling.clone());
                return Some(found);
            }
            if done.contains(sibling) {
                continue;
            }
            path.push(sibling.clone());
            if let Some(found) = walk(modules, path, done) {
                return Some(found);
            }
            path.pop();
        }
        done.push(current);
        None
    }
    let mut done = Vec::new();
    modules.iter().find_map(|(name, _)| {
        if done.contains(name) {
            return None;
        }
        walk(modules, &mut vec![name.clone()], &mut done)
    })
}

#[test]
fn the_components_import_one_another_in_no_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ui = root.join("src/ui");
    // Each file of `src/ui` is a module; a folder (`inspector/`, `state/`) is
    // one module, naming what any of its files names from outside it.
    let mut modules: Vec<(String, Vec<String>)> = Vec::new();
    for file in rust_files(&ui) {
        let text = fs::read_to_string(&file).expect("a readable source file");
        let relative = file.strip_prefix(&ui).expect("a file under src/ui");
        let mut parts = relative.iter().map(|p| p.to_string_lossy().into_owned());
        let first = parts.next().unwrap_or_default();
        let (name, mut named) = if relative.components().count() == 1 {
            let name = first.trim_end_matches(".rs").to_string();
            (name, modules_named(&text, "super::"))
        } else {
            (first, Vec::new())
        };
        named.extend(modules_named(&text, "crate::ui::"));
        named.retain(|other| *other != name && other != "mod");
        match modules.iter_mut().find(|(known, _)| *known == name) {
            Some((_, all)) => all.extend(named),
            None => modules.push((name, named)),
        }
    }
    for (_, named) in &mut modules {
        named.sort();
        named.dedup();
    }
    assert!(
        modules.len() > 20,
        "only {} component modules found",
        modules.len()
    );
    if let Some(found) = circle(&modules) {
        panic!(
            "src/ui modules import one another in a circle: {}; move what they share into a module of its own",
            found.join(" → ")
        );
    }
}

#[test]
fn the_circle_check_finds_a_circle_and_passes_a_tree() {
    let module = |name: &str, siblings: &[&str]| {
        (
            name.to_string(),
            siblings.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        )
    };
    let tree = [
        module("toolbar", &["commands"]),
        module("commands", &[]),
        module("presentation", &["commands"]),
    ];
    assert_eq!(circle(&tree), None);
    let ring = [
        module("toolbar", &["presentation"]),
        module("presentation", &["toolbar"]),
    ];
    assert_eq!(
        circle(&ring),
        Some(vec![
            "toolbar".to_string(),
            "presentation".to_string(),
            "toolbar".to_string()
        ])
    );
    assert_eq!(
        modules_named(
            "use super::edits::{Edits};\nuse super::state::AppState;\n#[cfg(test)]\nuse super::*;",
            "super::"
        ),
        vec!["edits", "state"]
    );
}

#[test]
fn the_check_sees_an_import_and_ignores_comments_and_longer_names() {
    let text = "//! No leptos here.\nuse leptos::prelude::*;\nlet my_leptos_notes = 1;\nuse crate::browser::storage; // web_sys\n";
    assert_eq!(crossings(text), vec![(2, "leptos"), (4, "crate::browser")]);
}
