//! The weekly community tension summary (issue 15, part 4), for the partnership's tasking
//! meeting: `/staff/tension/summary?csp=…&week=YYYY-MM-DD` (default this week; weeks run Monday
//! to Sunday, UK time, as `tension::weeks` has them). It lists the neighbourhoods at level 2 or
//! above as they stood at the end of the week (or now, for this week) with their level, an
//! excerpt of their sanitised narrative and owner; the signals first raised that week, in words;
//! the events of the fortnight from the week's Monday (CTLP-relevant ones as "Restricted event"
//! to those who may not see the Counter-Terrorism Local Profile); and the overdue reviews and
//! de-escalation actions. It prints as "{CSP} weekly community tension summary, week beginning …".
//!
//! The same figures head the "Community tension" section of the tasking meeting's agenda
//! (`headline`), for those with `ViewTension`, with a link to the summary of the meeting's week.

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db,
    db::tension::csp_levels,
    error::{internal, reject, AppError},
    i18n::Lang,
    reference::{locate::WardIndex, Names},
    shell::{page::Page, use_lang, CspPicker},
    staff::{pages::require_user, CspAccess, Permission, StaffUser},
    t,
    tension::{
        assessments::review_overdue,
        events::Shown,
        events_upcoming::upcoming,
        levels::{level_of, Level},
        picture_signals::{signal_text, SignalText},
        timeline::EventRights,
        weeks,
    },
    time::{date, Timestamp},
};
use chrono::{Duration, NaiveDate};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// The level from which a neighbourhood is listed (2, medium).
pub const LISTED_FROM: u8 = 2;
/// Days of events listed from the week's Monday (a fortnight).
pub const EVENT_DAYS: i64 = 14;
/// The longest narrative excerpt, in characters.
pub const EXCERPT: usize = 280;

/// The start of `text` up to `max` characters, cut at a word and ending "…" when shortened.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';'))
}

/// The Monday of the week asked for (any day of it, `YYYY-MM-DD`), or of `now`'s week when
/// none is asked; `None` for a text that is not a date.
pub fn week_asked(asked: Option<&str>, now: Timestamp) -> Option<NaiveDate> {
    match asked.map(str::trim).filter(|s| !s.is_empty()) {
        None => Some(weeks::week_of(now)),
        Some(text) => {
            let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
            Some(day - Duration::days(i64::from(chrono::Datelike::weekday(&day).num_days_from_monday())))
        }
    }
}

/// A neighbourhood at level 2 or above.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Raised {
    pub slug: String,
    pub name: Names,
    pub level: Level,
    pub narrative: String,
    pub owner: String,
}

/// A neighbourhood whose review is overdue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OverdueReview {
    pub slug: String,
    pub name: Names,
    pub level: Level,
    pub review_on: Timestamp,
}

/// An overdue de-escalation action.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OverdueAction {
    pub slug: String,
    pub name: Names,
    pub title: String,
    pub owner: String,
    pub due_on: Timestamp,
}

/// A partnership's week, summarised.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub csp: Names,
    /// The week's Monday, `YYYY-MM-DD`.
    pub week: String,
    pub raised: Vec<Raised>,
    pub signals: Vec<SignalText>,
    /// `None`: the reader may not read the partnership's events.
    pub events: Option<Vec<Shown>>,
    pub overdue_reviews: Vec<OverdueReview>,
    pub overdue_actions: Vec<OverdueAction>,
}

/// The summary's headline figures, as the tasking agenda shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Headline {
    pub csp_slug: String,
    pub week: String,
    pub raised: usize,
    pub highest: Option<String>,
    pub signals: usize,
    pub events: Option<usize>,
    pub overdue_reviews: usize,
    pub overdue_actions: usize,
}

impl Summary {
    pub fn headline(&self, csp_slug: &str, lang: Lang) -> Headline {
        Headline {
            csp_slug: csp_slug.to_string(),
            week: self.week.clone(),
            raised: self.raised.len(),
            highest: self.raised.iter().map(|r| &r.level).max_by_key(|l| l.level).map(|l| l.label(lang)),
            signals: self.signals.len(),
            events: self.events.as_ref().map(Vec::len),
            overdue_reviews: self.overdue_reviews.len(),
            overdue_actions: self.overdue_actions.len(),
        }
    }
}

