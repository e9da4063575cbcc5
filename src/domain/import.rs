//! Reading a canvas file: bytes in, a valid document out, or every problem at once.
//!
//! Files come from other people, other versions of the app and hand edits, so nothing
//! here trusts its input and nothing may panic. Loading is all-or-nothing and runs in
//! stages, each reporting all it finds (up to a cap) before the next one starts, because
//! later stages only make sense on what earlier ones accepted:
//!
//! 1. size, UTF-8 and JSON syntax (with line and column), and no object with a key
//!    given twice;
//! 2. `format` and `version`, so that a file of another kind or from a newer version
//!    gets one clear message instead of a page of confusing ones; older versions would
//!    pass through [`migrate`];
//! 3. the count limits, before any work proportional to the content;
//! 4. a walk over the JSON that checks every field's presence and type, builds the
//!    typed document, checks each value's own rules (`model`) and warns about unknown
//!    fields;
//! 5. cross-references and alignment rules, by building the `graph`, whose rules are
//!    the same ones the editing operations enforce.
//!
//! Stages 1 to 4 have a fast path for the common case, a well-formed file of the
//! current version with nothing unknown: the text is read straight into the typed
//! document in one pass, and only its values are checked. Building the JSON tree that
//! the walk needs costs more than the rest of loading together, so the walk only runs
//! when the fast path fails, and then it finds and explains every problem.

use std::cell::{Cell, RefCell};
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize as _;

use serde_json::{Map, Value};

use super::graph::{AlignmentGraph, RuleError};
use super::model::{
    check_canvas_title, check_cycle, check_document_fields, check_id, check_key_result,
    check_link_fields, check_objective_own_fields, check_position, check_team, CheckIn, Cycle,
    Document, FieldError, FormatName, Identity, JsonPath, KeyResult, Level, Link, LinkKind,
    Objective, ObjectiveKind, Pace, Position, Rollup, StatusByHand, Team, FORMAT_NAME,
    FORMAT_VERSION,
};

/// The largest file accepted, in bytes (10 MiB).
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_OBJECTIVES: usize = 20_000;
pub const MAX_KEY_RESULTS: usize = 100_000;
/// Errors beyond this many are counted, not listed.
pub const MAX_LISTED_ERRORS: usize = 100;
/// Warnings beyond this many are counted, not listed.
pub const MAX_LISTED_WARNINGS: usize = 100;

/// A file that loaded, and what was ignored on the way.
#[derive(Clone, Debug)]
pub struct Imported {
    pub document: Document,
    pub warnings: Vec<ImportWarning>,
    /// Warnings beyond [`MAX_LISTED_WARNINGS`].
    pub unlisted_warnings: usize,
}

/// A file that did not load: every problem found (up to [`MAX_LISTED_ERRORS`]).
#[derive(Clone, Debug, PartialEq)]
pub struct ImportFailure {
    errors: Vec<ImportError>,
    unlisted: usize,
}

impl ImportFailure {
    /// The problems, in file order within each stage.
    pub fn errors(&self) -> &[ImportError] {
        &self.errors
    }

    /// How many more problems there were than are listed.
    pub fn unlisted(&self) -> usize {
        self.unlisted
    }

    /// One sentence for a heading: how many problems, and whether all are listed.
    pub fn summary(&self) -> String {
        let total = self.errors.len() + self.unlisted;
        match (total, self.unlisted) {
            (0 | 1, _) => "the file has a problem.".to_owned(),
            (n, 0) => format!("the file has {n} problems."),
            (n, _) => format!(
                "the file has {n} problems; the first {} are listed.",
                self.errors.len()
            ),
        }
    }

    fn single(path: &JsonPath<'_>, kind: ImportErrorKind) -> Self {
        ImportFailure {
            errors: vec![ImportError {
                path: path.to_string(),
                kind,
            }],
            unlisted: 0,
        }
    }
}

