//! The small marks a card carries beside its text: a key result's sparkline
//! and the owner's confidence, and the hint badge that opens Review at the
//! card's hints.

use leptos::prelude::*;

use super::review::Review;
use crate::domain::check_ins::describe_trend;
use crate::domain::hints::Hint;
use crate::map::geometry::{sparkline_points, SPARKLINE_HEIGHT, SPARKLINE_INSET, SPARKLINE_WIDTH};
use crate::map::scene::{confidence_attr, progress_percent, LOW_CONFIDENCE};

/// A key result's trend, from its start through each check-in, as a line
/// ending in a dot at the latest value; said in words for those who do not
/// see it.
#[component]
pub fn Sparkline(trend: Vec<f64>) -> impl IntoView {
    let label = describe_trend(&trend);
    let points = sparkline_points(&trend, SPARKLINE_WIDTH, SPARKLINE_HEIGHT, SPARKLINE_INSET);
    let (last_x, last_y) = points.last().copied().unwrap_or_default();
    let line = points
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ");
    let view_box = format!("0 0 {SPARKLINE_WIDTH} {SPARKLINE_HEIGHT}");
    let title = label.clone();
    view! {
        <svg
            class="kr__sparkline"
            data-testid="kr-sparkline"
            data-points=trend.len()
            role="img"
            aria-label=label
            viewBox=view_box
            width=SPARKLINE_WIDTH
            height=SPARKLINE_HEIGHT
        >
            <title>{title}</title>
            <polyline class="kr__sparkline-line" points=line />
            <circle class="kr__sparkline-end" cx=format!("{last_x:.1}") cy=format!("{last_y:.1}") r="1.8" />
        </svg>
    }
}

/// The owner's latest confidence as a percentage; a low one also carries a
/// warning sign, not colour alone.
#[component]
pub fn Confidence(confidence: f64) -> impl IntoView {
    let percent = progress_percent(confidence);
    let low = confidence < LOW_CONFIDENCE;
    let label = if low {
        format!("Confidence {percent} (low)")
    } else {
        format!("Confidence {percent}")
    };
    let tooltip = label.clone();
    let class = if low {
        "kr__confidence kr__confidence--low"
    } else {
        "kr__confidence"
    };
    view! {
        <span
            class=class
            data-testid="kr-confidence"
            data-value=confidence_attr(confidence)
            data-low=low.then_some("true")
            role="img"
            aria-label=label
            title=tooltip
        >
            {low.then_some(view! { <span class="kr__confidence-mark" aria-hidden="true">"⚠"</span> })}
            {percent}
        </span>
    }
}

/// The card's hint badge: how many quality hints it has, listed in its
/// tooltip and label; pressed, it opens the Review panel at them. Nothing
/// when the card has none.
pub fn hint_badge(id: String, hints: Memo<Vec<Hint>>, review: Option<Review>) -> impl IntoView {
    let id = StoredValue::new(id);
    move || {
        let review = review?;
        hints.with(|hints| {
            let count = hints.len();
            if count == 0 {
                return None;
            }
            let noun = if count == 1 { "hint" } else { "hints" };
            let label = format!(
                "{count} {noun}: {}",
                hints
                    .iter()
                    .map(|h| h.message.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            let tooltip = format!(
                "{count} {noun} (open them in Review):\n{}",
                hints
                    .iter()
                    .map(|h| format!("• {}", h.message))
                    .collect::<Vec<_>>()
                    .join("\n")
            );
            Some(view! {
                <button
                    class="card__hints"
                    type="button"
                    data-testid="card-hints"
                    data-count=count.to_string()
                    // The map is one Tab stop; the keyboard reaches hints
                    // through Review (R).
                    tabindex="-1"
                    title=tooltip
                    aria-label=label
                    on:click=move |_| id.with_value(|id| review.show_hints_of(id))
                    // Enter and Space press the button; the map's Enter
                    // (open the inspector) must not take them first.
                    on:keydown=|event: web_sys::KeyboardEvent| {
                        if matches!(event.key().as_str(), "Enter" | " ") {
                            event.stop_propagation();
                        }
                    }
                >
                    {format!("⚠\u{2009}{count}")}
                </button>
            })
        })
    }
}
