//! A spreadsheet's cells as text: a CSV or tab-separated file (a table
//! pasted from a spreadsheet is tab-separated), read with the `csv` crate,
//! or the first sheet of an Excel workbook, read with `calamine`.
//! The header is the first row; rows keep the number a spreadsheet shows
//! (the header is row 1; blank lines are passed over), for messages that
//! name where a problem is.

/// The most rows read; a bigger file is refused rather than read slowly.
pub const MAX_ROWS: usize = 20_000;

/// A table's header and rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

/// One row's cells, and its number in the sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<String>,
}

impl Table {
    /// A table of `records`, the first its header; rows of empty cells are
    /// passed over but counted, so each keeps its number in the sheet.
    fn of(records: impl IntoIterator<Item = Vec<String>>) -> Table {
        let mut records = records.into_iter();
        let header = records
            .next()
            .map(|cells| cells.iter().map(|c| c.trim().to_string()).collect())
            .unwrap_or_default();
        let rows = records
            .enumerate()
            .map(|(index, cells)| Row {
                number: index + 2,
                cells,
            })
            .filter(|row| row.cells.iter().any(|c| !c.trim().is_empty()))
            .collect();
        Table { header, rows }
    }
}

impl Row {
    /// The cell in `column`, trimmed; empty when the row is shorter.
    pub fn cell(&self, column: usize) -> &str {
        self.cells.get(column).map_or("", |c| c.trim())
    }
}

/// What a ZIP holds: an Excel workbook's first sheet, or the JSON files of
/// an export.
#[derive(Clone, Debug, PartialEq)]
pub enum Unzipped {
    Workbook(Table),
    /// Each `.json` file's name (without its folder) and bytes.
    Files(Vec<(String, Vec<u8>)>),
}

/// Reads a ZIP's bytes: [`read_zip`], passed in only where it is wanted, so
/// that a module that does not read ZIPs does not carry `calamine` and `zip`
/// (the importer worker for text leaves it out; the one for ZIPs passes it).
pub type ZipReader = fn(&[u8]) -> Result<Unzipped, Vec<String>>;

/// Reads `bytes` as a table, or says in words why it cannot; a workbook
/// only with `zips`.
pub fn read_table(bytes: &[u8], zips: Option<ZipReader>) -> Result<Table, Vec<String>> {
    if bytes.starts_with(b"PK\x03\x04") {
        return match zips.map(|read| read(bytes)) {
            Some(Ok(Unzipped::Workbook(table))) => Ok(table),
            Some(Ok(Unzipped::Files(_))) => Err(vec![
                "This is a ZIP of files, not an Excel workbook (.xlsx).".to_string(),
            ]),
            Some(Err(problems)) => Err(problems),
            None => Err(vec![
                "This is a ZIP or an Excel workbook, which this reader does not open.".to_string(),
            ]),
        };
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(vec![
            "The file is not text in UTF-8. Save the sheet as CSV UTF-8 and open that.".to_string(),
        ]);
    };
    let first_line = text.lines().next().unwrap_or("");
    let tabs = first_line.matches('\t').count();
    let delimiter = if tabs > 0 && tabs >= first_line.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for (index, record) in reader.records().enumerate() {
        if index > MAX_ROWS {
            return Err(vec![format!(
                "The sheet has more than {MAX_ROWS} rows; open at most {MAX_ROWS} at a time."
            )]);
        }
        match record {
            Ok(record) => records.push(record.iter().map(str::to_string).collect::<Vec<_>>()),
            Err(error) => {
                return Err(vec![format!(
                    "Row {} cannot be read: {error}. Check its quotes, and save the sheet as CSV \
                     again.",
                    index + 1
                )])
            }
        }
    }
    if unclosed_quote(text) {
        return Err(vec![
            "The file ends inside a quoted cell: a closing quote (\") is missing, so the file \
             may be cut off. Export it again."
                .to_string(),
        ]);
    }
    Ok(Table::of(records))
}

/// The most a ZIP may unpack to; a bigger one (a zip bomb, or a workbook
/// far beyond the rows read) is refused before it is unpacked.
pub const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;