impl fmt::Display for ImportFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "The file was not opened: {}", self.summary())?;
        for error in &self.errors {
            write!(f, "\n- {error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportFailure {}

/// One problem, at one place in the file.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{path}: {kind}")]
pub struct ImportError {
    /// A JSON path such as `$.objectives[3].keyResults[0].target`; `$` for the file.
    pub path: String,
    pub kind: ImportErrorKind,
}

/// What is wrong, in words for the person who has to fix the file.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ImportErrorKind {
    #[error("The file is {size} bytes; a canvas file may be at most {limit} bytes (10 MiB).")]
    TooLarge { size: usize, limit: usize },
    #[error("The file is empty.")]
    Empty,
    #[error("The file is not UTF-8 text (line {line}, column {column}); save it as UTF-8 and try again.")]
    NotUtf8 { line: usize, column: usize },
    #[error("The file ends too early, at line {line}, column {column}: it looks cut off. Something is missing there, such as a closing bracket or quote.")]
    Truncated { line: usize, column: usize },
    #[error("The file is not valid JSON at line {line}, column {column}: {reason}.")]
    NotJson {
        line: usize,
        column: usize,
        reason: String,
    },
    #[error("The file contains a broken character escape ({escape}) at line {line}, column {column}: it names half of a character, or no character at all. Write the character itself instead, or remove the escape.")]
    BrokenEscape {
        line: usize,
        column: usize,
        escape: String,
    },
    #[error("The number at line {line}, column {column} is too large to use; numbers must stay between about -1.7e308 and 1.7e308.")]
    NumberOutOfRange { line: usize, column: usize },
    #[error("The file is nested too deeply at line {line}, column {column}; a canvas file never needs that many levels of brackets.")]
    TooDeep { line: usize, column: usize },
    #[error("This object has the key \"{key}\" twice, so it is unclear which value is meant; delete one of the two.")]
    DuplicateKey { key: String },
    #[error("This is not an OKR Canvas file: \"format\" is {found}, expected \"okr-canvas\".")]
    WrongFormat { found: String },
    #[error("This file was made by a newer version of OKR Canvas (file format version {found}); this version reads format version {supported} and older. Open it in a newer version.")]
    NewerVersion { found: u64, supported: u64 },
    #[error("\"version\" is {found}; expected a whole number from 1 to {supported}.")]
    UnsupportedVersion { found: String, supported: u64 },
    #[error("The file has {found} {what}; at most {limit} are allowed. Split the canvas into smaller files.")]
    TooMany {
        what: &'static str,
        limit: usize,
        found: usize,
    },
    #[error("Expected {expected} here, but found {found}.")]
    WrongType {
        expected: &'static str,
        found: &'static str,
    },
    #[error("The required field \"{field}\" is missing; add {expected}.")]
    MissingField {
        field: &'static str,
        expected: &'static str,
    },
    #[error("\"{found}\" is not allowed here; use one of: {allowed}.")]
    NotAllowed {
        found: String,
        allowed: &'static str,
    },
    #[error(transparent)]
    Field(#[from] FieldError),
    #[error(transparent)]
    Rule(#[from] RuleError),
}

/// Something the importer ignored.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{path}: {kind}")]
pub struct ImportWarning {
    pub path: String,
    pub kind: ImportWarningKind,
}

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ImportWarningKind {
    #[error("The field \"{name}\" is not part of the format and was ignored.")]
    UnknownField { name: String },
    #[error("There is no objective '{id}', so its card position was ignored.")]
    PositionOfUnknownCard { id: String },
}

/// Reads a canvas file.
pub fn import(bytes: &[u8]) -> Result<Imported, ImportFailure> {
    let root = JsonPath::Root;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportFailure::single(
            &root,
            ImportErrorKind::TooLarge {
                size: bytes.len(),
                limit: MAX_FILE_BYTES,
            },
        ));
    }
    // Editors on Windows like to start UTF-8 files with a byte-order mark.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let (line, column) = line_and_column(bytes, error.valid_up_to());
        ImportFailure::single(&root, ImportErrorKind::NotUtf8 { line, column })
    })?;
    if text.trim().is_empty() {
        return Err(ImportFailure::single(&root, ImportErrorKind::Empty));
    }
    // A file of the current version with no unknown fields and nothing of the wrong
    // shape (every file this app writes) is read straight into the typed document. Any
    // other takes the careful path, which reads the text again to explain every problem
    // at its place. Both end in the same value and rule checks.
    match read_typed(text) {
        Ok((document, false)) if document.version == FORMAT_VERSION => {
            check_typed_document(document, Walker::default())
        }
        _ => import_value(text),
    }
}

/// The careful path: every shape problem, with its place.
fn import_value(text: &str) -> Result<Imported, ImportFailure> {
    let root = JsonPath::Root;
    let value = read_tree(text)?;
    let value = check_format_and_version(value)?;
    let Value::Object(top) = value else {
        // check_format_and_version only lets objects through.
        return Err(ImportFailure::single(
            &root,
            ImportErrorKind::WrongType {
                expected: "an object { … } holding the canvas",
                found: "something else",
            },
        ));
    };
    check_counts(&top)?;

    let mut walker = Walker::default();
    let document = walker.document(top);
    match document {
        // The walk checked every value's own rules already.
        Some(document) if walker.errors.is_empty() => check_references(document, walker),
        _ => Err(walker.into_failure()),
    }
}

/// Limits and single-value rules of a document read without the walk, then the rest.
fn check_typed_document(document: Document, mut walker: Walker) -> Result<Imported, ImportFailure> {
    let root = JsonPath::Root;
    let key_results: usize = document
        .objectives
        .iter()
        .map(|o| o.key_results.len())
        .sum();
    for (what, limit, found) in [
        ("objectives", MAX_OBJECTIVES, document.objectives.len()),
        ("key results", MAX_KEY_RESULTS, key_results),
    ] {
        if found > limit {
            return Err(ImportFailure::single(
                &root.field("objectives"),
                ImportErrorKind::TooMany { what, limit, found },
            ));
        }
    }
    check_document_fields(&document, &mut walker.field_errors());
    if !walker.errors.is_empty() {
        return Err(walker.into_failure());
    }
    check_references(document, walker)
}

/// Cross-references and alignment rules, by building the graph.
fn check_references(mut document: Document, mut walker: Walker) -> Result<Imported, ImportFailure> {
    walker.drop_unknown_positions(&mut document);
    match AlignmentGraph::from_owned_document(document) {
        Ok(graph) => Ok(Imported {
            document: graph.into_document(),
            warnings: walker.warnings,
            unlisted_warnings: walker.unlisted_warnings,
        }),
        Err(violations) => {
            for violation in violations {
                walker.push_error(violation.path, ImportErrorKind::Rule(violation.error));
            }
            Err(walker.into_failure())
        }
    }
}

/// Reads `text` into a JSON tree for the careful walk, refusing every object that has
/// a key twice. JSON readers keep one of the two without a word (which one differs
/// from program to program), so such a file does not say what it means.
fn read_tree(text: &str) -> Result<Value, ImportFailure> {
    let root = JsonPath::Root;
    let duplicates = RefCell::new(Walker::default());
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let tree = TreeSeed {
        path: &root,
        duplicates: &duplicates,
    };
    let value = tree
        .deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value))
        .map_err(|error| ImportFailure::single(&root, syntax_error(&error, text)))?;
    let duplicates = duplicates.into_inner();
    if duplicates.errors.is_empty() {
        Ok(value)
    } else {
        Err(duplicates.into_failure())
    }
}