/// Summarises CSP `csp_id`'s week starting `monday` at `now` for a reader with `rights` over its
/// events (their `ViewTension` is checked by the caller), in `lang`.
pub async fn summarise(
    db: &db::Db,
    wards: &WardIndex,
    csp_id: i64,
    monday: NaiveDate,
    now: Timestamp,
    rights: EventRights,
    lang: Lang,
) -> Result<Summary, db::DbError> {
    let (from, to) = (weeks::starts_at(monday), weeks::starts_at(monday + Duration::days(7)));
    let as_of = now.min(to - 1);
    let levels = csp_levels(db, csp_id).await?;
    let (csp_en, csp_cy) = db::tension_picture::csp_names(db, csp_id).await?;
    let csp = Names::new(csp_en, csp_cy);
    let rows = db::tension_picture::standing(db, csp_id, as_of + 1).await?;
    let mut raised = Vec::new();
    let mut overdue_reviews = Vec::new();
    for r in &rows {
        let (Some(level), Some(review_on)) = (r.level, r.review_on) else { continue };
        let level = level_of(&levels, level.clamp(0, 4) as u8);
        let name = Names::new(r.name_en.clone(), r.name_cy.clone());
        if level.level >= LISTED_FROM {
            raised.push(Raised {
                slug: r.public_slug.clone(),
                name: name.clone(),
                level: level.clone(),
                narrative: excerpt(r.narrative.as_deref().unwrap_or(""), EXCERPT),
                owner: r.owner.clone().unwrap_or_default(),
            });
        }
        if review_overdue(review_on, as_of) {
            overdue_reviews.push(OverdueReview { slug: r.public_slug.clone(), name, level, review_on });
        }
    }
    raised.sort_by(|a, b| b.level.level.cmp(&a.level.level).then(a.name.en.cmp(&b.name.en)));
    let names: Vec<(i64, Names)> = wards
        .locations()
        .filter(|l| l.csp_id == csp_id)
        .map(|l| (l.neighbourhood_id, l.neighbourhood_name.clone()))
        .collect();
    let signals = db::tension_picture::signals_raised(db, csp_id, from, to)
        .await?
        .iter()
        .map(|s| {
            let centre = s.neighbourhood_id.map(|c| {
                names
                    .iter()
                    .find(|(id, _)| *id == c)
                    .map(|(_, n)| n.get(lang).to_string())
                    .unwrap_or_default()
            });
            signal_text(lang, s, csp.get(lang), centre.as_deref())
        })
        .collect();
    let events = match rights.events {
        true => Some(upcoming(db, csp_id, weeks::stored(monday), EVENT_DAYS, rights.ctlp).await?),
        false => None,
    };
    let overdue_actions =
        db::tension_picture::overdue_actions(db, csp_id, crate::problems::overdue_due_by(as_of))
            .await?
            .into_iter()
            .map(|a| OverdueAction {
                slug: a.public_slug,
                name: Names::new(a.name_en, a.name_cy),
                title: a.title,
                owner: a.owner,
                due_on: a.due_on,
            })
            .collect();
    Ok(Summary {
        csp,
        week: monday.format("%Y-%m-%d").to_string(),
        raised,
        signals,
        events,
        overdue_reviews,
        overdue_actions,
    })
}

/// The reader's rights over a partnership's events.
pub fn event_rights(user: &StaffUser, csp_id: i64) -> EventRights {
    EventRights {
        events: user.can(Permission::ViewTensionEvents, csp_id),
        ctlp: user.can(Permission::ViewCounterTerrorismProfile, csp_id),
    }
}

