//! Timings of the core on canvases of 1,000, 10,000 and 20,000 objectives: what a
//! person waits for when opening a file (import and validation), saving it (export),
//! what every edit and every tidy-up costs (progress of the whole canvas, layout), and
//! what starting a presentation costs (every slide), and what every edit costs the
//! quarter's views (each objective's status, a filter applied to the whole map, the
//! Review panel's hints and alignment health).
//! The figures and the targets they are held to are in BENCHMARKS.md.

// Benchmarks run on the host; the browser build has no criterion, so under
// `--target wasm32` this target is an empty program.
#[cfg(not(target_arch = "wasm32"))]
mod host {
    use std::hint::black_box;

    use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
    use okr_canvas::domain::export::export;
    use okr_canvas::domain::generate::generate;
    use okr_canvas::domain::health::Health;
    use okr_canvas::domain::hints::Hints;
    use okr_canvas::domain::import::import;
    use okr_canvas::domain::layout::{layout_document, LayoutMode, LayoutOptions};
    use okr_canvas::domain::merge::{apply, plan};
    use okr_canvas::domain::model::{Cycle, Level};
    use okr_canvas::domain::model::{Document, Objective};
    use okr_canvas::domain::progress::compute_progress;
    use okr_canvas::domain::status::{CycleClock, Reading, Status};
    use okr_canvas::map::filter::Filter;
    use okr_canvas::map::scene::Scene;
    use okr_canvas::output::slides::Deck;
    use okr_canvas::sheets::generate::explorer_export;
    use okr_canvas::sheets::{read, Choices, Outcome};
    use std::collections::HashMap;

    const SIZES: [usize; 3] = [1_000, 10_000, 20_000];
    const SEED: u64 = 2027;
    /// The file size limit of format.md.
    const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

    fn canvases() -> Vec<(usize, Document)> {
        SIZES.iter().map(|&n| (n, generate(n, SEED))).collect()
    }

    /// The bytes a person would open: the exported file, or the same document without
    /// indentation when the exported file would exceed the size limit.
    fn file_bytes(doc: &Document) -> (Vec<u8>, &'static str) {
        let pretty = export(doc).into_bytes();
        if pretty.len() <= MAX_FILE_BYTES {
            (pretty, "exported")
        } else {
            match serde_json::to_vec(doc) {
                Ok(compact) => (compact, "compact"),
                Err(error) => panic!("a generated canvas always serialises: {error}"),
            }
        }
    }

    /// Roughly the size the canvas draws a card at: a header plus one row per key result.
    fn card_size(objective: &Objective) -> (f64, f64) {
        (280.0, 72.0 + 28.0 * objective.key_results.len() as f64)
    }

    fn import_and_validate(c: &mut Criterion) {
        let mut group = c.benchmark_group("import+validate");
        for (n, doc) in canvases() {
            let (bytes, kind) = file_bytes(&doc);
            match import(&bytes) {
                Ok(imported) => assert!(imported.warnings.is_empty(), "{:?}", imported.warnings),
                Err(errors) => panic!("the generated canvas must import: {errors:?}"),
            }
            group.throughput(Throughput::Bytes(bytes.len() as u64));
            group.bench_with_input(BenchmarkId::new(kind, n), &bytes, |b, bytes| {
                b.iter(|| import(black_box(bytes)))
            });
        }
        group.finish();
    }

    fn export_file(c: &mut Criterion) {
        let mut group = c.benchmark_group("export");
        for (n, doc) in canvases() {
            group.bench_with_input(BenchmarkId::from_parameter(n), &doc, |b, doc| {
                b.iter(|| export(black_box(doc)))
            });
        }
        group.finish();
    }

    fn full_progress(c: &mut Criterion) {
        let mut group = c.benchmark_group("progress");
        for (n, doc) in canvases() {
            group.bench_with_input(BenchmarkId::from_parameter(n), &doc, |b, doc| {
                b.iter(|| compute_progress(black_box(doc)))
            });
        }
        group.finish();
    }

    fn tidy_layout(c: &mut Criterion) {
        let mut group = c.benchmark_group("layout");
        let options = LayoutOptions::default();
        for (n, doc) in canvases() {
            group.bench_with_input(BenchmarkId::from_parameter(n), &doc, |b, doc| {
                b.iter(|| {
                    layout_document(black_box(doc), &card_size, &options, LayoutMode::TidyAll)
                })
            });
        }
        group.finish();
    }

    /// What entering the presentation costs: every slide of the canvas, from
    /// its scene, and the markup of one slide.
    fn slide_deck(c: &mut Criterion) {
        let mut group = c.benchmark_group("slides");
        for (n, doc) in canvases() {
            let progress = compute_progress(&doc);
            let scene = Scene::build(&doc, &|id| progress.get(id).copied().unwrap_or(0.0));
            group.bench_with_input(BenchmarkId::from_parameter(n), &doc, |b, doc| {
                b.iter(|| {
                    let deck = Deck::build(black_box(doc), &scene);
                    deck.markup(1)
                })
            });
        }
        group.finish();
    }