/// Builds a JSON tree as `serde_json::Value` does, and records an object's key given
/// twice at the object's place.
struct TreeSeed<'a> {
    path: &'a JsonPath<'a>,
    duplicates: &'a RefCell<Walker>,
}

impl<'de> DeserializeSeed<'de> for TreeSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TreeSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        // JSON has no literal for a number that is not finite.
        Ok(serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(TreeSeed {
            path: &self.path.index(items.len()),
            duplicates: self.duplicates,
        })? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        let mut reported: Vec<String> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            // Reported before the value is read, so problems come in file order.
            let twice = object.contains_key(&key);
            if twice && !reported.contains(&key) {
                self.duplicates.borrow_mut().error(
                    self.path,
                    ImportErrorKind::DuplicateKey {
                        key: shortened(&key),
                    },
                );
                reported.push(key.clone());
            }
            let value = map.next_value_seed(TreeSeed {
                path: &self.path.field(&key),
                duplicates: self.duplicates,
            })?;
            if !twice {
                object.insert(key, value);
            }
        }
        Ok(Value::Object(object))
    }
}

/// Brings a file of an older format version up to the current one. There is no older
/// version yet: version 1 is the first, so anything below it is refused rather than
/// guessed at. A future version 2 adds a `1 => …` arm here, and the importer keeps
/// reading every file an earlier release wrote.
pub fn migrate(value: Value, from_version: u64) -> Result<Value, ImportErrorKind> {
    match from_version {
        FORMAT_VERSION => Ok(value),
        other => Err(ImportErrorKind::UnsupportedVersion {
            found: other.to_string(),
            supported: FORMAT_VERSION,
        }),
    }
}

fn check_format_and_version(value: Value) -> Result<Value, ImportFailure> {
    let root = JsonPath::Root;
    let Value::Object(top) = &value else {
        return Err(ImportFailure::single(
            &root,
            ImportErrorKind::WrongType {
                expected: "an object { … } holding the canvas",
                found: kind_of(&value),
            },
        ));
    };
    match top.get("format") {
        Some(Value::String(format)) if format == FORMAT_NAME => {}
        Some(other) => {
            return Err(ImportFailure::single(
                &root.field("format"),
                ImportErrorKind::WrongFormat {
                    found: short_json(other),
                },
            ))
        }
        None => {
            return Err(ImportFailure::single(
                &root.field("format"),
                ImportErrorKind::WrongFormat {
                    found: "missing".to_owned(),
                },
            ))
        }
    }
    let version_path = root.field("version");
    let version = match top.get("version") {
        None => {
            return Err(ImportFailure::single(
                &root,
                ImportErrorKind::MissingField {
                    field: "version",
                    expected: "\"version\": 1",
                },
            ))
        }
        Some(Value::Number(n)) if n.as_u64().is_some() => n.as_u64().unwrap_or(0),
        Some(other) => {
            return Err(ImportFailure::single(
                &version_path,
                ImportErrorKind::UnsupportedVersion {
                    found: short_json(other),
                    supported: FORMAT_VERSION,
                },
            ))
        }
    };
    if version > FORMAT_VERSION {
        return Err(ImportFailure::single(
            &version_path,
            ImportErrorKind::NewerVersion {
                found: version,
                supported: FORMAT_VERSION,
            },
        ));
    }
    migrate(value, version).map_err(|kind| ImportFailure::single(&version_path, kind))
}

/// Refuses over-limit files before spending time proportional to their content.
fn check_counts(top: &Map<String, Value>) -> Result<(), ImportFailure> {
    let root = JsonPath::Root;
    let Some(Value::Array(objectives)) = top.get("objectives") else {
        return Ok(());
    };
    if objectives.len() > MAX_OBJECTIVES {
        return Err(ImportFailure::single(
            &root.field("objectives"),
            ImportErrorKind::TooMany {
                what: "objectives",
                limit: MAX_OBJECTIVES,
                found: objectives.len(),
            },
        ));
    }
    let key_results: usize = objectives
        .iter()
        .filter_map(|o| match o.get("keyResults") {
            Some(Value::Array(krs)) => Some(krs.len()),
            _ => None,
        })
        .sum();
    if key_results > MAX_KEY_RESULTS {
        return Err(ImportFailure::single(
            &root.field("objectives"),
            ImportErrorKind::TooMany {
                what: "key results",
                limit: MAX_KEY_RESULTS,
                found: key_results,
            },
        ));
    }
    Ok(())
}

/// The words for a syntax error of `text`.
fn syntax_error(error: &serde_json::Error, text: &str) -> ImportErrorKind {
    let (line, column) = (error.line(), error.column());
    if error.is_eof() {
        return ImportErrorKind::Truncated { line, column };
    }
    let full = error.to_string();
    let suffix = format!(" at line {line} column {column}");
    let reason = full.strip_suffix(&suffix).unwrap_or(&full);
    if reason.starts_with("number out of range") {
        return ImportErrorKind::NumberOutOfRange { line, column };
    }
    let broken_escape = match reason {
        "lone leading surrogate in hex escape"
        | "unexpected end of hex escape"
        | "invalid unicode code point" => Some(
            broken_escape_before(text, line, column).unwrap_or_else(|| (column, "\\u…".to_owned())),
        ),
        // Also said of an unknown escape such as \w, which has words of its own below.
        "invalid escape" => broken_escape_before(text, line, column),
        _ => None,
    };
    if let Some((column, escape)) = broken_escape {
        return ImportErrorKind::BrokenEscape {
            line,
            column,
            escape,
        };
    }
    if reason.starts_with("recursion limit exceeded") {
        return ImportErrorKind::TooDeep { line, column };
    }
    let plain = match reason {
        "expected value" => "something here is not a JSON value (text needs double quotes; numbers, true, false and null are written bare)",
        "expected ident" => "a word here is not true, false or null (text needs double quotes)",
        "trailing comma" => "there is a comma before a closing bracket; remove it",
        "expected `,` or `}`" => "a comma or a closing } is missing",
        "expected `,` or `]`" => "a comma or a closing ] is missing",
        "expected `:`" => "a colon (:) is missing after a field name",
        "key must be a string" => "field names must be in double quotes",
        "trailing characters" => "there is more text after the end of the canvas",
        "invalid number" => "a number is written incorrectly",
        "invalid escape" => "a backslash in text starts an unknown escape (write \\\\ for a backslash)",
        r"control character (\u0000-\u001F) found while parsing a string" => {
            "text contains a raw line break or tab; write it as \\n or \\t"
        }
        other => other,
    };
    ImportErrorKind::NotJson {
        line,
        column,
        reason: plain.to_owned(),
    }
}

