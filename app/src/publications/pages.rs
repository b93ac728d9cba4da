//! The pages of "you said, we did" publications:
//! - `/staff/engagement/publications`: the partnership's publications and the form that drafts a
//!   new one (`PublishYouSaidWeDid`);
//! - `/staff/engagement/publications/{id}`: one publication: its reach, the draft's form (every
//!   field; items added, removed, edited), what stops it being published, publish, correct;
//! - `/staff/engagement/publications/{id}/preview`: the draft exactly as the public will see it;
//! - `/you-said-we-did/{id}` (and `/cy/...`): the latest published version, saying when it was
//!   corrected; each view is counted (a number per day, no cookie).

use super::{
    day_of, priority_progress, profile_progress, publish_problems, Item, ItemKind, ItemProgress,
    PublishProblem, SourceKind, Words, RECENT_DAYS,
};
use crate::{
    db::{self, publications::Listed},
    engagement::{progress::ReviewProgress, progress_view::Progress},
    error::{internal, reject, AppError},
    i18n::Lang,
    reference::Names,
    shell::{page::Page, use_lang, CspPicker, NotFoundMessage},
    staff::{kept, pages::require_user, CspAccess, Permission, StaffUser},
    state::AppState,
    t,
    time::Timestamp,
    triage::record::Notice,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

pub(super) const ADDRESS: &str = "/staff/engagement/publications";

/// The kept-form page key of the list page, and of a publication's page.
pub(super) fn list_page(slug: &str) -> String {
    format!("publications/{slug}")
}
pub(super) fn publication_page(id: i64) -> String {
    format!("publication/{id}")
}

/// A publication's public address, in `lang`.
pub fn public_path(lang: Lang, id: i64) -> String {
    lang.path(&format!("/you-said-we-did/{id}"))
}

// ---------------------------------------------------------------------------------------------
// The list.

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ListView {
    pub csps: Vec<(String, Names)>,
    pub selected: String,
    pub neighbourhoods: Vec<(i64, Names)>,
    pub publications: Vec<ListedPublication>,
    pub from: String,
    pub today: String,
    pub kept: kept::KeptForm,
}

/// A publication as the staff list shows it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ListedPublication {
    pub id: i64,
    pub title: Names,
    /// None: the whole partnership.
    pub area: Option<Names>,
    pub from: Timestamp,
    pub to: Timestamp,
    pub first_published: Option<Timestamp>,
    pub last_published: Option<Timestamp>,
    /// A draft (a correction, once published) is open.
    pub draft: bool,
    /// Withdrawn: its texts were removed, so it is listed as withdrawn.
    pub withdrawn: bool,
}

fn listed(l: Listed) -> ListedPublication {
    let area = match (l.neighbourhood_en, l.neighbourhood_cy) {
        (Some(en), Some(cy)) => Some(Names::new(en, cy)),
        _ => None,
    };
    ListedPublication {
        id: l.id,
        title: Names::new(l.title_en, l.title_cy),
        area,
        from: l.period_from,
        to: l.period_to,
        first_published: l.first_published,
        last_published: l.last_published,
        draft: l.draft_open > 0,
        withdrawn: l.withdrawn_at.is_some(),
    }
}

pub async fn list_view(csp: Option<String>, kept_token: Option<String>) -> Result<ListView, ServerFnError> {
    let user = require_user()?;
    let state = AppState::current()?;
    let allowed = user.csps_where(Permission::PublishYouSaidWeDid);
    let Some(CspAccess { id: csp_id, slug, .. }) = StaffUser::pick_csp(&allowed, csp) else {
        return Err(reject(AppError::Forbidden));
    };
    let (neighbourhoods, _) = db::problems::choices(&state.db, csp_id).await.map_err(internal)?;
    let publications = db::publications::of_csp(&state.db, csp_id)
        .await
        .map_err(internal)?
        .into_iter()
        .map(listed)
        .collect();
    let now = db::now();
    let kept = kept::kept(&state.db, user.id, &list_page(&slug), kept_token.as_deref()).await;
    Ok(ListView {
        csps: allowed.into_iter().map(CspAccess::choice).collect(),
        selected: slug,
        neighbourhoods,
        publications,
        from: crate::time::iso_date(now - 90 * 86_400),
        today: crate::time::iso_date(now),
        kept,
    })
}

#[component]
pub fn PublicationsPage() -> impl IntoView {
    let lang = use_lang();
    let q = use_query_map().read_untracked();
    let load = list_view(q.get("csp"), q.get("kept"));
    view! {
        <Page lang title=t!(lang, "publication-list-title") load render=move |view| list(lang, view)>
            <Notice lang />
            <p>{t!(lang, "publication-list-intro")}</p>
        </Page>
    }
}

