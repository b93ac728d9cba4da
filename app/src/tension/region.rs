//! The cohesion coordinator's cross-border view (issue 15, part 6), `/staff/tension/region`:
//! every partnership of the coordinator's region with each neighbourhood's current level, its
//! last signal in words and its latest assessment's narrative and sanitised indicator notes; and
//! "across the border": each pair of bordering neighbourhoods in different partnerships side by
//! side with both levels (a side outside the region shows its level only).
//!
//! It reads through `db::tension_region`, which never touches a report, a reporter or an
//! intelligence item, so nothing of them can reach the page. Each partnership shown is audited.
//! Plain server-rendered HTML: no JavaScript needed.

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db,
    db::tension::csp_levels,
    error::{internal, reject, AppError},
    i18n::Lang,
    problems::pages::family_name,
    reference::Names,
    shell::{page::Page, use_lang},
    staff::{pages::require_user, Role, StaffUser},
    t,
    tension::{
        assessments::{kind_name, review_overdue, tag_name, IndicatorKind, TensionTag},
        levels::{level_of, Level},
        series::Counted,
        signals::{signal_words, Method, WeekTest},
    },
    time::{date, Timestamp},
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// A stored signal with what its words need: what it counted, where (`place`: the centre
/// neighbourhood of a cluster, none for the whole partnership) and its figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignalFacts {
    pub week_start: Timestamp,
    pub series: String,
    pub counted: String,
    pub place: Option<Names>,
    pub four_weeks: bool,
    pub method: String,
    pub observed: i64,
    pub usual: f64,
    pub p_value: f64,
}

impl SignalFacts {
    pub fn of(s: &db::tension_signals::SignalRecord, place: Option<Names>) -> SignalFacts {
        SignalFacts {
            week_start: s.week_start,
            series: s.series.clone(),
            counted: s.counted.clone(),
            place,
            four_weeks: s.four_weeks != 0,
            method: s.method.clone(),
            observed: s.observed,
            usual: s.usual,
            p_value: s.p_value,
        }
    }
}

/// The signal in words, in `lang`: "7 hate incident reports in and around X this week against
/// about 1.2 in a usual week; ...", with the short-history note where it applies and the closing
/// sentence every signal carries (reports also measure willingness to report).
pub fn signal_sentence(lang: Lang, s: &SignalFacts) -> String {
    let method = match s.method.as_str() {
        "farrington" => Method::Farrington { b: 0, trend: false },
        _ => Method::EarsC2 { baseline: 0 },
    };
    let test = WeekTest {
        method,
        observed: s.observed.clamp(0, i64::from(u32::MAX)) as u32,
        usual: s.usual,
        upper_bound: 0.0,
        p_value: s.p_value,
        p_plugin: None,
        phi: None,
        enough_cases: true,
    };
    let w = signal_words(&test, s.four_weeks);
    let family = match Counted::parse(&s.counted) {
        Some(Counted::TensionIntelligence) => t!(lang, "tension-counted-intelligence"),
        Some(Counted::Reports(f)) => {
            t!(lang, "tension-counted-reports", family = family_name(lang, f.as_str()))
        }
        None => s.counted.clone(),
    };
    let place = match &s.place {
        Some(n) => t!(lang, "tension-place-cluster", neighbourhood = n.get(lang).to_string()),
        None => t!(lang, "tension-place-partnership"),
    };
    let (observed, usual, one_in) = (w.observed, w.usual.clone(), w.one_in.unwrap_or_default());
    let main = match w.key {
        "tension-signal-week" => {
            t!(
                lang,
                "tension-signal-week",
                observed = observed,
                family = family,
                place = place,
                usual = usual,
                one_in = one_in
            )
        }
        "tension-signal-rolling" => {
            t!(
                lang,
                "tension-signal-rolling",
                observed = observed,
                family = family,
                place = place,
                usual = usual,
                one_in = one_in
            )
        }
        "tension-signal-week-no-chance" => {
            t!(
                lang,
                "tension-signal-week-no-chance",
                observed = observed,
                family = family,
                place = place,
                usual = usual
            )
        }
        _ => t!(
            lang,
            "tension-signal-rolling-no-chance",
            observed = observed,
            family = family,
            place = place,
            usual = usual
        ),
    };
    let mut out = main;
    if w.short_history_key.is_some() {
        out.push(' ');
        out.push_str(&t!(lang, "tension-signal-short-history"));
    }
    out.push(' ');
    out.push_str(&t!(lang, "tension-signal-willingness"));
    out
}