/// The first `\\u` escape on line `line` of `text`, up to `column` (as the JSON reader
/// counts them, in bytes), that names no character: not four hex digits, the second
/// half of a pair alone, or a first half without its second. It is returned with the
/// column (in characters) it starts at, as written (a first half with the escape after
/// it), for a message to quote.
fn broken_escape_before(text: &str, line: usize, column: usize) -> Option<(usize, String)> {
    let line_text = text.split('\n').nth(line.checked_sub(1)?)?.as_bytes();
    let upto = &line_text[..line_text.len().min(column + 1)];
    let hex_at = |at: usize| -> Option<u32> {
        let digits = upto.get(at..at + 4)?;
        if !digits.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
    };
    // `\u` and at most four characters after it, up to the end of the string,
    // read from the whole line: the reader's column may fall inside a character.
    let written = |at: usize| -> String {
        let after = String::from_utf8_lossy(line_text.get(at + 2..).unwrap_or_default())
            .chars()
            .take_while(|c| !matches!(c, '"' | '\\'))
            .take(4)
            .collect::<String>();
        format!("\\u{after}")
    };
    let column_of = |at: usize| String::from_utf8_lossy(&upto[..at]).chars().count() + 1;
    let mut at = 0;
    while at < upto.len() {
        if upto[at] != b'\\' {
            at += 1;
            continue;
        }
        if upto.get(at + 1) != Some(&b'u') {
            // Any other escape, such as \\ or \", is two characters.
            at += 2;
            continue;
        }
        let second_escape = upto.get(at + 6..at + 8) == Some(b"\\u");
        match hex_at(at + 2) {
            None | Some(0xDC00..=0xDFFF) => return Some((column_of(at), written(at))),
            Some(0xD800..=0xDBFF) => {
                if !(second_escape && matches!(hex_at(at + 8), Some(0xDC00..=0xDFFF))) {
                    let mut shown = written(at);
                    if second_escape {
                        shown.push_str(&written(at + 6));
                    }
                    return Some((column_of(at), shown));
                }
                at += 12;
            }
            Some(_) => at += 6,
        }
    }
    None
}

/// 1-based line and column (in characters) of byte `offset`.
fn line_and_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = before
        .get(line_start..)
        .map_or(0, |rest| String::from_utf8_lossy(rest).chars().count())
        + 1;
    (line, column)
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list [ … ]",
        Value::Object(_) => "an object { … }",
    }
}

/// A value as it appears in the file, shortened for messages.
fn short_json(value: &Value) -> String {
    match value {
        Value::Array(_) | Value::Object(_) => kind_of(value).to_owned(),
        other => shortened(&other.to_string()),
    }
}

/// `text` cut to 60 characters for a message.
fn shortened(text: &str) -> String {
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}…")
    } else {
        text.to_owned()
    }
}

/// Walks the JSON tree, collecting errors and warnings and building typed values. Each
/// method returns `None` when the value cannot be used; the error is already recorded.
#[derive(Default)]
struct Walker {
    errors: Vec<ImportError>,
    unlisted_errors: usize,
    warnings: Vec<ImportWarning>,
    unlisted_warnings: usize,
}

impl Walker {
    fn error(&mut self, path: &JsonPath<'_>, kind: ImportErrorKind) {
        if self.errors.len() < MAX_LISTED_ERRORS {
            self.errors.push(ImportError {
                path: path.to_string(),
                kind,
            });
        } else {
            self.unlisted_errors += 1;
        }
    }

    fn push_error(&mut self, path: String, kind: ImportErrorKind) {
        if self.errors.len() < MAX_LISTED_ERRORS {
            self.errors.push(ImportError { path, kind });
        } else {
            self.unlisted_errors += 1;
        }
    }

    fn warn(&mut self, path: &JsonPath<'_>, kind: ImportWarningKind) {
        if self.warnings.len() < MAX_LISTED_WARNINGS {
            self.warnings.push(ImportWarning {
                path: path.to_string(),
                kind,
            });
        } else {
            self.unlisted_warnings += 1;
        }
    }

    fn into_failure(self) -> ImportFailure {
        ImportFailure {
            errors: self.errors,
            unlisted: self.unlisted_errors,
        }
    }

