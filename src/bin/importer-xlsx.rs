//! The importer worker for Excel workbooks: the text worker's reading with
//! `calamine` too, in a module of its own so that opening a CSV never fetches
//! it (see `okr_canvas::browser::importer`).

fn main() {
    okr_canvas::browser::importer::serve(Some(okr_canvas::sheets::table::read_zip));
}