    /// What an edit costs the quarter's views: every objective's status from
    /// the scene, then a filter (a department with its teams, team level, off
    /// track or at risk) over the whole document.
    fn status_and_filter(c: &mut Criterion) {
        let mut group = c.benchmark_group("status+filter");
        let cycle = Cycle {
            label: "Q1 2027".into(),
            start: "2027-01-01".into(),
            end: "2027-03-31".into(),
        };
        let clock = CycleClock::new(&cycle, "2027-02-14");
        for (n, doc) in canvases() {
            let progress = compute_progress(&doc);
            let scene = Scene::build(&doc, &|id| progress.get(id).copied().unwrap_or(0.0));
            let department = doc
                .teams
                .iter()
                .find(|t| t.level == Level::Department)
                .map(|t| t.id.clone())
                .unwrap_or_default();
            let filter = Filter {
                teams: [department].into(),
                levels: [Level::Team].into(),
                statuses: [Status::OffTrack, Status::AtRisk].into(),
                ..Filter::default()
            };
            group.bench_with_input(BenchmarkId::from_parameter(n), &doc, |b, doc| {
                b.iter(|| {
                    let readings: HashMap<&str, Reading> = scene
                        .cards
                        .iter()
                        .map(|c| {
                            (
                                c.id.as_str(),
                                Reading::of(c.kind, c.progress, clock.as_ref()),
                            )
                        })
                        .collect();
                    let filtered =
                        filter.apply(black_box(doc), &|id| readings.get(id).map(|r| r.status));
                    filtered.count_out()
                })
            });
        }
        group.finish();
    }

    /// What every edit costs the cards' hint badges and the open Review
    /// panel: every hint, indexed by objective, and the alignment health; at
    /// the largest size only.
    fn hints_and_health(c: &mut Criterion) {
        let mut group = c.benchmark_group("hints+health");
        let n = SIZES[SIZES.len() - 1];
        let doc = generate(n, SEED);
        let flagged = std::collections::BTreeSet::new();
        group.bench_with_input(BenchmarkId::from_parameter(n), &doc, |b, doc| {
            b.iter(|| {
                let hints = Hints::of(black_box(doc));
                let health = Health::of(black_box(doc), &flagged);
                (hints.len(), health.team_objectives)
            })
        });
        group.finish();
    }

    /// A returned 2,000-objective file with a tenth of its objectives retitled,
    /// merged three-way into a canvas that changed another tenth: planning
    /// the changes, then applying all of them (with the core's validation).
    fn merge_returned_file(c: &mut Criterion) {
        let mut group = c.benchmark_group("merge");
        let n = 2_000;
        let ancestor = generate(n, SEED);
        let mut canvas = ancestor.clone();
        let mut file = ancestor.clone();
        for (i, objective) in canvas.objectives.iter_mut().enumerate().step_by(10) {
            objective.title = format!("Centre {i}");
        }
        for (i, objective) in file.objectives.iter_mut().enumerate().skip(5).step_by(10) {
            objective.title = format!("Team {i}");
        }
        group.bench_with_input(BenchmarkId::new("plan", n), &n, |b, _| {
            b.iter(|| {
                plan(black_box(Some(&ancestor)), &canvas, &file)
                    .changes
                    .len()
            })
        });
        let merge = plan(Some(&ancestor), &canvas, &file);
        group.bench_with_input(BenchmarkId::new("apply", n), &n, |b, _| {
            b.iter(|| apply(black_box(&canvas), &merge, &|_, _| true).map(|d| d.objectives.len()))
        });
        group.finish();
    }

    /// Reading a Viva Goals export of 1,000 rows into its preview and canvas,
    /// as the importer worker does, and reading that canvas as the page does.
    fn open_export(c: &mut Criterion) {
        let mut group = c.benchmark_group("viva-export");
        let n = 1_000;
        let text = explorer_export(n);
        group.bench_with_input(BenchmarkId::new("read+preview", n), &n, |b, _| {
            b.iter(|| {
                match read(
                    "export.csv",
                    black_box(text.as_bytes()),
                    &Choices::default(),
                    None,
                ) {
                    Outcome::Preview(preview) => preview.objectives,
                    Outcome::Refused(_) => 0,
                }
            })
        });
        let Outcome::Preview(preview) =
            read("export.csv", text.as_bytes(), &Choices::default(), None)
        else {
            panic!("the export is read")
        };
        group.bench_with_input(BenchmarkId::new("open-canvas", n), &n, |b, _| {
            b.iter(|| {
                import(black_box(preview.document.as_bytes())).map(|i| i.document.objectives.len())
            })
        });
        // The same canvas written as a spreadsheet, and that read back with
        // its columns guessed.
        let canvas = import(preview.document.as_bytes()).unwrap().document;
        let sheet = okr_canvas::sheets::columns::export(&canvas);
        let rows = sheet.lines().count() - 1;
        group.bench_with_input(
            BenchmarkId::new("write-spreadsheet", rows),
            &rows,
            |b, _| b.iter(|| okr_canvas::sheets::columns::export(black_box(&canvas)).len()),
        );
        group.bench_with_input(BenchmarkId::new("read-spreadsheet", rows), &rows, |b, _| {
            b.iter(|| {
                match read(
                    "okrs.csv",
                    black_box(sheet.as_bytes()),
                    &Choices::default(),
                    None,
                ) {
                    Outcome::Preview(preview) => preview.objectives,
                    Outcome::Refused(_) => 0,
                }
            })
        });
        group.finish();
    }

    criterion_group!(
        benches,
        open_export,
        merge_returned_file,
        import_and_validate,
        export_file,
        full_progress,
        tidy_layout,
        slide_deck,
        status_and_filter,
        hints_and_health
    );
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(host::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
