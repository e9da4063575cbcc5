//! Parts of the app fetched when first used, so that the first load carries
//! only what shows and edits the map.
//!
//! A part is a function declared with [`part!`]: a split point
//! (`#[wasm_split]`), from which the build (`.ci/split`) moves it, and
//! everything only it reaches, into a module of its own that the page fetches
//! the first time the function is called, and keeps for offline use with the
//! rest of the build. Called again, it runs at once. In host builds and tests
//! it is an ordinary function.
//!
//! `ui/loaded.rs` shows such a part where its view belongs, once it has
//! arrived. A part that cannot be fetched (offline before the page was ever
//! kept, say) is said in a notice (`Notices::part_unavailable`), and what
//! asked for it is closed, so nothing waits for it forever.

use leptos::prelude::AnyView;
use leptos::wasm_split::SplitLoaderError;

/// A part of the app that could not be fetched.
#[derive(Debug)]
pub struct Unavailable;

impl From<SplitLoaderError> for Unavailable {
    fn from(_: SplitLoaderError) -> Self {
        Unavailable
    }
}

/// What a part's function gives: its view, or why there is none.
pub type Part = Result<AnyView, Unavailable>;

/// Declares `fn $name(args) -> Part { body }` as a part of its own, loaded
/// when first called, in the module `$module` (parts naming the same module
/// are fetched together); callers `.await` it. Without the `lazy-parts`
/// feature (the importer workers) it is an ordinary `async fn`.
///
/// A part that computes rather than shows, `fn $name(args) -> T { body }`,
/// gives `Result<T, Unavailable>`.
macro_rules! part {
    ($module:ident, $(#[$attr:meta])* fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(feature = "lazy-parts")]
        $(#[$attr])*
        #[leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $name($($arg: $ty),*) -> Result<$ret, $crate::ui::lazy::Unavailable> {
            Ok($body)
        }

        #[cfg(not(feature = "lazy-parts"))]
        $(#[$attr])*
        async fn $name($($arg: $ty),*) -> Result<$ret, $crate::ui::lazy::Unavailable> {
            Ok($body)
        }
    };
    ($module:ident, $(#[$attr:meta])* fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $body:block) => {
        #[cfg(feature = "lazy-parts")]
        $(#[$attr])*
        #[leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $name($($arg: $ty),*) -> $crate::ui::lazy::Part $body

        #[cfg(not(feature = "lazy-parts"))]
        $(#[$attr])*
        async fn $name($($arg: $ty),*) -> $crate::ui::lazy::Part $body
    };
}
pub(crate) use part;