/// A ZIP: the first sheet of an Excel workbook (.xlsx) as a table, read
/// with `calamine` (numbers read as a spreadsheet shows them, "1001",
/// "12.5", dates as ISO dates), or else the JSON files it holds, read with
/// `zip`. Either way its directory is checked first, and a ZIP that would
/// unpack to more than [`MAX_UNPACKED_BYTES`] is refused unread.
pub fn read_zip(bytes: &[u8]) -> Result<Unzipped, Vec<String>> {
    use calamine::{Data, Reader, Xlsx};
    use std::io::Read;
    let unreadable = |error: &dyn std::fmt::Display| {
        vec![format!(
            "The ZIP or workbook cannot be read ({error}). If it is a workbook, open it in a \
             spreadsheet and save it again as .xlsx, or as CSV UTF-8; if it is an export, \
             export it again."
        )]
    };
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let mut unpacked: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(|e| unreadable(&e))?;
        unpacked = unpacked.saturating_add(entry.size());
    }
    if unpacked > MAX_UNPACKED_BYTES {
        return Err(vec![format!(
            "The file unpacks to {} MiB, more than the {} MiB read. If it is a real \
             workbook, save the sheet as CSV UTF-8 and open that.",
            unpacked / 1_048_576,
            MAX_UNPACKED_BYTES / 1_048_576
        )]);
    }
    if archive.by_name("xl/workbook.xml").is_err() {
        let mut files = Vec::new();
        for index in 0..archive.len() {
            let mut entry = archive.by_index(index).map_err(|e| unreadable(&e))?;
            let path = entry.name().map(|n| n.to_string()).unwrap_or_default();
            let name = path.rsplit('/').next().unwrap_or_default().to_string();
            if !entry.is_file() || !name.to_ascii_lowercase().ends_with(".json") {
                continue;
            }
            let mut content = Vec::new();
            // Never more than the directory said, whatever the entry holds.
            (&mut entry)
                .take(MAX_UNPACKED_BYTES)
                .read_to_end(&mut content)
                .map_err(|e| unreadable(&e))?;
            files.push((name, content));
        }
        return Ok(Unzipped::Files(files));
    }
    let mut workbook = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let range = match workbook.worksheet_range_at(0) {
        Some(Ok(range)) => range,
        Some(Err(error)) => return Err(unreadable(&error)),
        None => return Err(vec!["The workbook has no sheet.".to_string()]),
    };
    if range.height() > MAX_ROWS + 1 {
        return Err(vec![format!(
            "The sheet has more than {MAX_ROWS} rows; open at most {MAX_ROWS} at a time."
        )]);
    }
    let text = |cell: &Data| match cell {
        Data::Empty => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        // Days since 1899-12-30, as Excel counts them; 1970-01-01 is day 25,569.
        Data::DateTime(date) => {
            crate::domain::dates::from_day_number(date.as_f64().floor() as i64 - 25_569)
                .unwrap_or_default()
        }
        Data::Error(error) => format!("#{error:?}"),
    };
    Ok(Unzipped::Workbook(Table::of(
        range
            .rows()
            .map(|row| row.iter().map(text).collect::<Vec<_>>()),
    )))
}

/// Whether the text ends inside a quoted cell (which the reader would take
/// as a cell running to the end of the file).
fn unclosed_quote(text: &str) -> bool {
    let mut quoted = false;
    let mut at_cell_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (false, '"') if at_cell_start => quoted = true,
            (true, '"') => {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    quoted = false;
                }
            }
            _ => {}
        }
        at_cell_start = !quoted && matches!(c, ',' | '\t' | '\n' | '\r');
    }
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_with_commas_quotes_and_line_breaks_are_read_whole() {
        let table = read_table(
            b"\xEF\xBB\xBFId,Note\n1,\"a, \"\"quoted\"\"\nsecond line\"\n\n2,plain\n",
            Some(read_zip),
        )
        .unwrap();
        assert_eq!(table.header, ["Id", "Note"]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].cell(1), "a, \"quoted\"\nsecond line");
        // Rows are numbered as the sheet shows them; a blank line is passed over.
        assert_eq!(table.rows[1].number, 3);
        assert_eq!(table.rows[1].cell(5), "");
    }

    #[test]
    fn a_table_pasted_from_a_spreadsheet_is_read_by_its_tabs() {
        let table = read_table(
            b"Title\tTarget, in EUR\nMore revenue\t1,500\n",
            Some(read_zip),
        )
        .unwrap();
        assert_eq!(table.header, ["Title", "Target, in EUR"]);
        assert_eq!(table.rows[0].cell(1), "1,500");
    }

    #[test]
    fn a_cut_off_quoted_cell_a_workbook_and_other_text_are_refused_in_words() {
        let cut = read_table(b"Id,Note\n1,\"never closed\n", Some(read_zip)).unwrap_err();
        assert!(cut[0].contains("closing quote"), "{cut:?}");
        let workbook = read_table(b"PK\x03\x04rest", Some(read_zip)).unwrap_err();
        assert!(workbook[0].contains("cannot be read"), "{workbook:?}");
        let latin = read_table(b"Title\nCaf\xe9\n", Some(read_zip)).unwrap_err();
        assert!(latin[0].contains("UTF-8"), "{latin:?}");
    }

    #[test]
    fn an_excel_workbook_reads_as_its_csv_does() {
        let workbook = read_table(
            include_bytes!("../../tests/e2e/fixtures/sheets/northwind-explorer.xlsx"),
            Some(read_zip),
        )
        .unwrap();
        let csv = read_table(
            include_bytes!("../../tests/e2e/fixtures/sheets/northwind-explorer.csv"),
            Some(read_zip),
        )
        .unwrap();
        assert_eq!(workbook.header[..24], csv.header[..24]);
        assert_eq!(workbook.rows.len(), csv.rows.len());
        for (w, c) in workbook.rows.iter().zip(&csv.rows) {
            assert_eq!(w.number, c.number);
            for column in 0..24 {
                assert_eq!(
                    w.cell(column),
                    c.cell(column),
                    "row {} column {column}",
                    w.number
                );
            }
        }
    }

    #[test]
    fn a_workbook_that_would_unpack_to_more_than_is_read_is_refused_unread() {
        let bomb = include_bytes!("../../tests/e2e/bad-input-sheets/zip-bomb.xlsx");
        let refused = read_table(bomb, Some(read_zip)).unwrap_err();
        assert!(refused[0].contains("unpacks to 6143 MiB"), "{refused:?}");
        // Without a workbook reader, a workbook is refused in words too.
        let text_only = read_table(bomb, None).unwrap_err();
        assert!(text_only[0].contains("Excel workbook"), "{text_only:?}");
    }
}