    fn field_errors(&mut self) -> impl FnMut(&JsonPath<'_>, FieldError) + '_ {
        move |path, error| self.error(path, ImportErrorKind::Field(error))
    }

    /// Whatever is left in `object` after the known fields were taken out is unknown.
    fn warn_unknown(&mut self, path: &JsonPath<'_>, object: Map<String, Value>) {
        for name in object.into_iter().map(|(name, _)| name) {
            self.warn(
                &path.field(&name),
                ImportWarningKind::UnknownField { name: name.clone() },
            );
        }
    }

    fn object(&mut self, path: &JsonPath<'_>, value: Value) -> Option<Map<String, Value>> {
        match value {
            Value::Object(object) => Some(object),
            other => {
                self.error(
                    path,
                    ImportErrorKind::WrongType {
                        expected: "an object { … }",
                        found: kind_of(&other),
                    },
                );
                None
            }
        }
    }

    fn array(&mut self, path: &JsonPath<'_>, value: Value) -> Option<Vec<Value>> {
        match value {
            Value::Array(items) => Some(items),
            other => {
                self.error(
                    path,
                    ImportErrorKind::WrongType {
                        expected: "a list [ … ]",
                        found: kind_of(&other),
                    },
                );
                None
            }
        }
    }

    fn required(
        &mut self,
        path: &JsonPath<'_>,
        object: &mut Map<String, Value>,
        field: &'static str,
        expected: &'static str,
    ) -> Option<Value> {
        let value = object.remove(field);
        if value.is_none() {
            self.error(path, ImportErrorKind::MissingField { field, expected });
        }
        value
    }

    fn string(&mut self, path: &JsonPath<'_>, value: Value) -> Option<String> {
        match value {
            Value::String(text) => Some(text),
            other => {
                self.error(
                    path,
                    ImportErrorKind::WrongType {
                        expected: "text in double quotes",
                        found: kind_of(&other),
                    },
                );
                None
            }
        }
    }

    fn number(&mut self, path: &JsonPath<'_>, value: Value) -> Option<f64> {
        match &value {
            Value::Number(number) => {
                // Without arbitrary precision every JSON number has an f64 value; a
                // number that does not is refused rather than trusted.
                let float = number.as_f64().filter(|f| f.is_finite());
                if float.is_none() {
                    self.error(
                        path,
                        ImportErrorKind::Field(FieldError::NotFinite { field: "number" }),
                    );
                }
                float
            }
            other => {
                self.error(
                    path,
                    ImportErrorKind::WrongType {
                        expected: "a number",
                        found: kind_of(other),
                    },
                );
                None
            }
        }
    }

    fn required_string(
        &mut self,
        path: &JsonPath<'_>,
        object: &mut Map<String, Value>,
        field: &'static str,
        expected: &'static str,
    ) -> Option<String> {
        let value = self.required(path, object, field, expected)?;
        self.string(&path.field(field), value)
    }

    fn required_number(
        &mut self,
        path: &JsonPath<'_>,
        object: &mut Map<String, Value>,
        field: &'static str,
        expected: &'static str,
    ) -> Option<f64> {
        let value = self.required(path, object, field, expected)?;
        self.number(&path.field(field), value)
    }

    /// `Some(None)` when absent or null (as the schema and serde allow), `None` when
    /// present but unusable.
    fn optional_string(
        &mut self,
        path: &JsonPath<'_>,
        object: &mut Map<String, Value>,
        field: &'static str,
    ) -> Option<Option<String>> {
        match object.remove(field) {
            None | Some(Value::Null) => Some(None),
            Some(value) => self.string(&path.field(field), value).map(Some),
        }
    }

    fn optional_number(
        &mut self,
        path: &JsonPath<'_>,
        object: &mut Map<String, Value>,
        field: &'static str,
    ) -> Option<Option<f64>> {
        match object.remove(field) {
            None | Some(Value::Null) => Some(None),
            Some(value) => self.number(&path.field(field), value).map(Some),
        }
    }

    fn choice<T: Copy>(
        &mut self,
        path: &JsonPath<'_>,
        value: Value,
        choices: &[(&str, T)],
        allowed: &'static str,
    ) -> Option<T> {
        let text = self.string(path, value)?;
        let found = choices
            .iter()
            .find(|(name, _)| *name == text)
            .map(|&(_, v)| v);
        if found.is_none() {
            self.error(
                path,
                ImportErrorKind::NotAllowed {
                    found: text,
                    allowed,
                },
            );
        }
        found
    }

    fn document(&mut self, mut top: Map<String, Value>) -> Option<Document> {
        let root = JsonPath::Root;
        // Checked before the walk.
        top.remove("format");
        top.remove("version");
        let title = self.required_string(
            &root,
            &mut top,
            "title",
            "the canvas's title, such as \"title\": \"Acme — Q1 2027\"",
        );
        if let Some(title) = &title {
            check_canvas_title(&root.field("title"), title, &mut self.field_errors());
        }
        let cycle = match top.remove("cycle") {
            None | Some(Value::Null) => Some(None),
            Some(value) => self.cycle(&root.field("cycle"), value).map(Some),
        };
        let identity = match top.remove("identity") {
            None | Some(Value::Null) => Some(None),
            Some(value) => self.identity(&root.field("identity"), value).map(Some),
        };
        let teams = self.list(
            &root,
            &mut top,
            "teams",
            "the list of teams, \"teams\": [] if there are none",
            Self::team,
        );
        let objectives = self.list(
            &root,
            &mut top,
            "objectives",
            "the list of objectives, \"objectives\": [] if there are none",
            Self::objective,
        );
        let links = self.list(
            &root,
            &mut top,
            "links",
            "the list of links, \"links\": [] if there are none",
            Self::link,
        );
        let layout = match top.remove("layout") {
            None => Some(Default::default()),
            Some(value) => self.layout(&root.field("layout"), value),
        };
        self.warn_unknown(&root, top);
        Some(Document {
            format: FormatName::OkrCanvas,
            version: FORMAT_VERSION,
            title: title?,
            identity: identity?,
            cycle: cycle?,
            teams: teams?,
            objectives: objectives?,
            links: links?,
            layout: layout?,
        })
    }

    fn list<T>(
        &mut self,
        path: &JsonPath<'_>,
        object: &mut Map<String, Value>,
        field: &'static str,
        expected: &'static str,
        item: fn(&mut Self, &JsonPath<'_>, Value) -> Option<T>,
    ) -> Option<Vec<T>> {
        let value = self.required(path, object, field, expected)?;
        let list_path = path.field(field);
        let values = self.array(&list_path, value)?;
        let mut items = Vec::with_capacity(values.len());
        let mut complete = true;
        for (i, value) in values.into_iter().enumerate() {
            match item(self, &list_path.index(i), value) {
                Some(built) => items.push(built),
                None => complete = false,
            }
        }
        complete.then_some(items)
    }

    fn identity(&mut self, path: &JsonPath<'_>, value: Value) -> Option<Identity> {
        let mut object = self.object(path, value)?;
        let id = self.required_string(
            path,
            &mut object,
            "id",
            "the canvas's id, the same in every file exported from it",
        );
        let revision = self.required_number(
            path,
            &mut object,
            "revision",
            "the file's revision, a whole number from 1",
        );
        self.warn_unknown(path, object);
        let id = id?;
        check_id(&path.field("id"), &id, &mut self.field_errors());
        let revision = revision?;
        if !(revision.fract() == 0.0 && (0.0..=9.0e15).contains(&revision)) {
            self.error(
                &path.field("revision"),
                ImportErrorKind::WrongType {
                    expected: "a whole number from 0",
                    found: "another number",
                },
            );
            return None;
        }
        Some(Identity {
            id,
            revision: revision as u64,
        })
    }

    fn cycle(&mut self, path: &JsonPath<'_>, value: Value) -> Option<Cycle> {
        let mut object = self.object(path, value)?;
        let label = self.required_string(
            path,
            &mut object,
            "label",
            "the cycle's name, such as \"Q1 2027\"",
        );
        let start = self.required_string(
            path,
            &mut object,
            "start",
            "the first day, such as \"2027-01-01\"",
        );
        let end = self.required_string(
            path,
            &mut object,
            "end",
            "the last day, such as \"2027-03-31\"",
        );
        self.warn_unknown(path, object);
        let cycle = Cycle {
            label: label?,
            start: start?,
            end: end?,
        };
        check_cycle(path, &cycle, &mut self.field_errors());
        Some(cycle)
    }

    fn team(&mut self, path: &JsonPath<'_>, value: Value) -> Option<Team> {
        let mut object = self.object(path, value)?;
        let id = self.required_string(path, &mut object, "id", "the team's id, such as \"sales\"");
        let name = self.required_string(path, &mut object, "name", "the team's name");
        let level = self
            .required(
                path,
                &mut object,
                "level",
                "the team's level: company, department, team or individual",
            )
            .and_then(|v| {
                self.choice(
                    &path.field("level"),
                    v,
                    &[
                        ("company", Level::Company),
                        ("department", Level::Department),
                        ("team", Level::Team),
                        ("individual", Level::Individual),
                    ],
                    "company, department, team, individual",
                )
            });
        let parent = self.optional_string(path, &mut object, "parent");
        let color = self.optional_string(path, &mut object, "color");
        self.warn_unknown(path, object);
        let team = Team {
            id: id?,
            name: name?,
            level: level?,
            parent: parent?,
            color: color?,
        };
        check_team(path, &team, &mut self.field_errors());
        Some(team)
    }

    fn objective(&mut self, path: &JsonPath<'_>, value: Value) -> Option<Objective> {
        let mut object = self.object(path, value)?;
        let id = self.required_string(
            path,
            &mut object,
            "id",
            "the objective's id, such as \"o-growth\"",
        );
        let team = self.required_string(
            path,
            &mut object,
            "team",
            "the id of the team that owns the objective",
        );
        let title = self.required_string(path, &mut object, "title", "the objective's title");
        let owner = self.optional_string(path, &mut object, "owner");
        let description = self.optional_string(path, &mut object, "description");
        let kind = match object.remove("kind") {
            None => Some(ObjectiveKind::default()),
            Some(value) => self.choice(
                &path.field("kind"),
                value,
                &[
                    ("aspirational", ObjectiveKind::Aspirational),
                    ("committed", ObjectiveKind::Committed),
                ],
                "aspirational, committed",
            ),
        };
        let rollup = match object.remove("rollup") {
            None => Some(Rollup::default()),
            Some(value) => self.choice(
                &path.field("rollup"),
                value,
                &[
                    ("key_results", Rollup::KeyResults),
                    ("children", Rollup::Children),
                    ("both", Rollup::Both),
                ],
                "key_results, children, both",
            ),
        };
        let standalone = match object.remove("standalone") {
            None | Some(Value::Null) => Some(None),
            Some(Value::String(reason)) => Some(Some(reason)),
            Some(other) => {
                self.error(
                    &path.field("standalone"),
                    ImportErrorKind::WrongType {
                        expected: "text saying why the objective stands alone, or null",
                        found: kind_of(&other),
                    },
                );
                None
            }
        };
        let realign = match object.remove("realign") {
            None | Some(Value::Null) => Some(false),
            Some(Value::Bool(flag)) => Some(flag),
            Some(other) => {
                self.error(
                    &path.field("realign"),
                    ImportErrorKind::WrongType {
                        expected: "true or false",
                        found: kind_of(&other),
                    },
                );
                None
            }
        };
        let status = match object.remove("status") {
            None | Some(Value::Null) => Some(None),
            Some(value) => self.status_by_hand(&path.field("status"), value).map(Some),
        };
        let key_results_value = object.remove("keyResults");
        self.warn_unknown(path, object);
        let objective = (|| {
            Some(Objective {
                id: id?,
                team: team?,
                title: title?,
                owner: owner?,
                description: description?,
                kind: kind?,
                rollup: rollup?,
                standalone: standalone?,
                realign: realign?,
                status: status?,
                key_results: Vec::new(),
            })
        })();
        if let Some(objective) = &objective {
            check_objective_own_fields(path, objective, &mut self.field_errors());
        }
        // Key results after the objective's own fields, so errors come in file order.
        let key_results = match key_results_value {
            None => Some(Vec::new()),
            Some(value) => {
                let list_path = path.field("keyResults");
                self.array(&list_path, value).and_then(|values| {
                    let mut items = Vec::with_capacity(values.len());
                    let mut complete = true;
                    for (i, value) in values.into_iter().enumerate() {
                        match self.key_result(&list_path.index(i), value) {
                            Some(kr) => items.push(kr),
                            None => complete = false,
                        }
                    }
                    complete.then_some(items)
                })
            }
        };
        Some(Objective {
            key_results: key_results?,
            ..objective?
        })
    }

    fn key_result(&mut self, path: &JsonPath<'_>, value: Value) -> Option<KeyResult> {
        let mut object = self.object(path, value)?;
        let id = self.required_string(
            path,
            &mut object,
            "id",
            "the key result's id, such as \"kr-arr\"",
        );
        let title = self.required_string(path, &mut object, "title", "the key result's title");
        let owner = self.optional_string(path, &mut object, "owner");
        let start =
            self.required_number(path, &mut object, "start", "the starting value, a number");
        let target =
            self.required_number(path, &mut object, "target", "the target value, a number");
        let current = self.optional_number(path, &mut object, "current");
        let unit = self.optional_string(path, &mut object, "unit");
        let weight = self.optional_number(path, &mut object, "weight");
        let confidence = self.optional_number(path, &mut object, "confidence");
        let check_ins = match object.remove("checkIns") {
            None => Some(Vec::new()),
            Some(value) => {
                let list_path = path.field("checkIns");
                self.array(&list_path, value).and_then(|values| {
                    let mut items = Vec::with_capacity(values.len());
                    let mut complete = true;
                    for (i, value) in values.into_iter().enumerate() {
                        match self.check_in(&list_path.index(i), value) {
                            Some(check_in) => items.push(check_in),
                            None => complete = false,
                        }
                    }
                    complete.then_some(items)
                })
            }
        };
        self.warn_unknown(path, object);
        let key_result = KeyResult {
            id: id?,
            title: title?,
            owner: owner?,
            start: start?,
            target: target?,
            current: current?,
            unit: unit?,
            weight: weight?.unwrap_or(1.0),
            confidence: confidence?,
            check_ins: check_ins?,
        };
        check_key_result(path, &key_result, &mut self.field_errors());
        Some(key_result)
    }

    fn status_by_hand(&mut self, path: &JsonPath<'_>, value: Value) -> Option<StatusByHand> {
        let mut object = self.object(path, value)?;
        let value = self
            .required(
                path,
                &mut object,
                "value",
                "the status set: on_track, at_risk or off_track",
            )
            .and_then(|v| {
                self.choice(
                    &path.field("value"),
                    v,
                    &Pace::ALL.map(|pace| (pace.name(), pace)),
                    "on_track, at_risk, off_track",
                )
            });
        let note = self.optional_string(path, &mut object, "note");
        let date = self.optional_string(path, &mut object, "date");
        self.warn_unknown(path, object);
        Some(StatusByHand {
            value: value?,
            note: note?,
            date: date?,
        })
    }

    fn check_in(&mut self, path: &JsonPath<'_>, value: Value) -> Option<CheckIn> {
        let mut object = self.object(path, value)?;
        let date = self.required_string(
            path,
            &mut object,
            "date",
            "the date of the check-in, such as \"2027-01-20\"",
        );
        let value = self.required_number(
            path,
            &mut object,
            "value",
            "the value measured on that date",
        );
        let confidence = self.optional_number(path, &mut object, "confidence");
        let note = self.optional_string(path, &mut object, "note");
        self.warn_unknown(path, object);
        Some(CheckIn {
            date: date?,
            value: value?,
            confidence: confidence?,
            note: note?,
        })
    }

    fn link(&mut self, path: &JsonPath<'_>, value: Value) -> Option<Link> {
        let mut object = self.object(path, value)?;
        let from = self.required_string(
            path,
            &mut object,
            "from",
            "the id of the supporting objective",
        );
        let to = self.required_string(
            path,
            &mut object,
            "to",
            "the id of the objective or key result it supports",
        );
        let kind = self
            .required(path, &mut object, "kind", "the kind of link: hard or soft")
            .and_then(|v| {
                self.choice(
                    &path.field("kind"),
                    v,
                    &[("hard", LinkKind::Hard), ("soft", LinkKind::Soft)],
                    "hard, soft",
                )
            });
        let note = self.optional_string(path, &mut object, "note");
        self.warn_unknown(path, object);
        let link = Link {
            from: from?,
            to: to?,
            kind: kind?,
            note: note?,
        };
        check_link_fields(path, &link, &mut self.field_errors());
        Some(link)
    }

    fn layout(
        &mut self,
        path: &JsonPath<'_>,
        value: Value,
    ) -> Option<std::collections::BTreeMap<String, Position>> {
        let object = self.object(path, value)?;
        let mut layout = std::collections::BTreeMap::new();
        let mut complete = true;
        for (id, value) in object {
            let place = path.field(&id);
            let Some(mut position) = self.object(&place, value) else {
                complete = false;
                continue;
            };
            let x = self.required_number(
                &place,
                &mut position,
                "x",
                "the card's horizontal position, a number",
            );
            let y = self.required_number(
                &place,
                &mut position,
                "y",
                "the card's vertical position, a number",
            );
            self.warn_unknown(&place, position);
            match (x, y) {
                (Some(x), Some(y)) => {
                    let position = Position { x, y };
                    check_position(&place, &position, &mut self.field_errors());
                    layout.insert(id, position);
                }
                _ => complete = false,
            }
        }
        complete.then_some(layout)
    }

    /// Positions are only kept for cards that exist; the rest are harmless leftovers.
    fn drop_unknown_positions(&mut self, document: &mut Document) {
        if document.layout.is_empty() {
            return;
        }
        let ids: super::model::IdSet<&str> =
            document.objectives.iter().map(|o| o.id.as_str()).collect();
        let unknown: Vec<String> = document
            .layout
            .keys()
            .filter(|id| !ids.contains(id.as_str()))
            .cloned()
            .collect();
        let layout_path = JsonPath::Root;
        let layout_path = layout_path.field("layout");
        for id in unknown {
            document.layout.remove(&id);
            self.warn(
                &layout_path.field(&id),
                ImportWarningKind::PositionOfUnknownCard { id: id.clone() },
            );
        }
    }
}

/// Reads `text` straight into the typed document in one pass, and says whether any
/// object had a field the format does not know (serde skips those silently, so they are
/// noticed on the way: see [`Watched`]). Any error, of syntax or of shape, is left to the
/// careful path to explain.
fn read_typed(text: &str) -> Result<(Document, bool), serde_json::Error> {
    let unknown = Cell::new(false);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let document = Document::deserialize(Watched {
        inner: &mut deserializer,
        unknown: &unknown,
    })?;
    deserializer.end()?;
    Ok((document, unknown.get()))
}

/// A deserializer that passes everything through to `inner` and notes when a value is
/// skipped. Derived `Deserialize` implementations skip the value of a field they do not
/// know (and nothing else in the format's types), so a skip means an unknown field;
/// the careful path then finds out which, to warn about it.
///
/// Every nested value is read through the same wrapper: maps and lists hand out their
/// values wrapped. Names of choices (`"hard"`, `"company"`) are passed through unwrapped,
/// since the format's choices are plain names with nothing inside.
struct Watched<'u, D> {
    inner: D,
    unknown: &'u Cell<bool>,
}

impl<'u, D> Watched<'u, D> {
    fn wrap<T>(&self, inner: T) -> Watched<'u, T> {
        Watched {
            inner,
            unknown: self.unknown,
        }
    }
}

