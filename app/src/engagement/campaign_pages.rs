//! The campaigns pages: `/staff/engagement` (a CSP's campaigns, the partnership calendar of
//! neighbourhoods by months with overlaps marked, and the form to plan a campaign) and
//! `/staff/engagement/{id}` (a campaign: its details, any overlap with other campaigns, links to
//! its survey and the other engagement pages, its status and its edit form), with the forms'
//! handlers: one route and form type per action (`/staff/engagement`, `/{id}/edit`,
//! `/{id}/status`). Engagement leads, managers and administrators run campaigns
//! (`RunEngagement`); officers and analysts read them (`ViewEngagementResults`).

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db::{self, engagement::CampaignRow},
    engagement::{
        campaigns::{self, Coverage, DateProblem, Month, Overlap, StatusProblem, CALENDAR_MONTHS},
        CampaignStatus, Channel, ResponsePolicy,
    },
    error::{internal, reject, AppError},
    i18n::Lang,
    reference::Names,
    shell::{
        form::Posted,
        outcome::{Outcome, Pages},
        page::Page,
        problem::{page, Problem},
        use_lang, CspPicker, Hidden,
    },
    staff::{
        guard::Staff,
        kept::{self, KeptForm},
        pages::require_user,
        CspAccess, Permission, StaffUser,
    },
    state::AppState,
    t,
    time::{date, iso_date, Timestamp},
};
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// The page key a refused plan form is kept under (the CSP's list).
fn list_page(csp: &str) -> String {
    format!("engagement/{csp}")
}

/// The page key a campaign's refused forms are kept under.
fn campaign_page(id: i64) -> String {
    format!("engagement/campaign/{id}")
}

// ---------------------------------------------------------------------------------------------
// Words

pub fn status_name(lang: Lang, s: CampaignStatus) -> String {
    match s {
        CampaignStatus::Planned => t!(lang, "campaign-status-planned"),
        CampaignStatus::Open => t!(lang, "campaign-status-open"),
        CampaignStatus::Closed => t!(lang, "campaign-status-closed"),
        CampaignStatus::Reported => t!(lang, "campaign-status-reported"),
    }
}

/// The button that moves a campaign to `s`.
fn status_action(lang: Lang, from: CampaignStatus, s: CampaignStatus) -> String {
    match (from, s) {
        (CampaignStatus::Closed, CampaignStatus::Open) => t!(lang, "campaign-move-reopen"),
        (_, CampaignStatus::Open) => t!(lang, "campaign-move-open"),
        (_, CampaignStatus::Closed) => t!(lang, "campaign-move-close"),
        (_, CampaignStatus::Reported) => t!(lang, "campaign-move-reported"),
        (_, CampaignStatus::Planned) => t!(lang, "campaign-status-planned"),
    }
}

pub fn channel_name(lang: Lang, c: Channel) -> String {
    match c {
        Channel::OnlineSurvey => t!(lang, "campaign-channel-online-survey"),
        Channel::StreetBriefing => t!(lang, "campaign-channel-street-briefing"),
        Channel::HaveASayDay => t!(lang, "campaign-channel-have-a-say-day"),
        Channel::DoorToDoor => t!(lang, "campaign-channel-door-to-door"),
        Channel::PublicMeeting => t!(lang, "campaign-channel-public-meeting"),
        Channel::KinQuestionnaire => t!(lang, "campaign-channel-kin-questionnaire"),
    }
}

pub fn policy_name(lang: Lang, p: ResponsePolicy) -> String {
    match p {
        ResponsePolicy::Open => t!(lang, "campaign-policy-open"),
        ResponsePolicy::OnePerDevice => t!(lang, "campaign-policy-one-per-device"),
        ResponsePolicy::OnePerEmail => t!(lang, "campaign-policy-one-per-email"),
        ResponsePolicy::OnePerLink => t!(lang, "campaign-policy-one-per-link"),
    }
}

/// `December 2026` / `Rhagfyr 2026`.
pub fn month_name(lang: Lang, m: Month) -> String {
    let name = match m.month {
        1 => t!(lang, "month-1"),
        2 => t!(lang, "month-2"),
        3 => t!(lang, "month-3"),
        4 => t!(lang, "month-4"),
        5 => t!(lang, "month-5"),
        6 => t!(lang, "month-6"),
        7 => t!(lang, "month-7"),
        8 => t!(lang, "month-8"),
        9 => t!(lang, "month-9"),
        10 => t!(lang, "month-10"),
        11 => t!(lang, "month-11"),
        _ => t!(lang, "month-12"),
    };
    format!("{name} {}", m.year)
}

/// The form field an outcome is about (the error summary links to it).
fn field_of(o: Outcome) -> Option<&'static str> {
    Some(match o {
        Outcome::CampaignTitle | Outcome::CampaignTooLong => "campaign-title_en",
        Outcome::CampaignNeighbourhoods => "campaign-whole",
        Outcome::CampaignChannels => "campaign-channels",
        Outcome::CampaignDates | Outcome::CampaignOrder | Outcome::CampaignPeriod => "campaign-starts_on",
        Outcome::CampaignResultsDue => "campaign-results_due_on",
        Outcome::CampaignOwner => "campaign-owner",
        Outcome::CampaignPolicy => "campaign-response_policy",
        _ => return None,
    })
}

/// The notice of what an engagement form did, or why it was refused (with a link to the field
/// to put right, or, when someone else saved first, the way to compare).
#[component]
pub fn EngagementOutcome(lang: Lang, #[prop(optional)] field: Option<String>) -> impl IntoView {
    let query = use_query_map();
    let q = query.read_untracked();
    let (done, error, kept) = (q.get("done"), q.get("error"), q.get("kept"));
    let done = done.map(|d| Outcome::done(Pages::Engagement, &d));
    let error = error.map(|e| Outcome::error(Pages::Engagement, &e));
    view! {
        {done.map(|d| view! { <div class="notice notice-success" role="status"><p>{d.message(lang)}</p></div> })}
        {error.map(|e| match kept::stale_and_kept(e, kept.as_deref()) {
            true => view! { <kept::StaleNotice lang /> }.into_any(),
            false => {
                let target = field.clone().or_else(|| field_of(e).map(str::to_string));
                view! {
                    <div class="error-summary" role="alert" tabindex="-1">
                        <h2>{t!(lang, "engagement-problem-heading")}</h2>
                        {match target {
                            Some(id) => view! { <p><a href=format!("#{id}")>{e.message(lang)}</a></p> }.into_any(),
                            None => view! { <p>{e.message(lang)}</p> }.into_any(),
                        }}
                    </div>
                }
                .into_any()
            }
        })}
    }
    .into_any()
}

