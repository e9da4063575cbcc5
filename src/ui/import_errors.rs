//! Every problem of a refused file, one per row with where it is (the JSON
//! path) and what to do, in a dialog the person can read while fixing the
//! file. The notice that reports the refusal names the first few and opens
//! this list.

use leptos::prelude::*;

use super::dialog::Dialog;
use super::lazy::part;
use super::loaded::when_loaded;
use super::state::{use_app_state, Notices};

#[component]
pub fn ImportErrors() -> impl IntoView {
    let state = use_app_state();
    let report = state.notices.import_errors;
    let shown = Memo::new(move |_| report.with(Option::is_some));
    move || {
        shown
            .get()
            .then(|| when_loaded(state, import_errors(), move || report.set(None)))
    }
}

part!(
    import_errors,
    /// The list, fetched the first time a file is refused.
    fn import_errors() {
        Ok(view! { <Problems /> }.into_any())
    }
);

#[component]
fn Problems() -> impl IntoView {
    let report = expect_context::<Notices>().import_errors;
    let close = move || report.set(None);
    move || {
        report.get().map(|report| {
            let rows = report
                .problems
                .into_iter()
                .map(|(place, problem)| {
                    view! {
                        <tr data-testid="import-error">
                            <td class="import-errors__place"><code>{place}</code></td>
                            <td>{problem}</td>
                        </tr>
                    }
                })
                .collect_view();
            let more = (report.unlisted > 0).then(|| {
                view! {
                    <p>{format!("… and {} more, shown once these are fixed.", report.unlisted)}</p>
                }
            });
            view! {
                <Dialog
                    testid="import-errors"
                    class="import-errors"
                    heading=format!("Why {} was not opened", report.file_name)
                    on_close=Callback::new(move |()| close())
                >
                        <p>
                            "Nothing was changed: the open canvas is as it was. Fix these places in the \
                             file (the place is a path into the JSON: $.objectives[2].title is the title \
                             of the third objective) and open it again."
                        </p>
                        <div class="import-errors__scroll">
                            <table class="import-errors__table">
                                <thead>
                                    <tr>
                                        <th scope="col">"Where"</th>
                                        <th scope="col">"Problem"</th>
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                        {more}
                        <div class="dialog__actions">
                            <button type="button" data-testid="import-errors-close" on:click=move |_| close()>
                                "Close"
                            </button>
                        </div>
                </Dialog>
            }
        })
    }
}