macro_rules! pass_through {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
                let visitor = self.wrap(visitor);
                self.inner.$method($($arg,)* visitor)
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Watched<'_, D> {
    type Error = D::Error;

    pass_through!(
        deserialize_any(),
        deserialize_bool(),
        deserialize_i8(),
        deserialize_i16(),
        deserialize_i32(),
        deserialize_i64(),
        deserialize_i128(),
        deserialize_u8(),
        deserialize_u16(),
        deserialize_u32(),
        deserialize_u64(),
        deserialize_u128(),
        deserialize_f32(),
        deserialize_f64(),
        deserialize_char(),
        deserialize_str(),
        deserialize_string(),
        deserialize_bytes(),
        deserialize_byte_buf(),
        deserialize_option(),
        deserialize_unit(),
        deserialize_unit_struct(name: &'static str),
        deserialize_newtype_struct(name: &'static str),
        deserialize_seq(),
        deserialize_tuple(len: usize),
        deserialize_tuple_struct(name: &'static str, len: usize),
        deserialize_map(),
        deserialize_struct(name: &'static str, fields: &'static [&'static str]),
        deserialize_enum(name: &'static str, variants: &'static [&'static str]),
        deserialize_identifier(),
    );

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.unknown.set(true);
        self.inner.deserialize_ignored_any(visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Watched<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<V::Value, E> {
        self.inner.visit_bool(v)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<V::Value, E> {
        self.inner.visit_i64(v)
    }

    fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<V::Value, E> {
        self.inner.visit_i128(v)
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.inner.visit_u64(v)
    }

    fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<V::Value, E> {
        self.inner.visit_u128(v)
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<V::Value, E> {
        self.inner.visit_f64(v)
    }

    fn visit_char<E: serde::de::Error>(self, v: char) -> Result<V::Value, E> {
        self.inner.visit_char(v)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.inner.visit_str(v)
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.inner.visit_borrowed_str(v)
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<V::Value, E> {
        self.inner.visit_string(v)
    }

    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<V::Value, E> {
        self.inner.visit_bytes(v)
    }

    fn visit_borrowed_bytes<E: serde::de::Error>(self, v: &'de [u8]) -> Result<V::Value, E> {
        self.inner.visit_borrowed_bytes(v)
    }

    fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<V::Value, E> {
        self.inner.visit_byte_buf(v)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        let deserializer = self.wrap(deserializer);
        self.inner.visit_some(deserializer)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_unit()
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<V::Value, D::Error> {
        let deserializer = self.wrap(deserializer);
        self.inner.visit_newtype_struct(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        let seq = self.wrap(seq);
        self.inner.visit_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        let map = self.wrap(map);
        self.inner.visit_map(map)
    }

    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.inner.visit_enum(data)
    }
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Watched<'_, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        let seed = self.wrap(seed);
        self.inner.next_element_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Watched<'_, A> {
    type Error = A::Error;

    /// Keys are plain text; only values can hold a skipped field.
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.inner.next_key_seed(seed)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        let seed = self.wrap(seed);
        self.inner.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'de, T: DeserializeSeed<'de>> DeserializeSeed<'de> for Watched<'_, T> {
    type Value = T::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T::Value, D::Error> {
        let deserializer = self.wrap(deserializer);
        self.inner.deserialize(deserializer)
    }
}

#[cfg(test)]
mod tests;