// ---------------------------------------------------------------------------------------------
// What the pages show

/// One campaign in a list.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CampaignSummary {
    pub id: i64,
    pub slug: String,
    pub title: Names,
    pub status: CampaignStatus,
    pub starts_on: Timestamp,
    pub ends_on: Timestamp,
    pub whole_csp: bool,
    /// The neighbourhoods it names (empty for the whole CSP).
    pub places: Vec<Names>,
    /// Whether it shares a neighbourhood and month with another campaign.
    pub overlaps: bool,
}

/// A row of the partnership calendar: a neighbourhood and, per month, the campaigns there.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CalendarRow {
    pub neighbourhood: Names,
    pub cells: Vec<Vec<(i64, Names)>>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CalendarView {
    pub months: Vec<Month>,
    pub rows: Vec<CalendarRow>,
}

/// What the plan and edit forms offer: the CSP's neighbourhoods and who may own a campaign.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CampaignChoices {
    pub neighbourhoods: Vec<(i64, Names)>,
    pub owners: Vec<(i64, String)>,
}

/// A campaign form's values: as stored, or as typed when refused.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct CampaignValues {
    pub title_en: String,
    pub title_cy: String,
    pub purpose_en: String,
    pub purpose_cy: String,
    pub whole_csp: bool,
    pub neighbourhoods: Vec<i64>,
    pub channels: Vec<String>,
    pub starts_on: String,
    pub ends_on: String,
    pub owner: String,
    pub response_policy: String,
    pub results_due_on: String,
}

impl CampaignValues {
    fn stored(c: &CampaignRow, neighbourhoods: Vec<i64>, channels: &[Channel]) -> CampaignValues {
        CampaignValues {
            title_en: c.title_en.clone(),
            title_cy: c.title_cy.clone(),
            purpose_en: c.purpose_en.clone(),
            purpose_cy: c.purpose_cy.clone(),
            whole_csp: c.whole_csp == 1,
            neighbourhoods,
            channels: channels.iter().map(|c| c.as_str().to_string()).collect(),
            starts_on: iso_date(c.starts_on),
            ends_on: iso_date(c.ends_on),
            owner: c.owner_user_id.to_string(),
            response_policy: c.response_policy.as_str().to_string(),
            results_due_on: c.results_due_on.map(iso_date).unwrap_or_default(),
        }
    }

