//! Reading a file the person chose or dropped, as the bytes on disk: the
//! core decides what is valid UTF-8 and JSON, so the browser must not decode
//! (and silently repair) the text first.

use js_sys::Uint8Array;
use wasm_bindgen_futures::JsFuture;

/// The bytes of `file`, or a sentence saying it could not be read.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    match JsFuture::from(file.array_buffer()).await {
        Ok(buffer) => Ok(Uint8Array::new(&buffer).to_vec()),
        Err(_) => Err(format!(
            "{} could not be read. Check that the file still exists and try again.",
            file.name()
        )),
    }
}