/// The newest of `signals` (newest first, as `signals_of` gives them) that touches
/// neighbourhood `id`: a cluster signal centred on it, or one of its whole partnership.
pub fn last_signal_of(
    signals: &[db::tension_signals::SignalRecord],
    id: i64,
) -> Option<&db::tension_signals::SignalRecord> {
    signals.iter().find(|s| s.neighbourhood_id.is_none() || s.neighbourhood_id == Some(id))
}

/// An indicator as the region sees it: what, how well founded, and its sanitised note.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IndicatorLine {
    pub kind: IndicatorKind,
    pub tag: TensionTag,
    pub note: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RegionNeighbourhood {
    pub slug: String,
    pub name: Names,
    pub level: Option<Level>,
    pub recorded_at: Option<Timestamp>,
    pub review_on: Option<Timestamp>,
    pub review_overdue: bool,
    pub narrative: String,
    pub indicators: Vec<IndicatorLine>,
    pub last_signal: Option<SignalFacts>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RegionCsp {
    pub slug: String,
    pub name: Names,
    pub neighbourhoods: Vec<RegionNeighbourhood>,
}

/// One side of a border pair.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BorderSide {
    pub slug: String,
    pub name: Names,
    pub csp: Names,
    pub level: Option<Level>,
    pub in_region: bool,
}

/// Two bordering neighbourhoods in different partnerships: `inside` is in the region.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BorderPair {
    pub inside: BorderSide,
    pub across: BorderSide,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RegionSection {
    pub slug: String,
    pub name: Names,
    pub csps: Vec<RegionCsp>,
    pub borders: Vec<BorderPair>,
}

/// A region a person coordinates, with its partnerships (id, slug, names) in the order the
/// grants name them.
pub struct Coordinated {
    pub slug: String,
    pub name: Names,
    pub csps: Vec<(i64, String, Names)>,
}

/// The regions `user` holds the cohesion coordinator's role for.
pub fn coordinated(user: &StaffUser) -> Vec<Coordinated> {
    let mut out: Vec<Coordinated> = Vec::new();
    for g in user.grants.iter().filter(|g| g.role == Role::CohesionCoordinator) {
        let Some(region) = &g.region else { continue };
        let i = match out.iter().position(|r| r.slug == region.slug) {
            Some(i) => i,
            None => {
                out.push(Coordinated {
                    slug: region.slug.clone(),
                    name: region.name.clone(),
                    csps: Vec::new(),
                });
                out.len() - 1
            }
        };
        if !out[i].csps.iter().any(|(id, _, _)| *id == g.csp_id) {
            out[i].csps.push((g.csp_id, g.csp_slug.clone(), g.csp_name.clone()));
        }
    }
    out
}

/// The pairs of bordering neighbourhoods in different partnerships with at least one side in
/// `inside` (neighbourhood id to partnership id): (inside, across), each pair once.
pub fn border_pairs(
    inside: &HashMap<i64, i64>,
    csp_of: &HashMap<i64, i64>,
    bordering: &HashMap<i64, Vec<i64>>,
) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    for (&n, &csp) in inside {
        for &b in bordering.get(&n).map(Vec::as_slice).unwrap_or_default() {
            let Some(&other_csp) = csp_of.get(&b) else { continue };
            if other_csp == csp || (inside.contains_key(&b) && b < n) {
                continue;
            }
            out.push((n, b));
        }
    }
    out.sort_unstable();
    out
}

