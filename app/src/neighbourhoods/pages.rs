//! `/neighbourhoods/{slug}` and `/cy/neighbourhoods/{slug}`: a neighbourhood's public page. It
//! shows counts and what the partnership published, never a report's words or place.

use super::{last_months, outline_svg, report_counts, CountRow, Month, ReportCounts, MONTHS};
use crate::{
    db,
    engagement::{
        priorities::{Period, Verdict},
        progress::{priority_stage, priority_timeline, PublicStage, ReviewProgress, TimelineEntry},
        progress_view::Progress,
        reach_page::shown_words,
        respond::{availability, Availability},
        CampaignStatus,
    },
    error::internal,
    i18n::Lang,
    reference::Names,
    reporting::Family,
    shell::{page::Page, use_lang, NotFoundMessage},
    suppression::Shown,
    t,
    time::Timestamp,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

/// A priority as the public sees it: its title, the community's latest verdict, its stage and
/// its short timeline (titles, dates and stages only: issue 14, progress).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicPriority {
    pub title: Names,
    pub verdict: Option<Verdict>,
    pub reviewed_on: Option<Timestamp>,
    pub stage: PublicStage,
    pub timeline: Vec<TimelineEntry>,
}

/// A campaign taking answers now, with its survey's address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenCampaign {
    pub slug: String,
    pub title: Names,
    pub closes: Timestamp,
}

/// Everything the page shows: no report's words, place or reporter, only suppressed counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeighbourhoodView {
    pub name: Names,
    /// Its slug within its partnership (subscriptions and feeds name it by this).
    pub slug: String,
    pub csp_slug: String,
    pub csp_name: Names,
    pub wards: Vec<Names>,
    /// The outline as SVG, titled in the page's language (empty when no outline is loaded).
    pub map_svg: String,
    /// The partnership's own contact words in the page's language, if it set them.
    pub contact: Option<String>,
    pub period: Period,
    pub priorities: Vec<PublicPriority>,
    pub campaigns: Vec<OpenCampaign>,
    pub months: Vec<Month>,
    pub counts: ReportCounts,
    /// "You said, we did" publications (issue 14): its own and the partnership-wide ones.
    pub publications: Vec<crate::publications::pages::PublishedEntry>,
}

/// The page's data; `None` for an unknown address.
pub async fn neighbourhood_page(
    slug: String,
    lang: Lang,
) -> Result<Option<NeighbourhoodView>, ServerFnError> {
    let state = crate::state::AppState::current()?;
    let db = &state.db;
    let Some(n) = db::neighbourhoods::by_public_slug(db, &slug).await.map_err(internal)? else {
        return Ok(None);
    };
    let name = Names::new(n.name_en, n.name_cy);
    let wards = db::neighbourhoods::ward_names(db, n.id).await.map_err(internal)?;
    let outlines = state.wards.neighbourhood_outlines(&[n.id], lang);
    let map_svg = outline_svg(
        &outlines,
        &t!(lang, "nbhd-map-title", name = name.get(lang).to_string()),
        &t!(lang, "nbhd-map-description"),
    );
    let contact = db::neighbourhoods::public_contact(db, n.csp_id).await.map_err(internal)?;
    let contact = match lang {
        Lang::En => contact.public_contact_en,
        Lang::Cy => contact.public_contact_cy,
    }
    .filter(|c| !c.trim().is_empty());

    let now = db::now();
    let period = Period::of(now);
    let priorities = db::priorities::priorities(db, n.csp_id, n.id, period)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|p| {
            let latest = p.reviews.first();
            let statuses: Vec<_> = p.action_progress.iter().map(|a| a.status).collect();
            let reviews: Vec<ReviewProgress> = p
                .reviews
                .iter()
                .map(|r| ReviewProgress { verdict: r.verdict, reviewed_on: r.reviewed_on })
                .collect();
            PublicPriority {
                verdict: latest.map(|r| r.verdict),
                reviewed_on: latest.map(|r| r.reviewed_on),
                stage: priority_stage(&statuses, latest.map(|r| r.verdict)),
                timeline: priority_timeline(p.created_at, &p.action_progress, &reviews),
                title: p.title,
            }
        })
        .collect();
    let campaigns = db::neighbourhoods::campaigns_in_area(db, n.csp_id, n.id)
        .await
        .map_err(internal)?
        .into_iter()
        .filter_map(|c| {
            let closed = matches!(c.status, CampaignStatus::Closed | CampaignStatus::Reported);
            match availability(now, closed, c.starts_on, c.ends_on, c.opens_at, c.closes_at) {
                Availability::Open { closes } => {
                    Some(OpenCampaign { slug: c.slug, title: Names::new(c.title_en, c.title_cy), closes })
                }
                _ => None,
            }
        })
        .collect();

    let (months, end) = last_months(now);
    let starts: Vec<Timestamp> = months.iter().map(|m| m.starts).collect();
    let categories = db::neighbourhoods::category_families(db, n.csp_id).await.map_err(internal)?;
    let counts = db::neighbourhoods::monthly_counts(db, n.id, &starts, end).await.map_err(internal)?;
    let threshold = db::engagement::suppression_threshold(db, n.csp_id).await.map_err(internal)?;
    let counts = report_counts(&categories, &counts, MONTHS, threshold);
    let publications =
        crate::publications::pages::published_entries(db, n.csp_id, Some(n.id)).await.map_err(internal)?;
    Ok(Some(NeighbourhoodView {
        name,
        slug: n.slug,
        csp_slug: n.csp_slug,
        csp_name: Names::new(n.csp_en, n.csp_cy),
        wards,
        map_svg,
        contact,
        period,
        priorities,
        campaigns,
        months,
        counts,
        publications,
    }))
}

