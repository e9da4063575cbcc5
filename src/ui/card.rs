//! One objective card: team colour, level, title, kind, progress, and its key
//! results with their own bars.

use leptos::prelude::*;

use super::state::use_app_state;
use crate::domain::model::ObjectiveKind;
use crate::scene::{progress_attr, progress_percent, CardView};

#[component]
pub fn Card(id: String) -> impl IntoView {
    let state = use_app_state();
    let scene = state.scene;
    let view_of = Memo::new(move |_| scene.with(|s| s.cards.iter().find(|c| c.id == id).cloned()));
    move || view_of.get().map(render_card)
}

fn render_card(card: CardView) -> impl IntoView {
    let style = format!(
        "left:{:.1}px;top:{:.1}px;height:{:.1}px;--team-color:{}",
        card.rect.x, card.rect.y, card.rect.height, card.team_color
    );
    let (kind_label, kind_class) = match card.kind {
        ObjectiveKind::Committed => ("Committed", "card__kind card__kind--committed"),
        ObjectiveKind::Aspirational => ("Aspirational", "card__kind card__kind--aspirational"),
    };
    let title_tooltip = card.title.clone();
    let progress_width = format!("width:{:.1}%", card.progress * 100.0);
    let standalone = card.standalone.clone().map(|reason| {
        let tooltip = reason.clone();
        view! { <div class="card__standalone" title=tooltip>"Stands alone: " {reason}</div> }
    });
    let key_results = card
        .key_results
        .into_iter()
        .map(|kr| {
            let width = format!("width:{:.1}%", kr.progress * 100.0);
            let tooltip = kr.title.clone();
            view! {
                <li class="kr" data-testid="kr-row" data-kr-id=kr.id>
                    <span class="kr__title" title=tooltip>{kr.title}</span>
                    <span class="bar" data-testid="kr-progress" data-value=progress_attr(kr.progress)>
                        <span class="bar__fill" style=width></span>
                    </span>
                    <span class="kr__percent">{progress_percent(kr.progress)}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <article
            class="card"
            style=style
            data-testid="okr-card"
            data-okr-id=card.id
            data-team-id=card.team_id
            data-level=card.level.name()
        >
            <div class="card__head">
                <div class="card__meta">
                    <span class="card__team">{card.team_name}</span>
                    <span>{card.level.name()}</span>
                    <span class=kind_class>{kind_label}</span>
                </div>
                <h2 class="card__title" data-testid="okr-title" title=title_tooltip>{card.title}</h2>
                <div class="card__progress">
                    <span
                        class="bar"
                        data-testid="okr-progress"
                        data-value=progress_attr(card.progress)
                        role="progressbar"
                        aria-label="Objective progress"
                        aria-valuemin="0"
                        aria-valuemax="100"
                        aria-valuenow=format!("{:.0}", card.progress * 100.0)
                    >
                        <span class="bar__fill" style=progress_width></span>
                    </span>
                    <span class="card__percent">{progress_percent(card.progress)}</span>
                </div>
            </div>
            {standalone}
            <ul class="card__krs">{key_results}</ul>
        </article>
    }
}