/// The region's section: its partnerships' neighbourhoods and its border pairs.
pub async fn region_section(
    state: &crate::state::AppState,
    region: &Coordinated,
    now: Timestamp,
) -> Result<RegionSection, db::DbError> {
    let db = &state.db;
    let csp_ids: Vec<i64> = region.csps.iter().map(|(id, _, _)| *id).collect();
    let rows = db::tension_region::latest_in_csps(db, &csp_ids).await?;
    let assessment_ids: Vec<i64> = rows.iter().filter_map(|r| r.assessment_id).collect();
    let notes = db::tension_region::indicator_notes(db, &assessment_ids).await?;
    let mut levels: HashMap<i64, Vec<Level>> = HashMap::new();
    let mut signals = HashMap::new();
    for &id in &csp_ids {
        levels.insert(id, csp_levels(db, id).await?);
        signals.insert(id, db::tension_signals::signals_of(db, id, 0).await?);
    }
    let names: HashMap<i64, Names> =
        rows.iter().map(|r| (r.neighbourhood_id, Names::new(r.name_en.clone(), r.name_cy.clone()))).collect();
    let level = |levels: &HashMap<i64, Vec<Level>>, csp: i64, l: Option<i64>| {
        l.map(|l| level_of(levels.get(&csp).map(Vec::as_slice).unwrap_or_default(), l.clamp(0, 4) as u8))
    };
    let mut by_csp: BTreeMap<usize, Vec<RegionNeighbourhood>> = BTreeMap::new();
    for r in &rows {
        let Some(position) = region.csps.iter().position(|(id, _, _)| *id == r.csp_id) else { continue };
        let last = signals.get(&r.csp_id).and_then(|s| last_signal_of(s, r.neighbourhood_id));
        by_csp.entry(position).or_default().push(RegionNeighbourhood {
            slug: r.public_slug.clone(),
            name: Names::new(r.name_en.clone(), r.name_cy.clone()),
            level: level(&levels, r.csp_id, r.level),
            recorded_at: r.recorded_at,
            review_on: r.review_on,
            review_overdue: r.review_on.is_some_and(|d| review_overdue(d, now)),
            narrative: r.narrative.clone().unwrap_or_default(),
            indicators: notes
                .iter()
                .filter(|i| Some(i.assessment_id) == r.assessment_id)
                .map(|i| IndicatorLine { kind: i.kind, tag: i.tag, note: i.note.clone() })
                .collect(),
            last_signal: last
                .map(|s| SignalFacts::of(s, s.neighbourhood_id.and_then(|n| names.get(&n).cloned()))),
        });
    }
    let csps = region
        .csps
        .iter()
        .enumerate()
        .map(|(i, (_, slug, name))| RegionCsp {
            slug: slug.clone(),
            name: name.clone(),
            neighbourhoods: by_csp.remove(&i).unwrap_or_default(),
        })
        .collect();
    // Across the border: the far sides' partnerships and levels are read for those neighbourhoods only.
    let inside: HashMap<i64, i64> = rows.iter().map(|r| (r.neighbourhood_id, r.csp_id)).collect();
    let bordering = state.wards.bordering();
    let far: Vec<i64> = {
        let mut far: Vec<i64> = inside
            .keys()
            .flat_map(|n| bordering.get(n).cloned().unwrap_or_default())
            .filter(|b| !inside.contains_key(b))
            .collect();
        far.sort_unstable();
        far.dedup();
        far
    };
    let far_rows = db::tension_region::latest_of(db, &far).await?;
    for r in &far_rows {
        if let std::collections::hash_map::Entry::Vacant(e) = levels.entry(r.csp_id) {
            e.insert(csp_levels(db, r.csp_id).await?);
        }
    }
    let all: HashMap<i64, &db::tension_region::LatestAssessment> =
        rows.iter().chain(far_rows.iter()).map(|r| (r.neighbourhood_id, r)).collect();
    let csp_of: HashMap<i64, i64> = all.iter().map(|(&n, r)| (n, r.csp_id)).collect();
    let side = |n: i64| {
        all.get(&n).map(|r| BorderSide {
            slug: r.public_slug.clone(),
            name: Names::new(r.name_en.clone(), r.name_cy.clone()),
            csp: Names::new(r.csp_en.clone(), r.csp_cy.clone()),
            level: level(&levels, r.csp_id, r.level),
            in_region: inside.contains_key(&n),
        })
    };
    let mut borders: Vec<BorderPair> = border_pairs(&inside, &csp_of, bordering)
        .into_iter()
        .filter_map(|(a, b)| Some(BorderPair { inside: side(a)?, across: side(b)? }))
        .collect();
    borders.sort_by(|x, y| {
        (&x.inside.csp.en, &x.inside.name.en, &x.across.name.en).cmp(&(
            &y.inside.csp.en,
            &y.inside.name.en,
            &y.across.name.en,
        ))
    });
    Ok(RegionSection { slug: region.slug.clone(), name: region.name.clone(), csps, borders })
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RegionView {
    pub regions: Vec<RegionSection>,
}

/// The signed-in coordinator's regions; each partnership shown is written to its audit log.
pub async fn region_view() -> Result<RegionView, ServerFnError> {
    let user = require_user()?;
    let state = crate::state::AppState::current()?;
    let held = coordinated(&user);
    if held.is_empty() {
        return Err(reject(AppError::Forbidden));
    }
    let now = db::now();
    let mut regions = Vec::new();
    for region in &held {
        let section = region_section(&state, region, now).await.map_err(internal)?;
        for (csp_id, _, _) in &region.csps {
            let shown = section
                .csps
                .iter()
                .find(|c| region.csps.iter().any(|(id, slug, _)| id == csp_id && *slug == c.slug))
                .map(|c| c.neighbourhoods.len())
                .unwrap_or(0);
            let entry = NewAuditEntry {
                actor_user_id: Some(user.id),
                actor_label: user.email.clone(),
                action: Some(AuditAction::TensionViewed),
                record_type: Some("tension_region".into()),
                record_id: Some(region.slug.clone()),
                csp_id: Some(*csp_id),
                ip: crate::staff::session::client_ip(),
                detail: Some(format!(
                    "region view: neighbourhoods shown: {shown}, border pairs: {}",
                    section.borders.len()
                )),
            };
            db::audit::record(&state.db, entry).await.map_err(internal)?;
        }
        regions.push(section);
    }
    Ok(RegionView { regions })
}

#[component]
fn LevelCell(lang: Lang, level: Option<Level>) -> impl IntoView {
    match level {
        Some(l) => view! { <span class=format!("tag tension-level tension-level-{}", l.level)>{l.label(lang)}</span> }
            .into_any(),
        None => view! { <span>{t!(lang, "tension-not-assessed")}</span> }.into_any(),
    }
}

#[component]
pub fn TensionRegionPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Page lang title=t!(lang, "tension-region-title") load=region_view() render=move |view| view! { <Region lang view /> }>
            <p>{t!(lang, "tension-region-intro")}</p>
        </Page>
    }
}