#[component]
pub fn NeighbourhoodPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let load = neighbourhood_page(params.read_untracked().get("slug").unwrap_or_default(), lang);
    view! {
        <Page lang load render=move |found| match found {
            None => view! { <NotFoundMessage lang /> }.into_any(),
            Some(view) => view! { <NeighbourhoodDetail lang view /> }.into_any(),
        } />
    }
}

#[component]
fn NeighbourhoodDetail(lang: Lang, view: NeighbourhoodView) -> impl IntoView {
    let NeighbourhoodView {
        name,
        slug,
        csp_slug,
        csp_name,
        wards,
        map_svg,
        contact,
        period,
        priorities,
        campaigns,
        months,
        counts,
        publications,
    } = view;
    let title = name.get(lang).to_string();
    let csp = csp_name.get(lang).to_string();
    let partnership = lang.path(&format!("/partnerships/{csp_slug}"));
    let ward_list = wards.iter().map(|w| w.get(lang).to_string()).collect::<Vec<_>>().join(", ");
    let single_ward = wards.len() == 1 && wards[0].get(lang) == title;
    view! {
        <Title text=title.clone() />
        <p class="breadcrumb"><a href=partnership.clone()>{csp.clone()}</a></p>
        <h1>{title.clone()}</h1>
        <p class="lead">{t!(lang, "nbhd-lead", csp = csp.clone())}</p>
        {(!single_ward).then(|| view! {
            <p>{t!(lang, "nbhd-wards")} " " {ward_list}</p>
        })}
        {(!map_svg.is_empty()).then(|| view! {
            <figure class="chart-figure outline-figure">
                <figcaption>{t!(lang, "nbhd-map-caption", name = title.clone())}</figcaption>
                <div inner_html=map_svg></div>
            </figure>
        })}
        <section aria-labelledby="contact-heading">
            <h2 id="contact-heading">{t!(lang, "nbhd-contact-heading")}</h2>
            {match contact {
                Some(words) => words
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| view! { <p>{l.to_string()}</p> })
                    .collect_view()
                    .into_any(),
                None => view! { <p>{t!(lang, "nbhd-contact-default", csp = csp.clone())}</p> }.into_any(),
            }}
            <p><a href=partnership>{t!(lang, "nbhd-contact-partnership", csp = csp.clone())}</a></p>
            <p>{t!(lang, "nbhd-emergency")}</p>
        </section>
        <section aria-labelledby="follow-heading">
            <h2 id="follow-heading">{t!(lang, "nbhd-follow-heading")}</h2>
            <p>
                <a href=lang.path(&format!("/partnerships/{csp_slug}/subscribe?area={slug}"))>
                    {t!(lang, "nbhd-follow-email", name = title.clone())}
                </a>
            </p>
            <p>
                <a href=lang.path(&format!("/feeds/neighbourhoods/{csp_slug}/{slug}.atom")) type="application/atom+xml">
                    {t!(lang, "nbhd-follow-feed", name = title.clone())}
                </a>
            </p>
        </section>
        <Priorities lang period priorities />
        <crate::publications::pages::PublishedList lang entries=publications />
        <Campaigns lang campaigns />
        <Counts lang months counts />
    }
}