fn status_words(lang: Lang, first: Option<Timestamp>, last: Option<Timestamp>, draft: bool) -> String {
    match (first, last) {
        (None, _) => t!(lang, "publication-status-draft"),
        (Some(f), Some(l)) if l != f => {
            let mut s = t!(lang, "publication-status-corrected", date = crate::time::date(lang, l));
            if draft {
                s.push_str(&format!(" · {}", t!(lang, "publication-status-correction-draft")));
            }
            s
        }
        (Some(f), _) => {
            let mut s = t!(lang, "publication-status-published", date = crate::time::date(lang, f));
            if draft {
                s.push_str(&format!(" · {}", t!(lang, "publication-status-correction-draft")));
            }
            s
        }
    }
}

fn list(lang: Lang, v: ListView) -> impl IntoView {
    let ListView { csps, selected, neighbourhoods, publications, from, today, kept: k } = v;
    let area = k.value("new", "area", "");
    view! {
        <CspPicker lang csps selected=selected.clone() />
        <section aria-labelledby="new-publication" class="card">
            <h2 id="new-publication">{t!(lang, "publication-new")}</h2>
            <p>{t!(lang, "publication-new-hint")}</p>
            <form method="post" action=format!("{ADDRESS}/new") class="form">
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="csp" value=selected.clone() />
                <div class="field">
                    <label for="area">{t!(lang, "publication-area")}</label>
                    <select id="area" name="area">
                        <option value="" selected=area.is_empty()>{t!(lang, "publication-area-all")}</option>
                        {neighbourhoods.iter().map(|(id, name)| view! {
                            <option value=id.to_string() selected=area == id.to_string()>{name.get(lang).to_string()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="from">{t!(lang, "publication-from")}</label>
                    <input id="from" name="from" type="date" max=today.clone() value=k.value("new", "from", from) />
                </div>
                <div class="field">
                    <label for="to">{t!(lang, "publication-to")}</label>
                    <input id="to" name="to" type="date" max=today.clone() value=k.value("new", "to", today.clone()) />
                </div>
                <button type="submit" class="button">{t!(lang, "publication-draft")}</button>
            </form>
        </section>
        <section aria-labelledby="publications">
            <h2 id="publications">{t!(lang, "publication-list-heading")}</h2>
            {publications.is_empty().then(|| view! { <p>{t!(lang, "publication-list-none")}</p> })}
            {(!publications.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table class="stack">
                        <caption class="visually-hidden">{t!(lang, "publication-list-heading")}</caption>
                        <thead><tr>
                            <th scope="col">{t!(lang, "publication-col-title")}</th>
                            <th scope="col">{t!(lang, "publication-area")}</th>
                            <th scope="col">{t!(lang, "publication-col-period")}</th>
                            <th scope="col">{t!(lang, "publication-col-status")}</th>
                        </tr></thead>
                        <tbody>
                            {publications.into_iter().map(|ListedPublication { id, title, area, from, to, first_published: first, last_published: last, draft, withdrawn }| view! {
                                <tr>
                                    <td class="stack-title"><a href=lang.path(&format!("{ADDRESS}/{id}"))>{if withdrawn { t!(lang, "publication-withdrawn-title") } else { non_empty(title.get(lang), &title) }}</a></td>
                                    <td data-label=t!(lang, "publication-area")>{area.map(|a| a.get(lang).to_string()).unwrap_or_else(|| t!(lang, "publication-area-all"))}</td>
                                    <td data-label=t!(lang, "publication-col-period")>{period_words(lang, from, to)}</td>
                                    <td data-label=t!(lang, "publication-col-status")>{status_words(lang, first, last, draft)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
    }
}

/// A title in `lang`, or the other language's while the draft has none.
fn non_empty(s: &str, names: &Names) -> String {
    if s.trim().is_empty() {
        if names.en.trim().is_empty() {
            names.cy.clone()
        } else {
            names.en.clone()
        }
    } else {
        s.to_string()
    }
}

fn period_words(lang: Lang, from: Timestamp, to: Timestamp) -> String {
    t!(lang, "publication-period", from = crate::time::date(lang, from), to = crate::time::date(lang, to))
}

// ---------------------------------------------------------------------------------------------
// One publication, for staff.

/// A version as the history lists it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct VersionSummary {
    pub number: i64,
    pub created_by: String,
    pub created_at: Timestamp,
    pub published_at: Option<Timestamp>,
    pub correction: Names,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PublicationView {
    pub id: i64,
    pub csp_slug: String,
    pub area: Names,
    pub whole_csp: bool,
    pub from: Timestamp,
    pub to: Timestamp,
    pub told_subscribers: i64,
    pub told_reporters: i64,
    pub told_respondents: i64,
    pub views_total: i64,
    pub views_recent: i64,
    /// The latest version (a draft, or the latest published).
    pub version_id: i64,
    pub number: i64,
    pub draft: bool,
    pub words: Words,
    pub items: Vec<Item>,
    pub ever_published: bool,
    pub problems: Vec<PublishProblem>,
    /// While a draft: the free-text answers of the area and period's campaigns whose
    /// respondents agreed to be quoted, each of which may be added as a quote.
    pub quotable: Vec<db::publications::QuotableAnswer>,
    pub versions: Vec<VersionSummary>,
    pub kept: kept::KeptForm,
    /// Withdrawn (0037): when, and the reason in both languages.
    pub withdrawn: Option<(Timestamp, Names)>,
    /// The reader may withdraw it (`WithdrawPublication`: managers, not the engagement lead).
    pub may_withdraw: bool,
}

/// The staff view of a publication, for someone who may publish in its partnership; another
/// partnership's (or an unknown) publication is "not found".
pub async fn publication_view(id: i64, kept_token: Option<String>) -> Result<PublicationView, ServerFnError> {
    let user = require_user()?;
    let state = AppState::current()?;
    let db = &state.db;
    let p =
        db::publications::get(db, id).await.map_err(internal)?.ok_or_else(|| reject(AppError::NotFound))?;
    if !user.can(Permission::PublishYouSaidWeDid, p.csp_id) {
        return Err(reject(match user.can_somewhere(Permission::PublishYouSaidWeDid) {
            true => AppError::NotFound,
            false => AppError::Forbidden,
        }));
    }
    let versions = db::publications::versions(db, id).await.map_err(internal)?;
    let latest = versions.first().cloned().ok_or_else(|| reject(AppError::NotFound))?;
    let items = db::publications::items(db, latest.id).await.map_err(internal)?;
    let draft = latest.published_at.is_none();
    let problems = match draft {
        true => {
            let residents =
                super::sources::residents_drawn_on(&state, p.csp_id, &items).await.map_err(internal)?;
            publish_problems(&latest.words(), &items, &residents, latest.number > 1)
        }
        false => Vec::new(),
    };
    let quotable = match draft {
        true => {
            let campaigns = db::publications::closed_campaigns(
                db,
                p.csp_id,
                p.neighbourhood_id,
                p.period_from,
                p.period_to + 86_400,
            )
            .await
            .map_err(internal)?;
            db::publications::quotable_answers(db, p.csp_id, &campaigns, p.neighbourhood_id)
                .await
                .map_err(internal)?
        }
        false => Vec::new(),
    };
    let now = db::now();
    let (views_total, views_recent) =
        db::publications::views(db, id, day_of(now) - (RECENT_DAYS - 1) * 86_400).await.map_err(internal)?;
    let kept = kept::kept(db, user.id, &publication_page(id), kept_token.as_deref()).await;
    let withdrawn = db::publications::withdrawal(db, id)
        .await
        .map_err(internal)?
        .map(|w| (w.withdrawn_at, Names::new(w.reason_en, w.reason_cy)));
    let may_withdraw = user.can(Permission::WithdrawPublication, p.csp_id);
    Ok(PublicationView {
        id,
        csp_slug: p.csp_slug.clone(),
        area: p.area(),
        whole_csp: p.neighbourhood_id.is_none(),
        from: p.period_from,
        to: p.period_to,
        told_subscribers: p.told_subscribers,
        told_reporters: p.told_reporters,
        told_respondents: p.told_respondents,
        views_total,
        views_recent,
        version_id: latest.id,
        number: latest.number,
        draft,
        words: latest.words(),
        items,
        ever_published: versions.iter().any(|v| v.published_at.is_some()),
        problems,
        quotable,
        versions: versions
            .iter()
            .map(|v| VersionSummary {
                number: v.number,
                created_by: v.created_by.clone(),
                created_at: v.created_at,
                published_at: v.published_at,
                correction: Names::new(&v.correction_en, &v.correction_cy),
            })
            .collect(),
        kept,
        withdrawn,
        may_withdraw,
    })
}

fn id_param() -> i64 {
    use_params_map().read_untracked().get("id").and_then(|i| i.parse::<i64>().ok()).unwrap_or(0)
}

#[component]
pub fn PublicationPage() -> impl IntoView {
    let lang = use_lang();
    let q = use_query_map().read_untracked();
    let load = publication_view(id_param(), q.get("kept"));
    view! {
        <Page lang title=t!(lang, "publication-title") load render=move |view| publication(lang, view)>
            <Notice lang />
        </Page>
    }
}

fn publication(lang: Lang, v: PublicationView) -> impl IntoView {
    let title = non_empty(
        if lang == Lang::Cy { &v.words.title_cy } else { &v.words.title_en },
        &Names::new(&v.words.title_en, &v.words.title_cy),
    );
    let id = v.id;
    view! {
        <p class="breadcrumb"><a href=lang.path(&format!("{ADDRESS}?csp={}", v.csp_slug))>{t!(lang, "publication-list-title")}</a></p>
        <h2>{title}</h2>
        <p class="meta">
            {v.area.get(lang).to_string()} " · " {period_words(lang, v.from, v.to)} " · "
            {t!(lang, "publication-version", number = v.number)} " · "
            {if v.draft { t!(lang, "publication-status-draft") } else { t!(lang, "publication-status-live") }}
        </p>
        {v.ever_published.then(|| view! { <p><a href=public_path(lang, id)>{t!(lang, "publication-public-page")}</a></p> })}
        <Reach lang told_subscribers=v.told_subscribers told_reporters=v.told_reporters told_respondents=v.told_respondents views_total=v.views_total views_recent=v.views_recent />
        {if let Some((at, reason)) = v.withdrawn.clone() {
            view! {
                <div class="notice" role="note"><p>
                    {t!(lang, "publication-withdrawn-on", date = crate::time::date(lang, at), reason = reason.get(lang).to_string())}
                </p></div>
            }.into_any()
        } else if v.draft {
            view! {
                <Checks lang problems=v.problems.clone() />
                <p><a href=lang.path(&format!("{ADDRESS}/{id}/preview"))>{t!(lang, "publication-preview")}</a></p>
                {edit_form(lang, &v)}
                <Quotable lang id csp=v.csp_slug.clone() version=v.version_id answers=v.quotable.clone() />
                <form method="post" action=format!("{ADDRESS}/{id}/publish") class="form card">
                    <input type="hidden" name="lang" value=lang.code() />
                    <input type="hidden" name="csp" value=v.csp_slug.clone() />
                    <input type="hidden" name="version" value=v.version_id.to_string() />
                    <p>{if v.number > 1 { t!(lang, "publication-publish-correction-hint") } else { t!(lang, "publication-publish-hint") }}</p>
                    <button type="submit" class="button">{t!(lang, "publication-publish")}</button>
                </form>
            }.into_any()
        } else {
            correct_form(lang, &v)
        }}
        {(v.withdrawn.is_none() && v.ever_published && v.may_withdraw).then(|| withdraw_form(lang, &v))}
        <Versions lang versions=v.versions.clone() />
    }
}

#[component]
fn Reach(
    lang: Lang,
    told_subscribers: i64,
    told_reporters: i64,
    told_respondents: i64,
    views_total: i64,
    views_recent: i64,
) -> impl IntoView {
    view! {
        <section aria-labelledby="reach" class="card">
            <h2 id="reach">{t!(lang, "publication-reach")}</h2>
            <dl class="facts">
                <dt>{t!(lang, "publication-reach-subscribers")}</dt>
                <dd data-reach="subscribers">{told_subscribers}</dd>
                <dt>{t!(lang, "publication-reach-reporters")}</dt>
                <dd data-reach="reporters">{told_reporters}</dd>
                <dt>{t!(lang, "publication-reach-respondents")}</dt>
                <dd data-reach="respondents">{told_respondents}</dd>
                <dt>{t!(lang, "publication-reach-views")}</dt>
                <dd data-reach="views">{views_total}</dd>
                <dt>{t!(lang, "publication-reach-recent", days = RECENT_DAYS)}</dt>
                <dd data-reach="recent">{views_recent}</dd>
            </dl>
            <p class="hint">{t!(lang, "publication-reach-hint")}</p>
        </section>
    }
}

/// Residents' words that may be quoted (their respondents agreed when answering), each with a
/// form adding it to the draft as a quote.
#[component]
fn Quotable(
    lang: Lang,
    id: i64,
    csp: String,
    version: i64,
    answers: Vec<db::publications::QuotableAnswer>,
) -> impl IntoView {
    view! {
        <section aria-labelledby="quotable" class="card">
            <h2 id="quotable">{t!(lang, "publication-quotable")}</h2>
            <p class="hint">{t!(lang, "publication-quotable-hint")}</p>
            {if answers.is_empty() {
                view! { <p>{t!(lang, "publication-quotable-none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="quotable">
                        {answers.into_iter().map(|a| {
                            let campaign = Names::new(&a.campaign_en, &a.campaign_cy);
                            view! {
                                <li>
                                    <blockquote lang=a.language.clone()>{a.text.clone()}</blockquote>
                                    <p class="meta">{campaign.get(lang).to_string()}</p>
                                    <form method="post" action=format!("{ADDRESS}/{id}/quote") class="inline">
                                        <input type="hidden" name="lang" value=lang.code() />
                                        <input type="hidden" name="csp" value=csp.clone() />
                                        <input type="hidden" name="version" value=version.to_string() />
                                        <input type="hidden" name="response" value=a.response_id.to_string() />
                                        <input type="hidden" name="question" value=a.question.clone() />
                                        <button type="submit" class="button secondary">{t!(lang, "publication-quote-add")}</button>
                                    </form>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// What stops the draft being published, item by item.
#[component]
fn Checks(lang: Lang, problems: Vec<PublishProblem>) -> impl IntoView {
    view! {
        <section aria-labelledby="checks">
            <h2 id="checks">{t!(lang, "publication-checks")}</h2>
            {if problems.is_empty() {
                view! { <p>{t!(lang, "publication-checks-none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="problems">
                        {problems.into_iter().map(|p| view! { <li>{super::problem_words(lang, p)}</li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

fn kind_name(lang: Lang, kind: ItemKind) -> String {
    match kind {
        ItemKind::Said => t!(lang, "publication-you-said"),
        ItemKind::Did => t!(lang, "publication-we-did"),
    }
}

/// The draft's form: every field, each item editable or removable, one empty row to add one.
/// A refused form comes back as typed.
fn edit_form(lang: Lang, v: &PublicationView) -> AnyView {
    let k = &v.kept;
    let kept_edit = k.is("edit");
    let value = |name: &str, stored: &str| k.value("edit", name, stored);
    let all = |name: &str| -> Vec<String> {
        k.fields.iter().filter(|(n, _)| n == name).map(|(_, v)| v.clone()).collect()
    };
    // The rows: as kept (the last one is the add row), or the stored items and an empty row.
    let rows: Vec<(String, String, String, String, String)> = if kept_edit {
        let (kinds, en, cy, sources, actions) =
            (all("item_kind"), all("item_en"), all("item_cy"), all("item_source"), all("item_action"));
        (0..en.len())
            .map(|i| {
                (
                    kinds.get(i).cloned().unwrap_or_default(),
                    en[i].clone(),
                    cy.get(i).cloned().unwrap_or_default(),
                    sources.get(i).cloned().unwrap_or_default(),
                    actions.get(i).cloned().unwrap_or_default(),
                )
            })
            .collect()
    } else {
        v.items
            .iter()
            .map(|i| {
                (
                    i.kind.as_str().to_string(),
                    i.text.en.clone(),
                    i.text.cy.clone(),
                    i.source_value(),
                    "keep".into(),
                )
            })
            .chain(std::iter::once((
                "said".to_string(),
                String::new(),
                String::new(),
                "none".to_string(),
                "keep".into(),
            )))
            .collect()
    };
    let last = rows.len().saturating_sub(1);
    let w = &v.words;
    view! {
        <section aria-labelledby="edit" class="card">
            <h2 id="edit">{t!(lang, "publication-edit")}</h2>
            <form method="post" action=format!("{ADDRESS}/{}/edit", v.id) class="form">
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="csp" value=v.csp_slug.clone() />
                <input type="hidden" name="version" value=v.version_id.to_string() />
                <div class="field">
                    <label for="title_en">{t!(lang, "publication-title-en")}</label>
                    <input id="title_en" name="title_en" type="text" lang="en" maxlength="200" value=value("title_en", &w.title_en) />
                </div>
                <div class="field">
                    <label for="title_cy">{t!(lang, "publication-title-cy")}</label>
                    <input id="title_cy" name="title_cy" type="text" lang="cy" maxlength="200" value=value("title_cy", &w.title_cy) />
                </div>
                <div class="field">
                    <label for="intro_en">{t!(lang, "publication-intro-en")}</label>
                    <textarea id="intro_en" name="intro_en" lang="en" rows="3">{value("intro_en", &w.intro_en)}</textarea>
                </div>
                <div class="field">
                    <label for="intro_cy">{t!(lang, "publication-intro-cy")}</label>
                    <textarea id="intro_cy" name="intro_cy" lang="cy" rows="3">{value("intro_cy", &w.intro_cy)}</textarea>
                </div>
                {(v.number > 1).then(|| view! {
                    <div class="field">
                        <label for="correction_en">{t!(lang, "publication-correction-en")}</label>
                        <textarea id="correction_en" name="correction_en" lang="en" rows="2">{value("correction_en", &w.correction_en)}</textarea>
                    </div>
                    <div class="field">
                        <label for="correction_cy">{t!(lang, "publication-correction-cy")}</label>
                        <textarea id="correction_cy" name="correction_cy" lang="cy" rows="2">{value("correction_cy", &w.correction_cy)}</textarea>
                    </div>
                })}
                {rows.into_iter().enumerate().map(|(i, (kind, en, cy, source, action))| {
                    let adding = i == last;
                    let legend = if adding { t!(lang, "publication-item-add") } else { t!(lang, "publication-item", number = ((i + 1) as i64)) };
                    view! {
                        <fieldset class="field item">
                            <legend>{legend}</legend>
                            <input type="hidden" name="item_source" value=source />
                            <div class="field">
                                <label for=format!("item-kind-{i}")>{t!(lang, "publication-item-kind")}</label>
                                <select id=format!("item-kind-{i}") name="item_kind">
                                    {ItemKind::ALL.iter().map(|k| view! {
                                        <option value=k.as_str() selected=kind == k.as_str()>{kind_name(lang, *k)}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for=format!("item-en-{i}")>{t!(lang, "publication-item-en")}</label>
                                <textarea id=format!("item-en-{i}") name="item_en" lang="en" rows="4">{en}</textarea>
                            </div>
                            <div class="field">
                                <label for=format!("item-cy-{i}")>{t!(lang, "publication-item-cy")}</label>
                                <textarea id=format!("item-cy-{i}") name="item_cy" lang="cy" rows="4">{cy}</textarea>
                            </div>
                            {if adding {
                                view! { <input type="hidden" name="item_action" value="keep" /> }.into_any()
                            } else {
                                view! {
                                    <div class="field">
                                        <label for=format!("item-action-{i}")>{t!(lang, "publication-item-action")}</label>
                                        <select id=format!("item-action-{i}") name="item_action">
                                            <option value="keep" selected=action != "remove">{t!(lang, "publication-item-keep")}</option>
                                            <option value="remove" selected=action == "remove">{t!(lang, "publication-item-remove")}</option>
                                        </select>
                                    </div>
                                }.into_any()
                            }}
                        </fieldset>
                    }
                }).collect_view()}
                <button type="submit" class="button">{t!(lang, "publication-save")}</button>
            </form>
        </section>
    }
    .into_any()
}

fn correct_form(lang: Lang, v: &PublicationView) -> AnyView {
    let k = &v.kept;
    view! {
        <section aria-labelledby="correct" class="card">
            <h2 id="correct">{t!(lang, "publication-correct")}</h2>
            <p>{t!(lang, "publication-correct-hint")}</p>
            <form method="post" action=format!("{ADDRESS}/{}/correct", v.id) class="form">
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="csp" value=v.csp_slug.clone() />
                <input type="hidden" name="version" value=v.version_id.to_string() />
                <div class="field">
                    <label for="correction_en">{t!(lang, "publication-correction-en")}</label>
                    <textarea id="correction_en" name="correction_en" lang="en" rows="2">{k.value("correct", "correction_en", "")}</textarea>
                </div>
                <div class="field">
                    <label for="correction_cy">{t!(lang, "publication-correction-cy")}</label>
                    <textarea id="correction_cy" name="correction_cy" lang="cy" rows="2">{k.value("correct", "correction_cy", "")}</textarea>
                </div>
                <button type="submit" class="button">{t!(lang, "publication-correct-button")}</button>
            </form>
        </section>
    }
    .into_any()
}

/// Withdrawing a published publication (managers only), for when something identifying slipped
/// through: the reason in both languages, shown publicly.
fn withdraw_form(lang: Lang, v: &PublicationView) -> AnyView {
    let k = &v.kept;
    view! {
        <section aria-labelledby="withdraw" class="card">
            <h2 id="withdraw">{t!(lang, "publication-withdraw")}</h2>
            <p>{t!(lang, "publication-withdraw-hint")}</p>
            <form method="post" action=format!("{ADDRESS}/{}/withdraw", v.id) class="form">
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="csp" value=v.csp_slug.clone() />
                <div class="field">
                    <label for="reason_en">{t!(lang, "publication-withdraw-reason-en")}</label>
                    <textarea id="reason_en" name="reason_en" lang="en" rows="2">{k.value("withdraw", "reason_en", "")}</textarea>
                </div>
                <div class="field">
                    <label for="reason_cy">{t!(lang, "publication-withdraw-reason-cy")}</label>
                    <textarea id="reason_cy" name="reason_cy" lang="cy" rows="2">{k.value("withdraw", "reason_cy", "")}</textarea>
                </div>
                <button type="submit" class="button button-secondary">{t!(lang, "publication-withdraw-button")}</button>
            </form>
        </section>
    }
    .into_any()
}

#[component]
fn Versions(lang: Lang, versions: Vec<VersionSummary>) -> impl IntoView {
    view! {
        <section aria-labelledby="versions">
            <h2 id="versions">{t!(lang, "publication-versions")}</h2>
            <ul>
                {versions.into_iter().map(|v| view! {
                    <li>
                        {t!(lang, "publication-version", number = v.number)} " · "
                        {v.created_by.clone()} " · "
                        {match v.published_at {
                            Some(at) => t!(lang, "publication-status-published", date = crate::time::date(lang, at)),
                            None => t!(lang, "publication-status-draft"),
                        }}
                        {(!v.correction.get(lang).is_empty()).then(|| format!(" · {}", v.correction.get(lang)))}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// The public page (and the staff preview, which renders exactly the same body).

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PublicView {
    pub id: i64,
    pub csp_slug: String,
    pub csp_name: Names,
    pub area: Names,
    /// The neighbourhood's public address (none: the whole partnership).
    pub public_slug: Option<String>,
    pub from: Timestamp,
    pub to: Timestamp,
    pub words: Words,
    pub items: Vec<Item>,
    /// Each item's live progress, in the order of `items`: for a "we did" item drawn from one of
    /// the partnership's profiles or priorities, read now; none for the others.
    pub progress: Vec<Option<ItemProgress>>,
    /// When the version shown was published (none: a draft, in the preview).
    pub published_at: Option<Timestamp>,
    /// When the publication was first published.
    pub first_published: Option<Timestamp>,
    pub corrected: bool,
    /// Withdrawn (0037): when, and why; nothing of its text is shown (none is kept).
    pub withdrawn: Option<(Timestamp, Names)>,
}

async fn public_view_of(
    db: &db::Db,
    p: db::publications::PublicationRow,
    draft: bool,
) -> Result<Option<PublicView>, db::DbError> {
    let versions = db::publications::versions(db, p.id).await?;
    let shown = match draft {
        true => versions.first(),
        false => versions.iter().find(|v| v.published_at.is_some()),
    };
    let Some(shown) = shown.cloned() else { return Ok(None) };
    let items = db::publications::items(db, shown.id).await?;
    let progress = items_progress(db, p.csp_id, &items).await?;
    let first_published = versions.iter().filter_map(|v| v.published_at).min();
    let withdrawn = db::publications::withdrawal(db, p.id)
        .await?
        .map(|w| (w.withdrawn_at, Names::new(w.reason_en, w.reason_cy)));
    Ok(Some(PublicView {
        id: p.id,
        csp_slug: p.csp_slug.clone(),
        csp_name: Names::new(&p.csp_en, &p.csp_cy),
        area: p.area(),
        public_slug: p.public_slug.clone(),
        from: p.period_from,
        to: p.period_to,
        corrected: shown.number > 1 && !(shown.correction_en.is_empty() && shown.correction_cy.is_empty()),
        words: shown.words(),
        items,
        progress,
        published_at: shown.published_at,
        first_published,
        withdrawn,
    }))
}

/// The live progress of each "we did" item drawn from a profile or priority of the partnership
/// (computed as the page is read; the published words stay as they were).
async fn items_progress(
    db: &db::Db,
    csp_id: i64,
    items: &[Item],
) -> Result<Vec<Option<ItemProgress>>, db::DbError> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let progress = match (item.kind, item.source, item.source_id) {
            (ItemKind::Did, SourceKind::Profile, Some(id)) => db::progress::profile_progress(db, csp_id, id)
                .await?
                .map(|p| profile_progress(p.stage, &p.actions, p.closed_at)),
            (ItemKind::Did, SourceKind::Priority, Some(id)) => {
                db::priorities::of_csp(db, csp_id, id).await?.map(|p| {
                    let reviews: Vec<ReviewProgress> = p
                        .reviews
                        .iter()
                        .map(|r| ReviewProgress { verdict: r.verdict, reviewed_on: r.reviewed_on })
                        .collect();
                    priority_progress(p.created_at, &p.action_progress, &reviews)
                })
            }
            _ => None,
        };
        out.push(progress);
    }
    Ok(out)
}

/// The public page's data; `None` for an unknown or never published publication. Counts the view.
pub async fn public_view(id: i64) -> Result<Option<PublicView>, ServerFnError> {
    let state = AppState::current()?;
    let db = &state.db;
    let Some(p) = db::publications::get(db, id).await.map_err(internal)? else { return Ok(None) };
    let view = public_view_of(db, p, false).await.map_err(internal)?;
    if view.is_some() {
        if let Err(e) = db::publications::count_view(db, id, day_of(db::now())).await {
            tracing::warn!(error = %e, "could not count a publication's page view");
        }
    }
    Ok(view)
}

/// The preview: the latest version (a draft, usually) as the public page will show it, for
/// those who may publish in its partnership. Not counted.
pub async fn preview_view(id: i64) -> Result<PublicView, ServerFnError> {
    let user = require_user()?;
    let state = AppState::current()?;
    let db = &state.db;
    let p =
        db::publications::get(db, id).await.map_err(internal)?.ok_or_else(|| reject(AppError::NotFound))?;
    if !user.can(Permission::PublishYouSaidWeDid, p.csp_id) {
        return Err(reject(AppError::NotFound));
    }
    public_view_of(db, p, true).await.map_err(internal)?.ok_or_else(|| reject(AppError::NotFound))
}

#[component]
pub fn PublicPage() -> impl IntoView {
    let lang = use_lang();
    let load = public_view(id_param());
    view! {
        <Page lang load render=move |found| match found {
            None => view! { <NotFoundMessage lang /> }.into_any(),
            Some(view) => view! { <PublicBody lang view /> }.into_any(),
        } />
    }
}

#[component]
pub fn PreviewPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let load = preview_view(id);
    view! {
        <Page lang error_title=t!(lang, "publication-preview") load render=move |view| view! {
            <div class="notice" role="note"><p>
                {t!(lang, "publication-preview-note")} " "
                <a href=lang.path(&format!("{ADDRESS}/{id}"))>{t!(lang, "publication-back")}</a>
            </p></div>
            <PublicBody lang view />
        } />
    }
}

/// A publication as the public reads it.
#[component]
pub fn PublicBody(lang: Lang, view: PublicView) -> impl IntoView {
    if let Some((at, reason)) = view.withdrawn.clone() {
        return withdrawn_body(lang, view, at, reason);
    }
    let PublicView {
        csp_slug,
        csp_name,
        area,
        public_slug,
        from,
        to,
        words,
        items,
        progress,
        published_at,
        first_published,
        corrected,
        ..
    } = view;
    let (title, intro, correction) = match lang {
        Lang::En => (words.title_en, words.intro_en, words.correction_en),
        Lang::Cy => (words.title_cy, words.intro_cy, words.correction_cy),
    };
    let area_link = match &public_slug {
        Some(slug) => lang.path(&format!("/neighbourhoods/{slug}")),
        None => lang.path(&format!("/partnerships/{csp_slug}")),
    };
    let entries = |kind: ItemKind| -> Vec<(String, Option<ItemProgress>)> {
        items
            .iter()
            .zip(progress.iter().cloned().chain(std::iter::repeat(None)))
            .filter(|(i, _)| i.kind == kind)
            .map(|(i, p)| (i.text.get(lang).to_string(), p))
            .collect()
    };
    let (said, did) = (entries(ItemKind::Said), entries(ItemKind::Did));
    let paragraphs = |text: String| {
        text.lines().filter(|l| !l.trim().is_empty()).map(|l| view! { <p>{l.to_string()}</p> }).collect_view()
    };
    let list = move |heading_id: &'static str,
                     heading: String,
                     entries: Vec<(String, Option<ItemProgress>)>| {
        view! {
            <section aria-labelledby=heading_id class="ysw">
                <h2 id=heading_id>{heading}</h2>
                {if entries.is_empty() {
                    view! { <p>{t!(lang, "publication-nothing")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="ysw-items">
                            {entries.into_iter().map(|(e, p)| view! {
                                <li>
                                    {paragraphs(e)}
                                    {p.map(|p| view! { <Progress lang stage=p.stage timeline=p.timeline /> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        }
    };
    view! {
        <Title text=title.clone() />
        <p class="breadcrumb">
            <a href=lang.path(&format!("/partnerships/{csp_slug}"))>{csp_name.get(lang).to_string()}</a>
            {public_slug.is_some().then(|| view! { " › " <a href=area_link.clone()>{area.get(lang).to_string()}</a> })}
        </p>
        <h1>{title}</h1>
        <p class="meta">
            {t!(lang, "publication-about", area = area.get(lang).to_string(), period = period_words(lang, from, to))}
            {first_published.map(|at| format!(" · {}", t!(lang, "publication-published-on", date = crate::time::date(lang, at))))}
        </p>
        {corrected.then(|| view! {
            <div class="notice" role="note"><p>
                {t!(lang, "publication-corrected-on", date = published_at.map(|at| crate::time::date(lang, at)).unwrap_or_default(), note = correction.clone())}
            </p></div>
        })}
        {paragraphs(intro)}
        {list("you-said", t!(lang, "publication-you-said"), said)}
        {list("we-did", t!(lang, "publication-we-did"), did)}
        <p><a href=area_link>{t!(lang, "publication-more", area = area.get(lang).to_string())}</a></p>
    }
    .into_any()
}

/// A withdrawn publication as the public reads it: that it was withdrawn, when and why, in the
/// reader's language, and none of its old text.
fn withdrawn_body(lang: Lang, view: PublicView, at: Timestamp, reason: Names) -> AnyView {
    let area_link = match &view.public_slug {
        Some(slug) => lang.path(&format!("/neighbourhoods/{slug}")),
        None => lang.path(&format!("/partnerships/{}", view.csp_slug)),
    };
    view! {
        <Title text=t!(lang, "publication-withdrawn-title") />
        <h1>{t!(lang, "publication-withdrawn-title")}</h1>
        <div class="notice" role="note"><p>
            {t!(lang, "publication-withdrawn-on", date = crate::time::date(lang, at), reason = reason.get(lang).to_string())}
        </p></div>
        <p><a href=area_link>{t!(lang, "publication-more", area = view.area.get(lang).to_string())}</a></p>
    }
    .into_any()
}

// ---------------------------------------------------------------------------------------------
// Lists on the neighbourhood and partnership pages.

/// A published publication as the public pages list it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedEntry {
    pub id: i64,
    pub title: Names,
    pub area: Option<Names>,
    pub published: Timestamp,
    pub corrected: bool,
}

/// Published publications of a partnership (with a neighbourhood: its own and the
/// partnership-wide ones), most recent first.
pub async fn published_entries(
    db: &db::Db,
    csp_id: i64,
    neighbourhood: Option<i64>,
) -> Result<Vec<PublishedEntry>, db::DbError> {
    Ok(db::publications::published(db, csp_id, neighbourhood, 20)
        .await?
        .into_iter()
        .filter_map(|l| {
            let area = match (l.neighbourhood_en, l.neighbourhood_cy) {
                (Some(en), Some(cy)) => Some(Names::new(en, cy)),
                _ => None,
            };
            Some(PublishedEntry {
                id: l.id,
                title: Names::new(l.title_en, l.title_cy),
                area,
                published: l.last_published?,
                corrected: l.first_published != l.last_published,
            })
        })
        .collect())
}

/// The list of publications a public page shows.
#[component]
pub fn PublishedList(lang: Lang, entries: Vec<PublishedEntry>) -> impl IntoView {
    view! {
        <section aria-labelledby="ysw-heading">
            <h2 id="ysw-heading">{t!(lang, "publication-public-list")}</h2>
            {if entries.is_empty() {
                view! { <p>{t!(lang, "publication-public-none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="publications">
                        {entries.into_iter().map(|e| view! {
                            <li>
                                <a href=public_path(lang, e.id)>{e.title.get(lang).to_string()}</a>
                                <span class="meta">
                                    " " {e.area.map(|a| format!("{} · ", a.get(lang))).unwrap_or_default()}
                                    {if e.corrected {
                                        t!(lang, "publication-status-corrected", date = crate::time::date(lang, e.published))
                                    } else {
                                        t!(lang, "publication-status-published", date = crate::time::date(lang, e.published))
                                    }}
                                </span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
