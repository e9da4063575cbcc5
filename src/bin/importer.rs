//! The importer worker for text: a Viva Goals export as CSV, a table pasted
//! from a spreadsheet, an outline. A module of its own, fetched the first
//! time such a file is opened (see `okr_canvas::browser::importer`).

fn main() {
    okr_canvas::browser::importer::serve(None);
}