/// The headline of the week a tasking meeting held on `held_on` falls in, for someone with
/// `ViewTension` in the partnership (`None` otherwise).
#[allow(clippy::too_many_arguments)]
pub async fn headline_for_tasking(
    db: &db::Db,
    wards: &WardIndex,
    user: &StaffUser,
    csp_id: i64,
    csp_slug: &str,
    held_on: Timestamp,
    now: Timestamp,
    lang: Lang,
) -> Result<Option<Headline>, db::DbError> {
    if !user.can(Permission::ViewTension, csp_id) {
        return Ok(None);
    }
    let monday = weeks::week_of(held_on + 12 * 3600);
    let summary = summarise(db, wards, csp_id, monday, now, event_rights(user, csp_id), lang).await?;
    Ok(Some(summary.headline(csp_slug, lang)))
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SummaryView {
    pub csps: Vec<(String, Names)>,
    pub selected: String,
    pub summary: Summary,
    /// The week as typed when it was not a date.
    pub refused: Option<String>,
}

pub async fn summary_view(csp: Option<String>, week: Option<String>) -> Result<SummaryView, ServerFnError> {
    let user = require_user()?;
    let state = crate::state::AppState::current()?;
    let lang = use_lang();
    let allowed = user.csps_where(Permission::ViewTension);
    let Some(CspAccess { id: csp_id, slug, .. }) = StaffUser::pick_csp(&allowed, csp) else {
        return Err(reject(AppError::Forbidden));
    };
    let now = db::now();
    let (monday, refused) = match week_asked(week.as_deref(), now) {
        Some(m) => (m, None),
        None => (weeks::week_of(now), week),
    };
    let summary = summarise(&state.db, &state.wards, csp_id, monday, now, event_rights(&user, csp_id), lang)
        .await
        .map_err(internal)?;
    let entry = NewAuditEntry {
        actor_user_id: Some(user.id),
        actor_label: user.email.clone(),
        action: Some(AuditAction::TensionViewed),
        record_type: Some("tension_summary".into()),
        record_id: Some(slug.clone()),
        csp_id: Some(csp_id),
        ip: crate::staff::session::client_ip(),
        detail: Some(format!(
            "week {}: {} neighbourhoods at level {LISTED_FROM} or above, {} signals, {} events",
            summary.week,
            summary.raised.len(),
            summary.signals.len(),
            summary.events.as_ref().map(Vec::len).unwrap_or(0)
        )),
    };
    db::audit::record(&state.db, entry).await.map_err(internal)?;
    Ok(SummaryView {
        csps: allowed.into_iter().map(CspAccess::choice).collect(),
        selected: slug,
        summary,
        refused,
    })
}

#[component]
pub fn TensionSummaryPage() -> impl IntoView {
    let lang = use_lang();
    let q = use_query_map().read_untracked();
    let load = summary_view(q.get("csp"), q.get("week"));
    view! {
        <Page lang error_title=t!(lang, "tension-summary-short") load render=move |view| summary_page(lang, view) />
    }
}

fn days(lang: Lang, from: Timestamp, to: Timestamp) -> String {
    if from == to {
        date(lang, from)
    } else {
        t!(lang, "tension-event-days", from = date(lang, from), to = date(lang, to))
    }
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        s.to_string()
    }
}

