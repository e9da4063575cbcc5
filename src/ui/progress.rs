//! The progress of a long piece of work (a big file or link being opened),
//! over the map: what is being done, the step under way, and a bar.

use leptos::prelude::*;

use super::state::{Canvases, Progress};

#[component]
pub fn ProgressPanel() -> impl IntoView {
    let progress = expect_context::<Canvases>().progress;
    move || {
        progress.get().map(|progress| {
            let Progress { title, step, done } = progress;
            view! {
                <div class="progress-panel" role="status" aria-live="polite" data-testid="progress">
                    <div class="progress-panel__title">{title}</div>
                    <progress
                        class="progress-panel__bar"
                        max=Progress::STEPS
                        value=done
                        aria-label="Steps done"
                    ></progress>
                    <div class="progress-panel__step">
                        {format!("Step {} of {}: {step}", done + 1, Progress::STEPS)}
                    </div>
                </div>
            }
        })
    }
}