    /// `stored`, or what was typed in `form` when it is the kept one.
    fn or_kept(self, kept: &KeptForm, form: &str) -> CampaignValues {
        if !kept.is(form) {
            return self;
        }
        let v = |name: &str| kept.value(form, name, "");
        CampaignValues {
            title_en: v("title_en"),
            title_cy: v("title_cy"),
            purpose_en: v("purpose_en"),
            purpose_cy: v("purpose_cy"),
            whole_csp: v("whole_csp") == "1",
            neighbourhoods: kept.ids(form, "neighbourhood", Vec::new()),
            channels: kept.fields.iter().filter(|(k, _)| k == "channel").map(|(_, c)| c.clone()).collect(),
            starts_on: v("starts_on"),
            ends_on: v("ends_on"),
            owner: v("owner"),
            response_policy: v("response_policy"),
            results_due_on: v("results_due_on"),
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EngagementView {
    pub csps: Vec<(String, Names)>,
    pub selected: String,
    pub campaigns: Vec<CampaignSummary>,
    pub calendar: CalendarView,
    /// Where the calendar starts.
    pub from: Month,
    /// The plan form, for those who may run engagement here.
    pub plan: Option<(CampaignChoices, CampaignValues)>,
}

/// A CSP's campaigns with where they run (a whole-CSP campaign: every neighbourhood).
struct Campaigns {
    rows: Vec<CampaignRow>,
    coverage: Vec<Coverage>,
    places: Vec<db::campaigns::CampaignPlace>,
    neighbourhoods: Vec<db::campaigns::NeighbourhoodRow>,
}

async fn campaigns_of(db: &db::Db, csp_id: i64) -> Result<Campaigns, db::DbError> {
    let rows = db::campaigns::campaigns_of_csp(db, csp_id).await?;
    let places = db::campaigns::places_of_csp(db, csp_id).await?;
    let neighbourhoods = db::campaigns::neighbourhoods(db, csp_id).await?;
    let coverage = rows
        .iter()
        .map(|c| Coverage {
            campaign_id: c.id,
            neighbourhoods: if c.whole_csp == 1 {
                neighbourhoods.iter().map(|n| n.id).collect()
            } else {
                places.iter().filter(|p| p.campaign_id == c.id).map(|p| p.neighbourhood_id).collect()
            },
            starts_on: c.starts_on,
            ends_on: c.ends_on,
        })
        .collect();
    Ok(Campaigns { rows, coverage, places, neighbourhoods })
}

impl Campaigns {
    fn names_of(&self, id: i64) -> Names {
        self.neighbourhoods
            .iter()
            .find(|n| n.id == id)
            .map(|n| n.names())
            .unwrap_or_else(|| Names::new("", ""))
    }

    fn title_of(&self, id: i64) -> Names {
        self.rows
            .iter()
            .find(|c| c.id == id)
            .map(|c| Names::new(&c.title_en, &c.title_cy))
            .unwrap_or_else(|| Names::new("", ""))
    }

    fn overlaps_of(&self, id: i64) -> Vec<Overlap> {
        self.coverage
            .iter()
            .find(|c| c.campaign_id == id)
            .map(|c| campaigns::overlaps(c, &self.coverage))
            .unwrap_or_default()
    }

    fn summary(&self, c: &CampaignRow) -> CampaignSummary {
        CampaignSummary {
            id: c.id,
            slug: c.slug.clone(),
            title: Names::new(&c.title_en, &c.title_cy),
            status: c.status,
            starts_on: c.starts_on,
            ends_on: c.ends_on,
            whole_csp: c.whole_csp == 1,
            places: self
                .places
                .iter()
                .filter(|p| p.campaign_id == c.id)
                .map(|p| self.names_of(p.neighbourhood_id))
                .collect(),
            overlaps: !self.overlaps_of(c.id).is_empty(),
        }
    }

    fn calendar(&self, window: &[Month]) -> CalendarView {
        let ids: Vec<i64> = self.neighbourhoods.iter().map(|n| n.id).collect();
        let grid = campaigns::calendar(&self.coverage, &ids, window);
        CalendarView {
            months: window.to_vec(),
            rows: self
                .neighbourhoods
                .iter()
                .zip(grid)
                .map(|(n, cells)| CalendarRow {
                    neighbourhood: n.names(),
                    cells: cells
                        .into_iter()
                        .map(|ids| ids.into_iter().map(|id| (id, self.title_of(id))).collect())
                        .collect(),
                })
                .collect(),
        }
    }
}

async fn choices(db: &db::Db, csp_id: i64) -> Result<CampaignChoices, db::DbError> {
    let neighbourhoods = db::campaigns::neighbourhoods(db, csp_id).await?;
    let owners = db::campaigns::owners(db, csp_id).await?;
    Ok(CampaignChoices {
        neighbourhoods: neighbourhoods.iter().map(|n| (n.id, n.names())).collect(),
        owners: owners.into_iter().map(|o| (o.id, o.display_name)).collect(),
    })
}

/// The loader of `/staff/engagement`.
pub async fn engagement_view(
    csp: Option<String>,
    from: Option<String>,
    kept: Option<String>,
) -> Result<EngagementView, ServerFnError> {
    let user = require_user()?;
    let state = AppState::current()?;
    let allowed = user.csps_where_any(&[Permission::ViewEngagementResults, Permission::RunEngagement]);
    let Some(CspAccess { id: csp_id, slug, .. }) = StaffUser::pick_csp(&allowed, csp) else {
        return Err(reject(AppError::Forbidden));
    };
    let from = from
        .as_deref()
        .and_then(Month::parse)
        .or_else(|| Month::of(db::now()))
        .unwrap_or(Month { year: 2026, month: 1 });
    let all = campaigns_of(&state.db, csp_id).await.map_err(internal)?;
    let plan = if user.can(Permission::RunEngagement, csp_id) {
        let kept = kept::kept(&state.db, user.id, &list_page(&slug), kept.as_deref()).await;
        let fresh = CampaignValues {
            whole_csp: false,
            owner: user.id.to_string(),
            response_policy: ResponsePolicy::OnePerDevice.as_str().to_string(),
            channels: vec![Channel::OnlineSurvey.as_str().to_string()],
            ..CampaignValues::default()
        };
        Some((choices(&state.db, csp_id).await.map_err(internal)?, fresh.or_kept(&kept, "plan")))
    } else {
        None
    };
    Ok(EngagementView {
        csps: allowed.into_iter().map(CspAccess::choice).collect(),
        selected: slug,
        campaigns: all.rows.iter().rev().map(|c| all.summary(c)).collect(),
        calendar: all.calendar(&from.window(CALENDAR_MONTHS)),
        from,
        plan,
    })
}

#[component]
pub fn EngagementPage() -> impl IntoView {
    let lang = use_lang();
    let q = use_query_map().read_untracked();
    let load = engagement_view(q.get("csp"), q.get("from"), q.get("kept"));
    view! {
        <Page lang title=t!(lang, "engagement-title") load render=move |view| engagement(lang, view)>
            <EngagementOutcome lang />
            <p>{t!(lang, "engagement-intro")}</p>
        </Page>
    }
}

/// The list page as an outline: the CSP, its campaigns, the calendar, planning a campaign.
fn engagement(lang: Lang, v: EngagementView) -> impl IntoView {
    let EngagementView { csps, selected, campaigns, calendar, from, plan } = v;
    view! {
        <CspPicker lang csps selected=selected.clone() />
        <CampaignList lang campaigns />
        <PartnershipCalendar lang calendar from selected=selected.clone() />
        {plan.map(|(choices, values)| view! { <PlanCampaign lang selected choices values /> })}
    }
}

/// Where a campaign runs, in words.
fn places_words(lang: Lang, whole_csp: bool, places: &[Names]) -> String {
    if whole_csp {
        t!(lang, "campaign-whole-csp")
    } else {
        places.iter().map(|n| n.get(lang).to_string()).collect::<Vec<_>>().join(", ")
    }
}

#[component]
fn CampaignList(lang: Lang, campaigns: Vec<CampaignSummary>) -> impl IntoView {
    view! {
        <section aria-labelledby="campaigns-heading">
            <h2 id="campaigns-heading">{t!(lang, "engagement-campaigns")}</h2>
            {if campaigns.is_empty() {
                view! { <p>{t!(lang, "engagement-none")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="stack">
                            <caption class="visually-hidden">{t!(lang, "engagement-campaigns")}</caption>
                            <thead><tr>
                                <th scope="col">{t!(lang, "campaign-title")}</th>
                                <th scope="col">{t!(lang, "campaign-where")}</th>
                                <th scope="col">{t!(lang, "campaign-when")}</th>
                                <th scope="col">{t!(lang, "campaign-status")}</th>
                            </tr></thead>
                            <tbody>
                                {campaigns.into_iter().map(|c| view! {
                                    <tr>
                                        <th scope="row"><a href=lang.path(&format!("/staff/engagement/{}", c.id))>{c.title.get(lang).to_string()}</a>
                                            {c.overlaps.then(|| view! { " " <strong class="tag tag-warning">{t!(lang, "campaign-overlap-tag")}</strong> })}
                                        </th>
                                        <td data-label=t!(lang, "campaign-where")>{places_words(lang, c.whole_csp, &c.places)}</td>
                                        <td data-label=t!(lang, "campaign-when")>{t!(lang, "campaign-period", from = date(lang, c.starts_on), to = date(lang, c.ends_on))}</td>
                                        <td data-label=t!(lang, "campaign-status")>{status_name(lang, c.status)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
        </section>
    }
    .into_any()
}

/// The partnership calendar: neighbourhoods (rows) by months (columns), each cell naming the
/// campaigns there; a cell with more than one says "overlap" in words, not only in colour.
#[component]
fn PartnershipCalendar(lang: Lang, calendar: CalendarView, from: Month, selected: String) -> impl IntoView {
    let back = (0..CALENDAR_MONTHS).fold(from, |m, _| m.previous());
    let on = (0..CALENDAR_MONTHS).fold(from, |m, _| m.next());
    let link = move |m: Month| {
        format!("{}?csp={selected}&from={}#calendar-heading", lang.path("/staff/engagement"), m.iso())
    };
    let caption = match (calendar.months.first(), calendar.months.last()) {
        (Some(a), Some(b)) => {
            t!(lang, "calendar-caption", from = month_name(lang, *a), to = month_name(lang, *b))
        }
        _ => t!(lang, "calendar-title"),
    };
    view! {
        <section aria-labelledby="calendar-heading">
            <h2 id="calendar-heading">{t!(lang, "calendar-title")}</h2>
            <p>{t!(lang, "calendar-intro")}</p>
            <p class="no-print">
                <a href=link(back)>{t!(lang, "calendar-earlier")}</a> " "
                <a href=link(on)>{t!(lang, "calendar-later")}</a>
            </p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="calendar-caption">
                <table class="calendar">
                    <caption id="calendar-caption">{caption}</caption>
                    <thead><tr>
                        <th scope="col">{t!(lang, "calendar-neighbourhood")}</th>
                        {calendar.months.iter().map(|m| view! { <th scope="col">{month_name(lang, *m)}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {calendar.rows.into_iter().map(|row| view! {
                            <tr>
                                <th scope="row">{row.neighbourhood.get(lang).to_string()}</th>
                                {row.cells.into_iter().map(|cell| calendar_cell(lang, cell)).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

fn calendar_cell(lang: Lang, cell: Vec<(i64, Names)>) -> AnyView {
    let overlap = cell.len() > 1;
    view! {
        <td class=overlap.then_some("overlap")>
            {overlap.then(|| view! { <strong>{t!(lang, "calendar-overlap")}</strong> })}
            {(!cell.is_empty()).then(|| view! {
                <ul class="plain">
                    {cell.into_iter().map(|(id, title)| view! {
                        <li><a href=lang.path(&format!("/staff/engagement/{id}"))>{title.get(lang).to_string()}</a></li>
                    }).collect_view()}
                </ul>
            })}
        </td>
    }
    .into_any()
}

#[component]
fn PlanCampaign(
    lang: Lang,
    selected: String,
    choices: CampaignChoices,
    values: CampaignValues,
) -> impl IntoView {
    view! {
        <section aria-labelledby="plan-heading">
            <h2 id="plan-heading">{t!(lang, "campaign-plan")}</h2>
            <p>{t!(lang, "campaign-plan-hint")}</p>
            <form method="post" action=lang.path("/staff/engagement") class="form">
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="csp" value=selected />
                {campaign_fields(lang, &choices, &values)}
                <button type="submit" class="button">{t!(lang, "campaign-plan-button")}</button>
            </form>
        </section>
    }
    .into_any()
}

/// A text field with its label (and `lang` for the language it is written in).
fn text_field(id_name: &str, label: String, value: String, written_in: &'static str, long: bool) -> AnyView {
    let id = format!("campaign-{id_name}");
    let name = id_name.to_string();
    if long {
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <textarea id=id name=name rows="4" maxlength="4000" lang=written_in>{value}</textarea>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id name=name type="text" maxlength="200" value=value lang=written_in />
            </div>
        }
        .into_any()
    }
}

/// The fields of the plan and edit forms.
fn campaign_fields(lang: Lang, choices: &CampaignChoices, v: &CampaignValues) -> AnyView {
    view! {
        {text_field("title_en", t!(lang, "campaign-title-en"), v.title_en.clone(), "en", false)}
        {text_field("title_cy", t!(lang, "campaign-title-cy"), v.title_cy.clone(), "cy", false)}
        {text_field("purpose_en", t!(lang, "campaign-purpose-en"), v.purpose_en.clone(), "en", true)}
        {text_field("purpose_cy", t!(lang, "campaign-purpose-cy"), v.purpose_cy.clone(), "cy", true)}
        <fieldset class="field">
            <legend>{t!(lang, "campaign-where")}</legend>
            <div class="checkbox">
                <input id="campaign-whole" type="checkbox" name="whole_csp" value="1" checked=v.whole_csp />
                <label for="campaign-whole">{t!(lang, "campaign-whole-csp")}</label>
            </div>
            <p class="hint">{t!(lang, "campaign-where-hint")}</p>
            {choices.neighbourhoods.iter().map(|(id, name)| {
                let field = format!("campaign-n-{id}");
                view! {
                    <div class="checkbox">
                        <input id=field.clone() type="checkbox" name="neighbourhood" value=id.to_string() checked=v.neighbourhoods.contains(id) />
                        <label for=field>{name.get(lang).to_string()}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
        <fieldset class="field" id="campaign-channels">
            <legend>{t!(lang, "campaign-channels")}</legend>
            {Channel::ALL.iter().map(|c| {
                let field = format!("campaign-c-{}", c.as_str());
                view! {
                    <div class="checkbox">
                        <input id=field.clone() type="checkbox" name="channel" value=c.as_str() checked=v.channels.iter().any(|x| x == c.as_str()) />
                        <label for=field>{channel_name(lang, *c)}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
        {dates_and_people(lang, choices, v)}
    }
    .into_any()
}

fn dates_and_people(lang: Lang, choices: &CampaignChoices, v: &CampaignValues) -> AnyView {
    view! {
        <div class="inline-fields">
            <div class="field">
                <label for="campaign-starts_on">{t!(lang, "campaign-starts")}</label>
                <input id="campaign-starts_on" name="starts_on" type="date" value=v.starts_on.clone() />
            </div>
            <div class="field">
                <label for="campaign-ends_on">{t!(lang, "campaign-ends")}</label>
                <input id="campaign-ends_on" name="ends_on" type="date" value=v.ends_on.clone() />
            </div>
        </div>
        <div class="field">
            <label for="campaign-owner">{t!(lang, "campaign-owner")}</label>
            <select id="campaign-owner" name="owner">
                {choices.owners.iter().map(|(id, name)| view! {
                    <option value=id.to_string() selected=v.owner == id.to_string()>{name.clone()}</option>
                }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for="campaign-response_policy">{t!(lang, "campaign-policy")}</label>
            <select id="campaign-response_policy" name="response_policy">
                {ResponsePolicy::ALL.iter().map(|p| view! {
                    <option value=p.as_str() selected=v.response_policy == p.as_str()>{policy_name(lang, *p)}</option>
                }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for="campaign-results_due_on">{t!(lang, "campaign-results-due")}</label>
            <p class="hint" id="campaign-results-hint">{t!(lang, "campaign-results-due-hint")}</p>
            <input id="campaign-results_due_on" name="results_due_on" type="date" value=v.results_due_on.clone() aria-describedby="campaign-results-hint" />
        </div>
    }
    .into_any()
}

// ---------------------------------------------------------------------------------------------
// One campaign

/// Another campaign meeting this one, in words: which, where and when.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OverlapLine {
    pub other: i64,
    pub title: Names,
    pub neighbourhood: Names,
    pub month: Month,
}

/// The campaign's survey, in short.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SurveyState {
    pub questions: usize,
    /// The latest published version, if any.
    pub published: Option<i64>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CampaignView {
    pub csp_slug: String,
    pub summary: CampaignSummary,
    pub purpose: Names,
    pub channels: Vec<Channel>,
    pub owner: String,
    pub policy: ResponsePolicy,
    pub results_due_on: Option<Timestamp>,
    pub version: i64,
    pub overlaps: Vec<OverlapLine>,
    pub survey: Option<SurveyState>,
    /// The edit form, for those who may run engagement here (and while it is not reported).
    pub edit: Option<(CampaignChoices, CampaignValues)>,
    pub can_run: bool,
    /// Which of the campaign's other pages the person may open (only those are linked).
    pub links: LinkRights,
}

/// The permissions the campaign's linked pages need, as held by the person in its CSP.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRights {
    /// Entry, the paper version and the CSV import (`EnterResponses`).
    pub enter: bool,
    /// Results, reach and the export (`ViewEngagementResults`).
    pub results: bool,
    /// Coding free-text answers (`CodeResponses`).
    pub code: bool,
}

/// A campaign the person may see, with its CSP; "not found" for anyone else.
async fn visible_campaign(state: &AppState, user: &StaffUser, id: i64) -> Result<CampaignRow, ServerFnError> {
    let c = db::engagement::campaign(&state.db, id)
        .await
        .map_err(internal)?
        .ok_or_else(|| reject(AppError::NotFound))?;
    if !(user.can(Permission::ViewEngagementResults, c.csp_id)
        || user.can(Permission::RunEngagement, c.csp_id))
    {
        return Err(reject(AppError::NotFound));
    }
    Ok(c)
}

/// The loader of `/staff/engagement/{id}`.
pub async fn campaign_view(id: i64, kept: Option<String>) -> Result<CampaignView, ServerFnError> {
    let user = require_user()?;
    let state = AppState::current()?;
    let c = visible_campaign(&state, &user, id).await?;
    let all = campaigns_of(&state.db, c.csp_id).await.map_err(internal)?;
    let channels = db::engagement::campaign_channels(&state.db, id).await.map_err(internal)?;
    let named = db::engagement::campaign_neighbourhoods(&state.db, id).await.map_err(internal)?;
    let owners = db::campaigns::owners(&state.db, c.csp_id).await.map_err(internal)?;
    let survey = match db::engagement::survey_of_campaign(&state.db, id).await.map_err(internal)? {
        Some(s) => {
            let published =
                db::engagement::current_version(&state.db, s.id).await.map_err(internal)?.map(|v| v.number);
            let questions = serde_json::from_str::<super::survey::Survey>(&s.draft)
                .map(|d| d.questions.len())
                .unwrap_or(0);
            Some(SurveyState { questions, published })
        }
        None => None,
    };
    let can_run = user.can(Permission::RunEngagement, c.csp_id);
    let edit = if can_run && campaigns::editable(c.status) {
        let kept = kept::kept(&state.db, user.id, &campaign_page(id), kept.as_deref()).await;
        let values = CampaignValues::stored(&c, named, &channels).or_kept(&kept, "edit");
        Some((choices(&state.db, c.csp_id).await.map_err(internal)?, values))
    } else {
        None
    };
    let csp_slug = user
        .csps_where_any(&[Permission::ViewEngagementResults, Permission::RunEngagement])
        .into_iter()
        .find(|a| a.id == c.csp_id)
        .map(|a| a.slug)
        .unwrap_or_default();
    Ok(CampaignView {
        csp_slug,
        summary: all.summary(&c),
        purpose: Names::new(&c.purpose_en, &c.purpose_cy),
        channels,
        owner: owners
            .into_iter()
            .find(|o| o.id == c.owner_user_id)
            .map(|o| o.display_name)
            .unwrap_or_default(),
        policy: c.response_policy,
        results_due_on: c.results_due_on,
        version: c.version,
        overlaps: all
            .overlaps_of(id)
            .into_iter()
            .map(|o| OverlapLine {
                other: o.other,
                title: all.title_of(o.other),
                neighbourhood: all.names_of(o.neighbourhood_id),
                month: o.month,
            })
            .collect(),
        survey,
        edit,
        can_run,
        links: LinkRights {
            enter: user.can(Permission::EnterResponses, c.csp_id),
            results: user.can(Permission::ViewEngagementResults, c.csp_id),
            code: user.can(Permission::CodeResponses, c.csp_id),
        },
    })
}

/// One campaign, named after its title.
#[component]
pub fn CampaignPage() -> impl IntoView {
    let lang = use_lang();
    let (p, q) = (use_params_map().read_untracked(), use_query_map().read_untracked());
    let load = campaign_view(p.get("id").and_then(|id| id.parse().ok()).unwrap_or(0), q.get("kept"));
    view! {
        <Page lang error_title=t!(lang, "campaign-page-title") load render=move |view| campaign(lang, view) />
    }
}

/// The campaign page as an outline.
fn campaign(lang: Lang, v: CampaignView) -> impl IntoView {
    let title = v.summary.title.get(lang).to_string();
    let id = v.summary.id;
    let status = v.summary.status;
    let moves = v.can_run.then_some((v.version, status));
    view! {
        <Title text=title.clone() />
        <p class="meta"><a href=lang.path(&format!("/staff/engagement?csp={}", v.csp_slug))>{t!(lang, "engagement-title")}</a></p>
        <h1>{title}</h1>
        <EngagementOutcome lang />
        <OverlapWarning lang overlaps=v.overlaps.clone() />
        <CampaignDetails lang view=v.clone() />
        <CampaignLinks lang id slug=v.summary.slug.clone() survey=v.survey.clone() rights=v.links />
        {moves.map(|(version, status)| view! { <StatusSection lang id version status /> })}
        {v.edit.map(|(choices, values)| view! { <EditCampaign lang id version=v.version choices values /> })}
    }
}

/// Other campaigns covering the same neighbourhoods in the same months: a warning, not a
/// refusal (the teams agree between them).
#[component]
fn OverlapWarning(lang: Lang, overlaps: Vec<OverlapLine>) -> impl IntoView {
    (!overlaps.is_empty()).then(|| {
        view! {
            <div class="notice notice-warning" role="status" id="overlaps">
                <h2>{t!(lang, "campaign-overlap-heading")}</h2>
                <p>{t!(lang, "campaign-overlap-intro")}</p>
                <ul>
                    {overlaps.into_iter().map(|o| view! {
                        <li>
                            <a href=lang.path(&format!("/staff/engagement/{}", o.other))>{o.title.get(lang).to_string()}</a>
                            {format!(": {}, {}", o.neighbourhood.get(lang), month_name(lang, o.month))}
                        </li>
                    }).collect_view()}
                </ul>
            </div>
        }
        .into_any()
    })
}

#[component]
fn CampaignDetails(lang: Lang, view: CampaignView) -> impl IntoView {
    let s = &view.summary;
    let channels = view.channels.iter().map(|c| channel_name(lang, *c)).collect::<Vec<_>>().join(", ");
    view! {
        <section aria-labelledby="details-heading">
            <h2 id="details-heading">{t!(lang, "campaign-details")}</h2>
            <dl class="details">
                <dt>{t!(lang, "campaign-status")}</dt><dd>{status_name(lang, s.status)}</dd>
                <dt>{t!(lang, "campaign-title-en")}</dt><dd lang="en">{s.title.en.clone()}</dd>
                <dt>{t!(lang, "campaign-title-cy")}</dt><dd lang="cy">{s.title.cy.clone()}</dd>
                <dt>{t!(lang, "campaign-purpose")}</dt><dd>{view.purpose.get(lang).to_string()}</dd>
                <dt>{t!(lang, "campaign-where")}</dt><dd>{places_words(lang, s.whole_csp, &s.places)}</dd>
                <dt>{t!(lang, "campaign-when")}</dt><dd>{t!(lang, "campaign-period", from = date(lang, s.starts_on), to = date(lang, s.ends_on))}</dd>
                <dt>{t!(lang, "campaign-channels")}</dt><dd>{channels}</dd>
                <dt>{t!(lang, "campaign-owner")}</dt><dd>{view.owner.clone()}</dd>
                <dt>{t!(lang, "campaign-policy")}</dt><dd>{policy_name(lang, view.policy)}</dd>
                <dt>{t!(lang, "campaign-results-due")}</dt>
                <dd>{view.results_due_on.map(|d| date(lang, d)).unwrap_or_else(|| t!(lang, "campaign-results-due-none"))}</dd>
                <dt>{t!(lang, "campaign-address")}</dt><dd><code>{format!("/have-your-say/{}", s.slug)}</code></dd>
            </dl>
        </section>
    }
    .into_any()
}

/// The campaign's survey and the other engagement pages about it.
#[component]
fn CampaignLinks(
    lang: Lang,
    id: i64,
    slug: String,
    survey: Option<SurveyState>,
    rights: LinkRights,
) -> impl IntoView {
    let to = |tail: &str| lang.path(&format!("/staff/engagement/{id}{tail}"));
    let state = match &survey {
        None => t!(lang, "campaign-survey-none"),
        Some(SurveyState { published: Some(n), questions }) => {
            let (version, questions) = (*n, *questions as i64);
            t!(lang, "campaign-survey-published", version = version, questions = questions)
        }
        Some(SurveyState { published: None, questions }) => {
            let questions = *questions as i64;
            t!(lang, "campaign-survey-draft", questions = questions)
        }
    };
    view! {
        <section aria-labelledby="links-heading">
            <h2 id="links-heading">{t!(lang, "campaign-survey-heading")}</h2>
            <p>{state}</p>
            <ul>
                <li><a href=to("/survey")>{t!(lang, "campaign-link-builder")}</a></li>
                <li><a href=lang.path(&format!("/have-your-say/{slug}"))>{t!(lang, "campaign-link-residents")}</a></li>
                {rights.enter.then(|| view! {
                    <li><a href=to("/enter")>{t!(lang, "campaign-link-enter")}</a></li>
                    <li><a href=to("/paper")>{t!(lang, "campaign-link-paper")}</a></li>
                    <li><a href=to("/import")>{t!(lang, "campaign-link-import")}</a></li>
                })}
                {rights.results.then(|| view! {
                    <li><a href=to("/results")>{t!(lang, "campaign-link-results")}</a></li>
                    <li><a href=to("/reach")>{t!(lang, "campaign-link-reach")}</a></li>
                })}
                {rights.code.then(|| view! { <li><a href=to("/coding")>{t!(lang, "campaign-link-coding")}</a></li> })}
                {rights.results.then(|| view! { <li><a href=to("/export.csv")>{t!(lang, "campaign-link-export")}</a></li> })}
            </ul>
        </section>
    }
    .into_any()
}

/// The buttons that move the campaign on (one form per next status).
#[component]
fn StatusSection(lang: Lang, id: i64, version: i64, status: CampaignStatus) -> impl IntoView {
    let next = campaigns::next_statuses(status);
    view! {
        <section aria-labelledby="status-heading">
            <h2 id="status-heading">{t!(lang, "campaign-status")}</h2>
            <p>{t!(lang, "campaign-status-now", status = status_name(lang, status))}</p>
            {if next.is_empty() {
                view! { <p>{t!(lang, "campaign-status-final")}</p> }.into_any()
            } else {
                view! {
                    <div class="button-row">
                        {next.iter().map(|to| view! {
                            <form method="post" action=lang.path(&format!("/staff/engagement/{id}/status")) class="inline">
                                <Hidden lang version />
                                <input type="hidden" name="status" value=to.as_str() />
                                <button type="submit" class="button">{status_action(lang, status, *to)}</button>
                            </form>
                        }).collect_view()}
                    </div>
                }
                .into_any()
            }}
        </section>
    }
    .into_any()
}

#[component]
fn EditCampaign(
    lang: Lang,
    id: i64,
    version: i64,
    choices: CampaignChoices,
    values: CampaignValues,
) -> impl IntoView {
    view! {
        <section aria-labelledby="edit-heading">
            <h2 id="edit-heading">{t!(lang, "campaign-edit")}</h2>
            <form method="post" action=lang.path(&format!("/staff/engagement/{id}/edit")) class="form">
                <Hidden lang version />
                {campaign_fields(lang, &choices, &values)}
                <button type="submit" class="button">{t!(lang, "campaign-save")}</button>
            </form>
        </section>
    }
    .into_any()
}

// ---------------------------------------------------------------------------------------------
// The forms' handlers

/// The plan and edit forms.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CampaignForm {
    /// The CSP (plan form only).
    pub csp: String,
    /// The campaign's version (edit form only).
    pub version: String,
    pub title_en: String,
    pub title_cy: String,
    pub purpose_en: String,
    pub purpose_cy: String,
    pub whole_csp: String,
    pub neighbourhood: Vec<String>,
    pub channel: Vec<String>,
    pub starts_on: String,
    pub ends_on: String,
    pub owner: String,
    pub response_policy: String,
    pub results_due_on: String,
}

/// A campaign form as checked.
struct Checked {
    title: Names,
    purpose: Names,
    whole_csp: bool,
    neighbourhoods: Vec<i64>,
    channels: Vec<Channel>,
    starts_on: Timestamp,
    ends_on: Timestamp,
    owner: i64,
    policy: ResponsePolicy,
    results_due_on: Option<Timestamp>,
}

/// Checks a campaign form against the CSP's neighbourhoods and owners.
async fn check(state: &AppState, csp_id: i64, f: &CampaignForm) -> Result<Checked, Outcome> {
    use campaigns::{text, MAX_PURPOSE, MAX_TITLE};
    let (Some(title_en), Some(title_cy)) = (text(&f.title_en, MAX_TITLE), text(&f.title_cy, MAX_TITLE))
    else {
        return Err(Outcome::CampaignTooLong);
    };
    if title_en.is_empty() || title_cy.is_empty() {
        return Err(Outcome::CampaignTitle);
    }
    let (Some(purpose_en), Some(purpose_cy)) =
        (text(&f.purpose_en, MAX_PURPOSE), text(&f.purpose_cy, MAX_PURPOSE))
    else {
        return Err(Outcome::CampaignTooLong);
    };
    let whole_csp = f.whole_csp == "1";
    let known =
        db::campaigns::neighbourhoods(&state.db, csp_id).await.map_err(|_| Outcome::EngagementUnavailable)?;
    let mut neighbourhoods: Vec<i64> = Vec::new();
    for n in &f.neighbourhood {
        match n.parse::<i64>() {
            Ok(id) if known.iter().any(|k| k.id == id) => neighbourhoods.push(id),
            _ => return Err(Outcome::CampaignNeighbourhoods),
        }
    }
    neighbourhoods.sort_unstable();
    neighbourhoods.dedup();
    if whole_csp {
        neighbourhoods.clear();
    } else if neighbourhoods.is_empty() {
        return Err(Outcome::CampaignNeighbourhoods);
    }
    let mut channels = Vec::new();
    for c in &f.channel {
        match Channel::parse(c) {
            Some(c) if !channels.contains(&c) => channels.push(c),
            Some(_) => {}
            None => return Err(Outcome::CampaignChannels),
        }
    }
    if channels.is_empty() {
        return Err(Outcome::CampaignChannels);
    }
    let (starts_on, ends_on, results_due_on) = campaigns::dates(&f.starts_on, &f.ends_on, &f.results_due_on)
        .map_err(|p| match p {
            DateProblem::Missing => Outcome::CampaignDates,
            DateProblem::Order => Outcome::CampaignOrder,
            DateProblem::TooLong => Outcome::CampaignPeriod,
            DateProblem::ResultsDue => Outcome::CampaignResultsDue,
        })?;
    let owners =
        db::campaigns::owners(&state.db, csp_id).await.map_err(|_| Outcome::EngagementUnavailable)?;
    let owner = f
        .owner
        .parse::<i64>()
        .ok()
        .filter(|o| owners.iter().any(|x| x.id == *o))
        .ok_or(Outcome::CampaignOwner)?;
    let policy = ResponsePolicy::parse(&f.response_policy).ok_or(Outcome::CampaignPolicy)?;
    Ok(Checked {
        title: Names::new(title_en, title_cy),
        purpose: Names::new(purpose_en, purpose_cy),
        whole_csp,
        neighbourhoods,
        channels,
        starts_on,
        ends_on,
        owner,
        policy,
        results_due_on,
    })
}

fn audit(staff: &Staff, action: AuditAction, csp_id: i64, id: i64, detail: String) -> NewAuditEntry {
    NewAuditEntry {
        actor_user_id: Some(staff.user.id),
        actor_label: staff.user.email.clone(),
        action: Some(action),
        record_type: Some("campaign".into()),
        record_id: Some(id.to_string()),
        csp_id: Some(csp_id),
        ip: Some(staff.ip.clone()),
        detail: Some(detail),
    }
}

fn to_campaign(lang: Lang, id: i64, outcome: impl std::fmt::Display) -> Response {
    Redirect::to(&format!("{}?{outcome}", lang.path(&format!("/staff/engagement/{id}")))).into_response()
}

fn unavailable(lang: Lang, e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "engagement campaigns: database");
    page(lang, Problem::Internal)
}

/// `POST /staff/engagement`: plans a campaign (overlaps with other campaigns are shown on its
/// page, not refused).
pub async fn plan(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, fields }: Posted<CampaignForm>,
) -> Response {
    let csp = match staff.require_in(lang, Permission::RunEngagement, &form.csp) {
        Ok(csp) => csp,
        Err(response) => return response,
    };
    let checked = match check(&state, csp.csp_id, &form).await {
        Ok(c) => c,
        Err(error) => {
            let outcome =
                kept::refusal(&state.db, staff.user.id, &list_page(&csp.slug), "plan", &fields, error).await;
            let csp = serde_urlencoded::to_string([("csp", csp.slug.as_str())]).unwrap_or_default();
            return Redirect::to(&format!("{}?{csp}&{outcome}#plan-heading", lang.path("/staff/engagement")))
                .into_response();
        }
    };
    let base = campaigns::slug_from(&checked.title.en);
    let slug = match db::campaigns::slugs_like(&state.db, &base).await {
        Ok(taken) => campaigns::unique_slug(&base, &taken),
        Err(e) => return unavailable(lang, e),
    };
    let new = db::engagement::NewCampaign {
        csp_id: csp.csp_id,
        slug: &slug,
        title: &checked.title,
        purpose: &checked.purpose,
        whole_csp: checked.whole_csp,
        neighbourhoods: &checked.neighbourhoods,
        channels: &checked.channels,
        starts_on: checked.starts_on,
        ends_on: checked.ends_on,
        owner_user_id: checked.owner,
        response_policy: checked.policy,
        results_due_on: checked.results_due_on,
    };
    // The new campaign's id is the entry's record, set as it is stored.
    let entry = audit(&staff, AuditAction::CampaignPlanned, csp.csp_id, 0, format!("slug: {slug}"));
    match db::campaigns::plan_campaign(&state.db, new, &entry).await {
        Ok(id) => to_campaign(lang, id, Outcome::CampaignPlanned),
        Err(e) => unavailable(lang, e),
    }
}

/// The campaign a form is about, if the person may run it (else the answer: "not found" for
/// those who may not see it, "not allowed" for those who may only read it).
async fn runnable(state: &AppState, staff: &Staff, lang: Lang, id: i64) -> Result<CampaignRow, Response> {
    let c = match db::engagement::campaign(&state.db, id).await {
        Ok(Some(c)) => c,
        Ok(None) => return Err(page(lang, Problem::NotFound)),
        Err(e) => return Err(unavailable(lang, e)),
    };
    staff.require(lang, Permission::ViewEngagementResults, Permission::RunEngagement, c.csp_id)?;
    Ok(c)
}

/// `POST /staff/engagement/{id}/edit`: changes a campaign's details.
pub async fn edit(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Posted { form, lang, fields }: Posted<CampaignForm>,
) -> Response {
    let c = match runnable(&state, &staff, lang, id).await {
        Ok(c) => c,
        Err(response) => return response,
    };
    let page_key = campaign_page(id);
    let keep = |error: Outcome| kept::refusal(&state.db, staff.user.id, &page_key, "edit", &fields, error);
    if !campaigns::editable(c.status) {
        return to_campaign(lang, id, Outcome::CampaignReported);
    }
    let Some(version) = form.version.parse::<i64>().ok().filter(|v| *v == c.version) else {
        return to_campaign(lang, id, keep(Outcome::CampaignStale).await);
    };
    let checked = match check(&state, c.csp_id, &form).await {
        Ok(c) => c,
        Err(error) => return to_campaign(lang, id, keep(error).await + "#edit-heading"),
    };
    let change = db::campaigns::CampaignChange {
        title: &checked.title,
        purpose: &checked.purpose,
        whole_csp: checked.whole_csp,
        neighbourhoods: &checked.neighbourhoods,
        channels: &checked.channels,
        starts_on: checked.starts_on,
        ends_on: checked.ends_on,
        owner_user_id: checked.owner,
        response_policy: checked.policy,
        results_due_on: checked.results_due_on,
    };
    let what = format!(
        "{} to {}; {}",
        iso_date(checked.starts_on),
        iso_date(checked.ends_on),
        if checked.whole_csp {
            "whole CSP".to_string()
        } else {
            format!("neighbourhoods {:?}", checked.neighbourhoods)
        }
    );
    let entry = audit(&staff, AuditAction::CampaignChanged, c.csp_id, id, what);
    match db::campaigns::update_campaign(&state.db, id, version, change, &entry).await {
        Ok(true) => to_campaign(lang, id, Outcome::CampaignSaved),
        Ok(false) => to_campaign(lang, id, keep(Outcome::CampaignStale).await),
        Err(e) => unavailable(lang, e),
    }
}

/// A status to move the campaign to.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StatusForm {
    pub version: String,
    pub status: String,
}

/// `POST /staff/engagement/{id}/status`: planned -> open -> closed -> reported (opening needs
/// a published survey; a closed campaign may open again).
pub async fn status(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Posted { form, lang, .. }: Posted<StatusForm>,
) -> Response {
    let c = match runnable(&state, &staff, lang, id).await {
        Ok(c) => c,
        Err(response) => return response,
    };
    let Some(version) = form.version.parse::<i64>().ok().filter(|v| *v == c.version) else {
        return to_campaign(lang, id, Outcome::CampaignStale);
    };
    let Some(to) = CampaignStatus::parse(&form.status) else {
        return to_campaign(lang, id, Outcome::CampaignStatus);
    };
    let published = match db::engagement::survey_of_campaign(&state.db, id).await {
        Ok(Some(s)) => match db::engagement::current_version(&state.db, s.id).await {
            Ok(v) => v.is_some(),
            Err(e) => return unavailable(lang, e),
        },
        Ok(None) => false,
        Err(e) => return unavailable(lang, e),
    };
    match campaigns::change_status(c.status, to, published) {
        Err(StatusProblem::NotNext) => return to_campaign(lang, id, Outcome::CampaignStatus),
        Err(StatusProblem::NoSurvey) => return to_campaign(lang, id, Outcome::CampaignNeedsSurvey),
        Ok(()) => {}
    }
    let entry = audit(
        &staff,
        AuditAction::CampaignStatusChanged,
        c.csp_id,
        id,
        format!("{} -> {}", c.status.as_str(), to.as_str()),
    );
    // Subscriptions (issue 14): a campaign opening is news for the subscribers of its area,
    // stored and queued in the same transaction as the change (read before it: an edit since
    // would have moved the version, and the change is then refused).
    let announcement = match to {
        CampaignStatus::Open => match db::engagement::campaign_neighbourhoods(&state.db, id).await {
            Ok(neighbourhoods) => Some(crate::subscriptions::delivery::Announcement {
                csp_id: c.csp_id,
                whole_csp: c.whole_csp == 1,
                neighbourhoods,
                kind: crate::subscriptions::NewsKind::CampaignOpened,
                title: Names::new(&c.title_en, &c.title_cy),
                verdict: None,
                link: format!("/have-your-say/{}", c.slug),
            }),
            Err(e) => return unavailable(lang, e),
        },
        _ => None,
    };
    let changed = async {
        let mut tx = state.db.writer().begin().await?;
        if !db::campaigns::set_status_in(&mut tx, id, version, c.status, to, &entry).await? {
            return Ok(false);
        }
        if let Some(a) = &announcement {
            crate::subscriptions::delivery::announce_in(&mut tx, a).await?;
        }
        tx.commit().await?;
        Ok::<_, db::DbError>(true)
    };
    match changed.await {
        Ok(true) => {
            if announcement.is_some() {
                state.mail_wake.notify_one();
            }
            to_campaign(lang, id, Outcome::CampaignMoved)
        }
        Ok(false) => to_campaign(lang, id, Outcome::CampaignStale),
        Err(e) => unavailable(lang, e),
    }
}