fn summary_page(lang: Lang, v: SummaryView) -> AnyView {
    let SummaryView { csps, selected, summary, refused } = v;
    let Summary { csp, week, raised, signals, events, overdue_reviews, overdue_actions } = summary;
    let title = t!(
        lang,
        "tension-summary-title",
        csp = csp.get(lang).to_string(),
        week = crate::time::date_from_iso(lang, &week)
    );
    let monday = NaiveDate::parse_from_str(&week, "%Y-%m-%d").unwrap_or_default();
    let link = |d: NaiveDate| {
        format!(
            "{}?csp={}&week={}",
            lang.path("/staff/tension/summary"),
            crate::shell::encode_component(&selected),
            d.format("%Y-%m-%d")
        )
    };
    let (previous, next) = (link(monday - Duration::days(7)), link(monday + Duration::days(7)));
    let typed = refused.clone().unwrap_or_else(|| week.clone());
    view! {
        <Title text=title.clone() />
        <div class="no-print">
            <p class="meta"><a href=lang.path(&format!("/staff/tension?csp={selected}"))>{t!(lang, "tension-title")}</a></p>
            <CspPicker lang csps selected=selected.clone() />
        </div>
        <article class="tension-summary">
        <h1>{title}</h1>
        {refused.map(|r| view! {
            <div class="error-summary" role="alert" aria-labelledby="errors-heading" tabindex="-1" id="errors">
                <h2 id="errors-heading">{t!(lang, "report-error-summary")}</h2>
                <p><a href="#summary-week">{t!(lang, "tension-summary-week-error", typed = r)}</a></p>
            </div>
        })}
        <form method="get" class="form inline-fields no-print">
            <input type="hidden" name="csp" value=selected.clone() />
            <div class="field">
                <label for="summary-week">{t!(lang, "tension-summary-week")}</label>
                <input id="summary-week" name="week" type="date" value=typed />
            </div>
            <button type="submit" class="button">{t!(lang, "tension-summary-open")}</button>
        </form>
        <ul class="inline-links no-print">
            <li><a href=previous>{t!(lang, "tension-summary-previous")}</a></li>
            <li><a href=next>{t!(lang, "tension-summary-next")}</a></li>
        </ul>
        <section aria-labelledby="summary-raised">
            <h2 id="summary-raised">{t!(lang, "tension-summary-raised")}</h2>
            {if raised.is_empty() {
                view! { <p>{t!(lang, "tension-summary-raised-none")}</p> }.into_any()
            } else {
                view! {
                    <table class="stack">
                        <caption class="visually-hidden">{t!(lang, "tension-summary-raised")}</caption>
                        <thead><tr>
                            <th scope="col">{t!(lang, "tension-neighbourhood")}</th>
                            <th scope="col">{t!(lang, "tension-level")}</th>
                            <th scope="col">{t!(lang, "tension-narrative")}</th>
                            <th scope="col">{t!(lang, "tension-owner")}</th>
                        </tr></thead>
                        <tbody>
                            {raised.into_iter().map(|r| view! {
                                <tr>
                                    <th scope="row"><a href=lang.path(&format!("/staff/tension/{}", r.slug))>{r.name.get(lang).to_string()}</a></th>
                                    <td data-label=t!(lang, "tension-level")><span class=format!("tag tension-level tension-level-{}", r.level.level)>{r.level.label(lang)}</span></td>
                                    <td data-label=t!(lang, "tension-narrative")>{or_dash(&r.narrative)}</td>
                                    <td data-label=t!(lang, "tension-owner")>{or_dash(&r.owner)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="summary-signals">
            <h2 id="summary-signals">{t!(lang, "tension-summary-signals")}</h2>
            {if signals.is_empty() {
                view! { <p>{t!(lang, "tension-summary-signals-none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="tension-signals">
                        {signals.into_iter().map(|s| view! { <li>{s.words} " " <span class="meta">{s.willingness}</span></li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        {events.map(|events| view! {
            <section aria-labelledby="summary-events">
                <h2 id="summary-events">{t!(lang, "tension-summary-events")}</h2>
                {if events.is_empty() {
                    view! { <p>{t!(lang, "tension-events-none")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="tension-events">
                            {events.into_iter().map(|e| match e {
                                Shown::Full(e) => view! {
                                    <li>
                                        <strong>{days(lang, e.details.starts_on, e.details.ends_on)}</strong> ": "
                                        <a href=lang.path(&format!("/staff/tension/events/{}", e.id))>{e.details.title.clone()}</a>
                                        " (" {crate::tension::events::kind_name(lang, e.details.kind)} ", "
                                        {t!(lang, "tension-event-risk-level")} ": " {crate::tension::events::risk_name(lang, e.details.risk_level)} ")"
                                        {e.details.ctlp.then(|| view! { " " <strong class="flag">{t!(lang, "tension-event-ctlp-flag")}</strong> })}
                                    </li>
                                }.into_any(),
                                Shown::Restricted { starts_on, ends_on, csp, .. } => view! {
                                    <li>
                                        <strong>{days(lang, starts_on, ends_on)}</strong> ": "
                                        {t!(lang, "tension-event-restricted")} " (" {csp.get(lang).to_string()} ")"
                                    </li>
                                }.into_any(),
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        })}
        <section aria-labelledby="summary-reviews">
            <h2 id="summary-reviews">{t!(lang, "tension-summary-overdue-reviews")}</h2>
            {if overdue_reviews.is_empty() {
                view! { <p>{t!(lang, "tension-summary-none-overdue")}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {overdue_reviews.into_iter().map(|r| view! {
                            <li>
                                <a href=lang.path(&format!("/staff/tension/{}", r.slug))>{r.name.get(lang).to_string()}</a>
                                " (" {r.level.label(lang)} "): "
                                {t!(lang, "tension-summary-review-was-due", date = date(lang, r.review_on))}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="summary-actions">
            <h2 id="summary-actions">{t!(lang, "tension-summary-overdue-actions")}</h2>
            {if overdue_actions.is_empty() {
                view! { <p>{t!(lang, "tension-summary-none-overdue")}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {overdue_actions.into_iter().map(|a| view! {
                            <li>
                                {a.title.clone()} " – "
                                <a href=lang.path(&format!("/staff/tension/{}", a.slug))>{a.name.get(lang).to_string()}</a>
                                ": " {t!(lang, "tension-summary-action-was-due", date = date(lang, a.due_on), owner = or_dash(&a.owner))}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <p class="print-only meta">{t!(lang, "tension-summary-printed")}</p>
        </article>
    }
    .into_any()
}

/// The "Community tension" section of a tasking meeting's agenda: the week's headline figures
/// and a link to the summary.
#[component]
pub fn AgendaTension(lang: Lang, headline: Headline) -> impl IntoView {
    let Headline { csp_slug, week, raised, highest, signals, events, overdue_reviews, overdue_actions } =
        headline;
    let link = format!(
        "{}?csp={}&week={week}",
        lang.path("/staff/tension/summary"),
        crate::shell::encode_component(&csp_slug)
    );
    view! {
        <section aria-labelledby="agenda-tension" class="agenda-tension">
            <h2 id="agenda-tension">{t!(lang, "tension-agenda-heading")}</h2>
            <ul>
                <li>
                    {t!(lang, "tension-agenda-raised", count = raised)}
                    {highest.map(|h| view! { " " {t!(lang, "tension-agenda-highest", level = h)} })}
                </li>
                <li>{t!(lang, "tension-agenda-signals", count = signals)}</li>
                {events.map(|n| view! { <li>{t!(lang, "tension-agenda-events", count = n)}</li> })}
                <li>{t!(lang, "tension-agenda-overdue", reviews = overdue_reviews, actions = overdue_actions)}</li>
            </ul>
            <p><a href=link>{t!(lang, "tension-agenda-link", week = crate::time::date_from_iso(lang, &week))}</a></p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_is_cut_at_a_word() {
        assert_eq!(excerpt("  Short.  ", 280), "Short.");
        let long = "Leaflets were left on cars near the mosque, and rumours spread online about a march";
        let e = excerpt(long, 40);
        assert!(e.ends_with('…') && e.chars().count() <= 41, "{e}");
        assert!(long.starts_with(e.trim_end_matches('…')), "{e}");
        assert_eq!(excerpt(&"x".repeat(50), 10), format!("{}…", "x".repeat(10)));
    }

    #[test]
    fn the_week_asked_is_its_monday() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let now = 1_796_601_600 + 3 * 86_400; // Thursday 2026-12-10
        assert_eq!(week_asked(None, now), Some(day("2026-12-07")));
        assert_eq!(week_asked(Some(""), now), Some(day("2026-12-07")));
        assert_eq!(week_asked(Some("2026-11-30"), now), Some(day("2026-11-30")));
        assert_eq!(week_asked(Some("2026-12-03"), now), Some(day("2026-11-30")));
        assert_eq!(week_asked(Some("next week"), now), None);
    }
}
