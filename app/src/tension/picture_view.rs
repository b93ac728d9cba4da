//! The picture on the tension pages: the map above the CSP's table on `/staff/tension` (with its
//! legend, and each neighbourhood's latest signal in words for the table) and the timeline on a
//! neighbourhood's page. Data is gathered here for `assessments_pages`, which renders them.

use crate::{
    db,
    i18n::Lang,
    reference::{locate::WardIndex, Names},
    t,
    tension::{
        levels::Level,
        picture::{legend, map_svg, projected_for, swatch_svg, Shade},
        picture_signals::{signal_text, touches},
        timeline::{Happening, TimelineEntry},
    },
    time::{date, time, Timestamp},
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One neighbourhood on the CSP's tension table.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OverviewLine {
    pub slug: String,
    pub name: Names,
    pub level: Option<Level>,
    pub recorded_at: Option<Timestamp>,
    pub review_on: Option<Timestamp>,
    pub review_overdue: bool,
    pub open_actions: i64,
    pub overdue_actions: i64,
}

/// The map and what the table adds to it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Picture {
    /// The map as SVG ("" when the partnership has no ward outlines loaded).
    pub svg: String,
    /// The legend: (swatch SVG, label), each level of the partnership's scale, then "not assessed".
    pub legend: Vec<(String, String)>,
    /// Each neighbourhood's latest signal in words (with the caveat), by public slug.
    pub latest_signals: Vec<(String, String)>,
}

impl Picture {
    pub fn latest_signal(&self, slug: &str) -> Option<String> {
        self.latest_signals.iter().find(|(s, _)| s == slug).map(|(_, w)| w.clone())
    }
}

/// The picture of CSP `csp_id` whose table holds `lines`, in `lang`.
pub async fn overview_picture(
    db: &db::Db,
    wards: &WardIndex,
    csp_id: i64,
    lines: &[OverviewLine],
    levels: &[Level],
    lang: Lang,
) -> Result<Picture, db::DbError> {
    let not_assessed = t!(lang, "tension-not-assessed");
    let (csp_en, csp_cy) = db::tension_picture::csp_names(db, csp_id).await?;
    let csp = Names::new(csp_en, csp_cy);
    let shades: Vec<Shade> = lines
        .iter()
        .map(|l| Shade {
            slug: l.slug.clone(),
            name: l.name.get(lang).to_string(),
            level: l.level.as_ref().map(|lv| lv.level),
            label: l.level.as_ref().map(|lv| lv.label(lang)).unwrap_or_else(|| not_assessed.clone()),
        })
        .collect();
    let projected = projected_for(csp_id, &wards.csp_ward_shapes(csp_id));
    let assessed = shades.iter().filter(|s| s.level.is_some()).count();
    let svg = map_svg(
        &projected,
        &shades,
        &t!(lang, "tension-map-title", csp = csp.get(lang).to_string()),
        &t!(lang, "tension-map-description", count = shades.len(), assessed = assessed),
        &not_assessed,
    );
    let legend =
        legend(levels, lang, &not_assessed).into_iter().map(|(p, label)| (swatch_svg(&p), label)).collect();

    let signals = db::tension_picture::all_signals(db, csp_id).await?;
    let mut latest_signals = Vec::new();
    if !signals.is_empty() {
        let ids: Vec<(i64, String, Names)> = {
            let mut v: Vec<(i64, String, Names)> = wards
                .locations()
                .filter(|l| l.csp_id == csp_id)
                .map(|l| {
                    (l.neighbourhood_id, l.neighbourhood_public_slug.clone(), l.neighbourhood_name.clone())
                })
                .collect();
            v.sort_by_key(|(id, _, _)| *id);
            v.dedup_by_key(|(id, _, _)| *id);
            v
        };
        let bordering = wards.bordering();
        for (id, slug, _) in &ids {
            let around = bordering.get(id).cloned().unwrap_or_default();
            // The latest week's; in one week a cluster's (nearer) before the partnership's.
            let latest = signals
                .iter()
                .filter(|s| touches(s.neighbourhood_id, *id, &around))
                .max_by_key(|s| (s.week_start, s.neighbourhood_id.is_some(), -s.id));
            if let Some(s) = latest {
                let centre = s
                    .neighbourhood_id
                    .and_then(|c| ids.iter().find(|(i, _, _)| *i == c))
                    .map(|(_, _, n)| n.get(lang).to_string());
                let text = signal_text(lang, s, csp.get(lang), centre.as_deref());
                latest_signals.push((
                    slug.clone(),
                    t!(
                        lang,
                        "tension-picture-signal-week",
                        week = date(lang, s.week_start),
                        words = text.full()
                    ),
                ));
            }
        }
    }
    Ok(Picture { svg, legend, latest_signals })
}

/// The map with its legend (the table under it says the same).
#[component]
pub fn TensionMap(lang: Lang, picture: Picture) -> impl IntoView {
    if picture.svg.is_empty() {
        return ().into_any();
    }
    view! {
        <figure class="chart-figure tension-map-figure">
            <figcaption>{t!(lang, "tension-map-caption")}</figcaption>
            <div inner_html=picture.svg></div>
            <ul class="tension-legend" aria-label=t!(lang, "tension-map-legend")>
                {picture.legend.into_iter().map(|(swatch, label)| view! {
                    <li><span inner_html=swatch></span> " " {label}</li>
                }).collect_view()}
            </ul>
            <p class="hint">{t!(lang, "tension-map-hint")}</p>
        </figure>
    }
    .into_any()
}

/// A neighbourhood's timeline, newest first.
#[component]
pub fn Timeline(lang: Lang, entries: Vec<TimelineEntry>) -> impl IntoView {
    view! {
        <section aria-labelledby="timeline">
            <h2 id="timeline">{t!(lang, "tension-timeline")}</h2>
            <p class="hint">{t!(lang, "tension-timeline-hint")}</p>
            {if entries.is_empty() {
                view! { <p>{t!(lang, "tension-timeline-empty")}</p> }.into_any()
            } else {
                view! {
                    <ol class="timeline tension-timeline">
                        {entries.into_iter().map(|e| match e.what {
                            Happening::Level { version, level, recorded_by } => view! {
                                <li class="timeline-level">
                                    <strong>{t!(lang, "tension-timeline-level")}</strong> " "
                                    <span class=format!("tag tension-level tension-level-{}", level.level)>{level.label(lang)}</span> " "
                                    {t!(lang, "tension-recorded-by", who = recorded_by, when = time(lang, e.at), version = version)}
                                </li>
                            }.into_any(),
                            Happening::Signal { week, text } => view! {
                                <li class="timeline-signal">
                                    <strong>{t!(lang, "tension-timeline-signal", week = date(lang, week))}</strong> " "
                                    {text.words} " " <span class="meta">{text.willingness}</span>
                                </li>
                            }.into_any(),
                            Happening::Event { id, title, starts_on, ends_on, ctlp, upcoming } => view! {
                                <li class="timeline-event">
                                    <strong>{if upcoming { t!(lang, "tension-timeline-event-upcoming") } else { t!(lang, "tension-timeline-event-past") }}</strong> " "
                                    {if starts_on == ends_on { date(lang, starts_on) } else { t!(lang, "tension-event-days", from = date(lang, starts_on), to = date(lang, ends_on)) }}
                                    ": " <a href=lang.path(&format!("/staff/tension/events/{id}"))>{title}</a>
                                    {ctlp.then(|| view! { " " <strong class="flag">{t!(lang, "tension-event-ctlp-flag")}</strong> })}
                                </li>
                            }.into_any(),
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}
