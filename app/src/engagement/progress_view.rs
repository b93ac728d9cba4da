//! How the public pages show progress (issue 14, part 2): a stage in words and its short dated
//! timeline, the same on the neighbourhood page (for its priorities) and on a "you said, we
//! did" publication (for the profiles and priorities its "we did" items draw on).

use super::progress::{event_words, stage_name, PublicStage, TimelineEntry};
use crate::{i18n::Lang, t};
use leptos::prelude::*;

/// The stage (in words, never by colour alone) and, when anything has happened, the timeline.
#[component]
pub fn Progress(lang: Lang, stage: PublicStage, timeline: Vec<TimelineEntry>) -> impl IntoView {
    view! {
        <p class="stage">{t!(lang, "nbhd-priority-stage")} " " <strong>{stage_name(lang, stage)}</strong></p>
        <Timeline lang timeline />
    }
}

/// Dated events as a list, each with the stage it left things at.
#[component]
pub fn Timeline(lang: Lang, timeline: Vec<TimelineEntry>) -> impl IntoView {
    (!timeline.is_empty()).then(|| {
        view! {
            <details class="timeline">
                <summary>{t!(lang, "nbhd-priority-timeline")}</summary>
                <ol>
                    {timeline.into_iter().map(|e| view! {
                        <li>
                            <time datetime=crate::time::iso_date(e.on)>{crate::time::date(lang, e.on)}</time>
                            ": " {event_words(lang, e.event)}
                            " (" {t!(lang, "nbhd-timeline-stage", stage = stage_name(lang, e.stage))} ")"
                        </li>
                    }).collect_view()}
                </ol>
            </details>
        }
    })
}