#[component]
fn Region(lang: Lang, view: RegionView) -> impl IntoView {
    view! {
        {view.regions.into_iter().map(|r| view! {
            <section class="tension-region">
                <h2>{t!(lang, "tension-region-heading", region = r.name.get(lang).to_string())}</h2>
                {r.csps.into_iter().map(|c| view! { <CspTable lang csp=c /> }).collect_view()}
                <h3 id=format!("border-{}", r.slug)>{t!(lang, "tension-region-border")}</h3>
                <p>{t!(lang, "tension-region-border-intro")}</p>
                <Borders lang borders=r.borders />
            </section>
        }).collect_view()}
    }
}

#[component]
fn CspTable(lang: Lang, csp: RegionCsp) -> impl IntoView {
    let RegionCsp { slug, name, neighbourhoods } = csp;
    view! {
        <h3 id=format!("csp-{slug}")>
            <a href=lang.path(&format!("/staff/tension?csp={slug}"))>{name.get(lang).to_string()}</a>
        </h3>
        <table class="tension-region-table">
            <caption>{t!(lang, "tension-region-csp-caption", csp = name.get(lang).to_string())}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(lang, "tension-neighbourhood")}</th>
                    <th scope="col">{t!(lang, "tension-level")}</th>
                    <th scope="col">{t!(lang, "tension-region-last-signal")}</th>
                    <th scope="col">{t!(lang, "tension-region-assessment")}</th>
                </tr>
            </thead>
            <tbody>
                {neighbourhoods.into_iter().map(|n| view! {
                    <tr>
                        <th scope="row"><a href=lang.path(&format!("/staff/tension/{}", n.slug))>{n.name.get(lang).to_string()}</a></th>
                        <td>
                            <LevelCell lang level=n.level />
                            {n.review_on.map(|d| view! { <br /><span class="meta">{t!(lang, "tension-review-due")} ": " {date(lang, d)}</span> })}
                            {n.review_overdue.then(|| view! { " " <strong class="tag tag-warning">{t!(lang, "tension-overdue")}</strong> })}
                        </td>
                        <td>{match n.last_signal {
                            Some(s) => view! { <p><span class="meta">{date(lang, s.week_start)}</span> " " {signal_sentence(lang, &s)}</p> }.into_any(),
                            None => view! { <span>{t!(lang, "tension-region-no-signal")}</span> }.into_any(),
                        }}</td>
                        <td>
                            {(!n.narrative.is_empty()).then(|| view! { <p>{n.narrative.clone()}</p> })}
                            {(!n.indicators.is_empty()).then(|| view! {
                                <ul>
                                    {n.indicators.iter().map(|i| view! {
                                        <li>
                                            <strong>{kind_name(lang, i.kind)}</strong> " (" {tag_name(lang, i.tag)} "): " {i.note.clone()}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            })}
                            {(n.narrative.is_empty() && n.indicators.is_empty()).then_some("—")}
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn Side(lang: Lang, side: BorderSide) -> impl IntoView {
    let name = side.name.get(lang).to_string();
    let csp = side.csp.get(lang).to_string();
    let where_ = match side.in_region {
        true => format!("({csp})"),
        false => format!("({csp}, {})", t!(lang, "tension-region-outside")),
    };
    view! {
        {if side.in_region {
            view! { <a href=lang.path(&format!("/staff/tension/{}", side.slug))>{name}</a> }.into_any()
        } else {
            view! { <span>{name}</span> }.into_any()
        }}
        " "
        <span class="meta">{where_}</span>
        " "
        <LevelCell lang level=side.level />
    }
}

#[component]
fn Borders(lang: Lang, borders: Vec<BorderPair>) -> impl IntoView {
    if borders.is_empty() {
        return view! { <p>{t!(lang, "tension-region-no-borders")}</p> }.into_any();
    }
    view! {
        <table class="tension-border-table">
            <caption>{t!(lang, "tension-region-border-caption")}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(lang, "tension-region-side")}</th>
                    <th scope="col">{t!(lang, "tension-region-other-side")}</th>
                </tr>
            </thead>
            <tbody>
                {borders.into_iter().map(|p| view! {
                    <tr>
                        <td><Side lang side=p.inside /></td>
                        <td><Side lang side=p.across /></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn border_pairs_cross_partnerships_once() {
        // 1, 2 in partnership 10 (the region); 3 in 20 (the region); 4 in 30 (outside).
        let inside: HashMap<i64, i64> = [(1, 10), (2, 10), (3, 20)].into();
        let csp_of: HashMap<i64, i64> = [(1, 10), (2, 10), (3, 20), (4, 30)].into();
        let bordering: HashMap<i64, Vec<i64>> =
            [(1, vec![2, 3]), (2, vec![1, 4]), (3, vec![1]), (4, vec![2])].into();
        assert_eq!(border_pairs(&inside, &csp_of, &bordering), vec![(1, 3), (2, 4)]);
    }

    #[test]
    fn a_signal_in_words_in_both_languages() {
        let s = SignalFacts {
            week_start: 0,
            series: "reports_hate:cluster:5:weekly".into(),
            counted: "reports_hate".into(),
            place: Some(Names::new("Adamsdown", "Adamsdown")),
            four_weeks: false,
            method: "farrington".into(),
            observed: 7,
            usual: 1.23,
            p_value: 0.0008,
        };
        let en = signal_sentence(Lang::En, &s);
        assert!(en.starts_with("7 hate incident reports in and around Adamsdown this week"), "{en}");
        assert!(en.contains("about 1.2") && en.contains("1 in 1,000") && en.contains("willing"), "{en}");
        let cy = signal_sentence(Lang::Cy, &SignalFacts { place: None, method: "ears_c2".into(), ..s });
        assert!(cy.contains("ar draws y bartneriaeth") && cy.contains("Hanes byr"), "{cy}");
    }
}
