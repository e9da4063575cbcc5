//! Handing a file to the person: a download of text made in the page.

use wasm_bindgen::prelude::*;

/// Offers `text` as a download named `file_name`.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    start_download(file_name, mime, text).map_err(|error| {
        format!("The browser refused the download ({error:?}). Try again, or use another browser.")
    })
}

fn start_download(file_name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// The file name for a canvas: its title with characters that file systems
/// refuse replaced, `.okr.json` appended. An empty result becomes "canvas".
pub fn canvas_file_name(title: &str) -> String {
    titled_file_name(title, "okr.json")
}

/// A file name made of a canvas title and `extension` (without its dot).
pub fn titled_file_name(title: &str, extension: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let trimmed = cleaned.trim().trim_matches('.').trim();
    let stem: String = trimmed.chars().take(120).collect();
    if stem.is_empty() {
        format!("canvas.{extension}")
    } else {
        format!("{stem}.{extension}")
    }
}

#[cfg(test)]
mod tests {
    use super::canvas_file_name;

    #[test]
    fn file_name_keeps_a_readable_title() {
        assert_eq!(
            canvas_file_name("Acme — Q1 2027"),
            "Acme — Q1 2027.okr.json"
        );
    }

    #[test]
    fn file_name_drops_what_file_systems_refuse() {
        assert_eq!(canvas_file_name("a/b:c?"), "a-b-c-.okr.json");
        assert_eq!(canvas_file_name("  ..  "), "canvas.okr.json");
        assert_eq!(canvas_file_name("line\nbreak"), "line break.okr.json");
    }
}