#[component]
fn Priorities(lang: Lang, period: Period, priorities: Vec<PublicPriority>) -> impl IntoView {
    let period_words = t!(lang, "priority-quarter", quarter = period.quarter, year = period.year);
    view! {
        <section aria-labelledby="priorities-heading">
            <h2 id="priorities-heading">{t!(lang, "nbhd-priorities-heading")}</h2>
            <p>{t!(lang, "nbhd-priorities-intro", period = period_words)}</p>
            {if priorities.is_empty() {
                view! { <p>{t!(lang, "nbhd-priorities-none")}</p> }.into_any()
            } else {
                view! {
                    <ol class="priorities">
                        {priorities.into_iter().map(|p| {
                            let status = match p.verdict {
                                None => t!(lang, "nbhd-priority-not-reviewed"),
                                Some(Verdict::Resolved) => t!(lang, "priority-verdict-resolved"),
                                Some(Verdict::Improving) => t!(lang, "priority-verdict-improving"),
                                Some(Verdict::NotResolved) => t!(lang, "priority-verdict-not-resolved"),
                            };
                            view! {
                                <li>
                                    <strong>{p.title.get(lang).to_string()}</strong>
                                    <span class="meta">
                                        " " {t!(lang, "nbhd-priority-status")} " " {status}
                                        {p.reviewed_on.map(|at| format!(" ({})", t!(lang, "nbhd-priority-reviewed", date = crate::time::date(lang, at))))}
                                    </span>
                                    <Progress lang stage=p.stage timeline=p.timeline />
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Campaigns(lang: Lang, campaigns: Vec<OpenCampaign>) -> impl IntoView {
    view! {
        <section aria-labelledby="campaigns-heading">
            <h2 id="campaigns-heading">{t!(lang, "nbhd-campaigns-heading")}</h2>
            {if campaigns.is_empty() {
                view! { <p>{t!(lang, "nbhd-campaigns-none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="campaigns">
                        {campaigns.into_iter().map(|c| view! {
                            <li>
                                <a href=lang.path(&format!("/have-your-say/{}", c.slug))>{c.title.get(lang).to_string()}</a>
                                <span class="meta">" " {t!(lang, "nbhd-campaign-closes", date = crate::time::date(lang, c.closes - 1))}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// A row's name: a family of concern, or other concerns with the sensitive ones.
fn row_name(lang: Lang, row: CountRow) -> String {
    match row {
        CountRow::OtherAndSensitive => t!(lang, "nbhd-row-other"),
        CountRow::Family(family) => match family {
            Family::Asb => t!(lang, "nbhd-row-asb"),
            Family::Drugs => t!(lang, "nbhd-row-drugs"),
            Family::Hate => t!(lang, "nbhd-row-hate"),
            Family::Abuse => t!(lang, "nbhd-row-abuse"),
            Family::Environmental => t!(lang, "nbhd-row-environmental"),
            Family::Vehicle => t!(lang, "nbhd-row-vehicle"),
            Family::Tension => t!(lang, "nbhd-row-tension"),
            Family::Other => t!(lang, "nbhd-row-other"),
        },
    }
}

fn month_name(lang: Lang, m: &Month) -> String {
    crate::time::month_year(lang, m.year, m.month)
}

fn cell(lang: Lang, shown: Shown) -> impl IntoView {
    let hidden = shown.is_hidden();
    view! { <td class=if hidden { "number hidden" } else { "number" }>{shown_words(lang, shown)}</td> }
}

/// The reports of the last twelve months as a table (the page draws no chart: the table is
/// the way to read them, with its caption and headers).
#[component]
fn Counts(lang: Lang, months: Vec<Month>, counts: ReportCounts) -> impl IntoView {
    let ReportCounts { rows, table } = counts;
    let threshold = match table.total {
        Shown::Hidden { threshold } => threshold,
        Shown::Count(_) => table
            .cells
            .iter()
            .flatten()
            .chain(&table.row_totals)
            .chain(&table.column_totals)
            .find_map(|s| match s {
                Shown::Hidden { threshold } => Some(*threshold),
                Shown::Count(_) => None,
            })
            .unwrap_or(crate::suppression::DEFAULT_THRESHOLD),
    };
    let first = months.first().map(|m| month_name(lang, m)).unwrap_or_default();
    let last = months.last().map(|m| month_name(lang, m)).unwrap_or_default();
    view! {
        <section aria-labelledby="counts-heading">
            <h2 id="counts-heading">{t!(lang, "nbhd-counts-heading")}</h2>
            <p>{t!(lang, "nbhd-counts-intro")}</p>
            <ul>
                <li>{t!(lang, "nbhd-counts-small", threshold = threshold)}</li>
                <li>{t!(lang, "nbhd-counts-sensitive")}</li>
            </ul>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="counts-caption">
                <table class="counts">
                    <caption id="counts-caption">{t!(lang, "nbhd-counts-caption", from = first, to = last)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(lang, "nbhd-counts-concern")}</th>
                            {months.iter().map(|m| view! { <th scope="col">{month_name(lang, m)}</th> }).collect_view()}
                            <th scope="col">{t!(lang, "nbhd-counts-total")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.iter().zip(table.cells).zip(table.row_totals).map(|((row, cells), total)| view! {
                            <tr>
                                <th scope="row">{row_name(lang, *row)}</th>
                                {cells.into_iter().map(|s| cell(lang, s)).collect_view()}
                                {cell(lang, total)}
                            </tr>
                        }).collect_view()}
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">{t!(lang, "nbhd-counts-all")}</th>
                            {table.column_totals.into_iter().map(|s| cell(lang, s)).collect_view()}
                            {cell(lang, table.total)}
                        </tr>
                    </tfoot>
                </table>
            </div>
        </section>
    }
}
