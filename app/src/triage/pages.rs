//! Staff pages for triage: the intake queue (`/staff/intake`), one report (`/staff/reports/{ref}`)
//! with its actions as plain forms, and the intelligence items one may see
//! (`/staff/intelligence`). All work without JavaScript.

use crate::staff::CspAccess;
use crate::{
    i18n::Lang,
    reference::Names,
    reporting::{
        pages::{qualifier_name, status_name, strand_name},
        ReportSource, ReportStatus,
    },
    reporting::{AsbQualifier, HATE_STRANDS},
    shell::{
        outcome::{Outcome, Pages},
        page::Page,
        use_lang, CspPicker, Hidden,
    },
    t,
    triage::{
        IntelligenceItem, IntelligenceSource, LinkKind, LinkReason, LinkSuggestion, PartnerItem, QueueCounts,
        QueueFilter, QueueRow, ReporterDetails, TENSION_TAGS,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct QueueView {
    pub csps: Vec<(String, Names)>,
    pub selected: String,
    pub filter: QueueFilter,
    pub rows: Vec<QueueRow>,
    pub total: i64,
    pub counts: QueueCounts,
    pub categories: Vec<(String, Names)>,
    pub neighbourhoods: Vec<(i64, Names)>,
    /// A reference looked up, as typed, and as the hub writes it (`None`: it cannot be one).
    pub lookup: Option<(String, Option<String>)>,
}

/// The intake queue's data: one page of the chosen CSP's reports, filtered.
pub async fn intake_queue(csp: Option<String>, filter: QueueFilter) -> Result<QueueView, ServerFnError> {
    use crate::{error::internal, staff::Permission};
    let user = crate::staff::pages::require_user()?;
    let state = crate::state::AppState::current()?;
    let allowed = user.csps_where(Permission::ViewReports);
    let Some(CspAccess { id: csp_id, slug, .. }) = crate::staff::StaffUser::pick_csp(&allowed, csp) else {
        return Err(crate::error::reject(crate::error::AppError::Forbidden));
    };
    let mut filter = filter;
    let typed = filter.reference.trim().to_string();
    let lookup = (!typed.is_empty()).then(|| {
        let reference = crate::reporting::parse_reference(&typed);
        (typed, reference)
    });
    filter.reference = lookup.as_ref().and_then(|(_, r)| r.clone()).unwrap_or_default();
    let working_days = crate::db::triage::acknowledge_days(&state.db, csp_id).await.map_err(internal)?;
    let overdue_before = crate::triage::overdue_cutoff(crate::db::now(), working_days);
    let crate::db::triage::QueuePage { rows, total, counts } =
        crate::db::triage::queue(&state.db, csp_id, &filter, user.id, overdue_before)
            .await
            .map_err(internal)?;
    let categories = crate::db::reporting::categories(&state.db, csp_id)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|c| (c.code, c.name))
        .collect();
    let neighbourhoods = crate::db::reference::neighbourhoods(&state.db, csp_id)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|n| (n.id, n.name))
        .collect();
    Ok(QueueView {
        csps: allowed.into_iter().map(CspAccess::choice).collect(),
        selected: slug,
        filter,
        rows,
        total,
        counts,
        categories,
        neighbourhoods,
        lookup,
    })
}

/// One report as the person looking at it may see it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ReportForTriage {
    pub reference: String,
    pub version: i64,
    pub status: ReportStatus,
    pub category: Names,
    pub family: crate::reporting::Family,
    pub asb_qualifier: Option<AsbQualifier>,
    pub hate_strands: Vec<String>,
    pub ward: Names,
    pub neighbourhood: Names,
    pub location_text: String,
    pub point: Option<(f64, f64)>,
    pub when: Option<String>,
    pub ongoing: bool,
    pub description: String,
    /// The resident's preferred language.
    pub language: Lang,
    pub sensitive: bool,
    pub received: crate::time::Timestamp,
    pub acknowledged: bool,
    pub source: ReportSource,
    pub assigned_user_id: Option<i64>,
    pub assigned_organisation_id: Option<i64>,
    pub assigned_team_id: Option<i64>,
    pub teams: Vec<(i64, String)>,
    pub timeline: Vec<crate::triage::ReportUpdate>,
    pub item: Option<IntelligenceItem>,
    /// Whether the reporter gave contact details, and whether the hub may email them (not the
    /// details): officers see why no email goes.
    pub anonymous: bool,
    pub email_rule: crate::reporting::EmailRule,
    /// The details themselves, only after "show contact details" (audited).
    pub contact: Option<ReporterDetails>,
    pub suggested_summary: String,
    pub may_triage: bool,
    pub may_see_contact: bool,
    pub people: Vec<(i64, String)>,
    pub organisations: Vec<(i64, String)>,
    pub category_code: String,
    pub trigger_rule: Option<String>,
    pub contact_verified: bool,
    /// The CSP's categories: (code, names).
    pub categories: Vec<(String, Names)>,
    /// Linked reports: (reference, duplicate or repeat, this report is the later one).
    pub links: Vec<crate::triage::ReportLink>,
    pub suggestions: Vec<LinkSuggestion>,
    /// A refused form (update, question, grade) as the officer typed it (`?kept=`).
    pub kept: crate::staff::kept::KeptForm,
}

/// One report for the page. Every call is a read of the resident's words and is audited (with
/// the reports suggested as links); the contact details are added only while rendering the
/// answer to the "Show contact details" POST (`actions::show_contact`), audited too. No audit
/// entry, no data.
pub async fn triage_view(reference: String, kept: Option<String>) -> Result<ReportForTriage, ServerFnError> {
    use crate::{
        audit::{AuditAction, NewAuditEntry},
        error::{internal, reject, AppError},
        staff::Permission,
    };
    let user = crate::staff::pages::require_user()?;
    let state = crate::state::AppState::current()?;
    // Another CSP's report is "not found", exactly like one that does not exist.
    let Some(record) = crate::db::triage::record(&state.db, &reference).await.map_err(internal)? else {
        return Err(reject(AppError::NotFound));
    };
    if !user.can(Permission::ViewReports, record.csp_id) {
        return Err(reject(AppError::NotFound));
    }
    let may_see_contact = user.can(Permission::ViewReporterContact, record.csp_id);
    let reporter = crate::db::triage::reporter(&state.db, record.id).await.map_err(internal)?;
    let read = |action: AuditAction, detail: Option<String>| NewAuditEntry {
        actor_user_id: Some(user.id),
        actor_label: user.email.clone(),
        action: Some(action),
        record_type: Some("report".into()),
        record_id: Some(record.reference.clone()),
        csp_id: Some(record.csp_id),
        ip: crate::staff::session::client_ip(),
        detail,
    };
    let items = crate::db::triage::intelligence(
        &state.db,
        record.csp_id,
        crate::db::triage::Audience::Csp,
        Some(&record.reference),
        1,
    )
    .await
    .map_err(internal)?;
    let timeline = crate::db::triage::updates(&state.db, record.id).await.map_err(internal)?;
    let people = crate::db::triage::assignable_people(&state.db, record.csp_id)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let organisations = crate::db::triage::organisations(&state.db, record.csp_id)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let when = record.happened_at.clone();
    let links = crate::db::triage::links(&state.db, record.id).await.map_err(internal)?;
    let settings = crate::db::trigger::rules(&state.db, record.csp_id).await.map_err(internal)?;
    let window = settings.link_window_days * 86_400;
    let nearby = crate::db::triage::link_candidates(
        &state.db,
        record.csp_id,
        record.family,
        record.created_at - window,
        record.created_at + window,
    )
    .await
    .map_err(internal)?;
    let me = crate::triage::LinkCandidate {
        reference: record.reference.clone(),
        created_at: record.created_at,
        family: record.family,
        neighbourhood_id: record.neighbourhood_id,
        point: record.point,
        description: record.description.clone(),
    };
    let suggestions: Vec<LinkSuggestion> = crate::triage::suggest_links(
        &me,
        &nearby,
        settings.link_distance_metres as f64,
        settings.link_window_days,
    )
    .into_iter()
    .filter(|s| !links.iter().any(|l| l.other == s.reference))
    .collect();
    // This view, naming the other reports it suggests; written before anything is shown.
    let suggested: Vec<&str> = suggestions.iter().map(|s| s.reference.as_str()).collect();
    let detail = (!suggested.is_empty()).then(|| format!("link suggestions: {}", suggested.join(", ")));
    crate::db::audit::record(&state.db, read(AuditAction::ReportViewed, detail)).await.map_err(internal)?;
    // Contact details only in the answer to the POST, each time audited.
    let reveal = use_context::<crate::triage::actions::RevealContact>()
        .is_some_and(|r| r.reference == record.reference);
    let shown_contact = if reveal && may_see_contact && !reporter.anonymous {
        crate::db::audit::record(&state.db, read(AuditAction::ReporterContactViewed, None))
            .await
            .map_err(internal)?;
        Some(reporter.clone())
    } else {
        None
    };
    let categories = crate::db::reporting::categories(&state.db, record.csp_id)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|c| (c.code, c.name))
        .collect();
    let contact_verified =
        crate::db::trigger::contact_verified(&state.db, record.id).await.map_err(internal)?;
    let kept = crate::staff::kept::kept(&state.db, user.id, &record.reference, kept.as_deref()).await;
    Ok(ReportForTriage {
        kept,
        trigger_rule: record.trigger_rule.clone(),
        contact_verified,
        category_code: record.category_code.clone(),
        categories,
        links,
        suggestions,
        // Only for those who grade: the gaps it leaves would point at the reporter's name.
        suggested_summary: if user.can(Permission::TriageReports, record.csp_id) {
            crate::triage::suggest_summary(&record.description, &reporter)
        } else {
            String::new()
        },
        reference: record.reference,
        version: record.version,
        status: record.status,
        category: record.category,
        family: record.family,
        asb_qualifier: record.asb_qualifier,
        hate_strands: record.hate_strands,
        ward: record.ward,
        neighbourhood: record.neighbourhood,
        location_text: record.location_text,
        point: record.point,
        when,
        ongoing: record.ongoing,
        description: record.description,
        language: Lang::parse(&record.language).unwrap_or_default(),
        sensitive: record.sensitive,
        received: record.created_at,
        acknowledged: record.acknowledged_at.is_some(),
        source: record.source,
        assigned_user_id: record.assigned_user_id,
        assigned_organisation_id: record.assigned_organisation_id,
        assigned_team_id: record.assigned_team_id,
        teams: crate::db::staff::teams(&state.db, record.csp_id)
            .await
            .map_err(internal)?
            .into_iter()
            .map(|t| (t.id, t.name))
            .collect(),
        timeline,
        item: items.into_iter().next(),
        anonymous: reporter.anonymous,
        email_rule: reporter.email_rule(),
        contact: shown_contact,
        may_triage: user.can(Permission::TriageReports, record.csp_id),
        may_see_contact,
        people,
        organisations,
    })
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IntelligenceView {
    pub csps: Vec<(String, Names)>,
    pub selected: String,
    pub items: Vec<IntelligenceItem>,
}

/// What a partner's browser is sent: the items shared with its organisation, as `PartnerItem`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PartnerIntelligenceView {
    pub csps: Vec<(String, Names)>,
    pub selected: String,
    pub items: Vec<PartnerItem>,
}

/// The intelligence page for its viewer, built on the server for that viewer's role.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum IntelligencePageView {
    Staff(IntelligenceView),
    Partner(PartnerIntelligenceView),
}

pub async fn intelligence_list(csp: Option<String>) -> Result<IntelligencePageView, ServerFnError> {
    use crate::{
        audit::{AuditAction, NewAuditEntry},
        db::triage::Audience,
        error::{internal, reject, AppError},
        staff::Permission,
    };
    let user = crate::staff::pages::require_user()?;
    let state = crate::state::AppState::current()?;
    let allowed = user.csps_where_any(&[Permission::ViewIntelligence, Permission::ViewSharedIntelligence]);
    let Some(CspAccess { id: csp_id, slug, .. }) = crate::staff::StaffUser::pick_csp(&allowed, csp) else {
        return Err(reject(AppError::Forbidden));
    };
    let partner = !user.can(Permission::ViewIntelligence, csp_id);
    let organisations = user.organisations_in(csp_id);
    let audience = if partner { Audience::Partner(&organisations) } else { Audience::Csp };
    let items =
        crate::db::triage::intelligence(&state.db, csp_id, audience, None, 200).await.map_err(internal)?;
    if partner {
        // Every view by a partner is audited, naming what they saw.
        let seen: Vec<&str> = items.iter().map(|i| i.reference.as_str()).collect();
        let entry = NewAuditEntry {
            actor_user_id: Some(user.id),
            actor_label: user.email.clone(),
            action: Some(AuditAction::IntelligenceViewedByPartner),
            record_type: Some("intelligence".into()),
            record_id: None,
            csp_id: Some(csp_id),
            ip: crate::staff::session::client_ip(),
            detail: Some(seen.join(",")),
        };
        crate::db::audit::record(&state.db, entry).await.map_err(internal)?;
        let items = items.iter().map(crate::triage::item_for_partner).collect();
        return Ok(IntelligencePageView::Partner(PartnerIntelligenceView {
            csps: allowed.into_iter().map(CspAccess::choice).collect(),
            selected: slug,
            items,
        }));
    }
    Ok(IntelligencePageView::Staff(IntelligenceView {
        csps: allowed.into_iter().map(CspAccess::choice).collect(),
        selected: slug,
        items,
    }))
}

/// Why the resident will or will not get an email (officers see it by every form that writes
/// to the resident).
fn email_rule_text(lang: Lang, rule: crate::reporting::EmailRule) -> String {
    use crate::reporting::EmailRule;
    match rule {
        EmailRule::Allowed => t!(lang, "triage-will-email"),
        EmailRule::SafeContact => t!(lang, "triage-email-safe-contact"),
        EmailRule::NoAddress => t!(lang, "triage-email-no-address"),
        EmailRule::NoConsent => t!(lang, "triage-email-no-consent"),
    }
}

/// What one part of a 3x5x2 grade means (`C` is both an assessment and a handling code).
pub fn grade_meaning(lang: Lang, field: &str, part: &str) -> String {
    match (field, part) {
        ("source", "1") => t!(lang, "grade-source-1"),
        ("source", "2") => t!(lang, "grade-source-2"),
        ("source", _) => t!(lang, "grade-source-3"),
        ("intelligence", "A") => t!(lang, "grade-intel-a"),
        ("intelligence", "B") => t!(lang, "grade-intel-b"),
        ("intelligence", "C") => t!(lang, "grade-intel-c"),
        ("intelligence", "D") => t!(lang, "grade-intel-d"),
        ("intelligence", _) => t!(lang, "grade-intel-e"),
        (_, "P") => t!(lang, "grade-handling-p"),
        _ => t!(lang, "grade-handling-c"),
    }
}

pub fn tension_name(lang: Lang, tag: &str) -> String {
    match tag {
        "evidenced" => t!(lang, "tension-evidenced"),
        "experienced" => t!(lang, "tension-experienced"),
        _ => t!(lang, "tension-potential"),
    }
}

#[component]
fn Outcome(lang: Lang) -> impl IntoView {
    let query = use_query_map();
    let (done, error, kept) = (
        query.read_untracked().get("done"),
        query.read_untracked().get("error"),
        query.read_untracked().get("kept"),
    );
    let (done, error) =
        (done.map(|d| Outcome::done(Pages::Report, &d)), error.map(|e| Outcome::error(Pages::Report, &e)));
    view! {
        {done.map(|d| view! { <div class="notice notice-success" role="status"><p>{d.message(lang)}</p></div> })}
        {error.map(|e| match crate::staff::kept::stale_and_kept(e, kept.as_deref()) {
            true => view! { <crate::staff::kept::StaleNotice lang /> }.into_any(),
            false => view! { <div class="error-summary" role="alert"><p>{e.message(lang)}</p></div> }.into_any(),
        })}
    }
}

#[component]
pub fn IntakePage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let q = query.read_untracked();
    let filter = QueueFilter {
        status: q.get("status").unwrap_or_default(),
        category: q.get("category").unwrap_or_default(),
        neighbourhood: q.get("neighbourhood").unwrap_or_default(),
        sensitive: q.get("sensitive").unwrap_or_default(),
        mine: q.get("mine").is_some_and(|m| m == "on"),
        trigger: q.get("trigger").is_some_and(|m| m == "on"),
        older_than: q.get("older_than").unwrap_or_default(),
        sort: q.get("sort").unwrap_or_default(),
        page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        reference: q.get("reference").unwrap_or_default(),
    };
    let load = intake_queue(q.get("csp"), filter);
    view! {
        <Page lang title=t!(lang, "intake-title") load render=move |view| view! { <QueueTable lang view /> } />
    }
}

#[component]
fn QueueTable(lang: Lang, view: QueueView) -> impl IntoView {
    let QueueView { csps, selected, filter, rows, total, counts, categories, neighbourhoods, lookup } = view;
    let csp_name = csps
        .iter()
        .find(|(slug, _)| *slug == selected)
        .map(|(_, name)| name.get(lang).to_string())
        .unwrap_or_default();
    // The outcome of looking a reference up: an error on the field, or a line above the table.
    let (typed, lookup_error, lookup_outcome) = match &lookup {
        None => (String::new(), None, None),
        Some((typed, None)) => {
            (typed.clone(), Some(t!(lang, "intake-find-invalid", typed = typed.clone())), None)
        }
        Some((typed, Some(reference))) if rows.is_empty() => (
            typed.clone(),
            None,
            Some(t!(lang, "intake-find-none", reference = reference.clone(), csp = csp_name.clone())),
        ),
        Some((typed, Some(reference))) => {
            (typed.clone(), None, Some(t!(lang, "intake-find-found", reference = reference.clone())))
        }
    };
    let whole_queue =
        format!("{}?csp={}", lang.path("/staff/intake"), crate::shell::encode_component(&selected));
    let pages = ((total + crate::triage::QUEUE_PAGE_SIZE - 1) / crate::triage::QUEUE_PAGE_SIZE).max(1);
    let page = filter.page.max(1);
    let link = {
        let (selected, f) = (selected.clone(), filter.clone());
        move |p: i64| {
            let enc = crate::shell::encode_component;
            format!(
                "{}?csp={}&status={}&category={}&neighbourhood={}&sensitive={}&sort={}{}&page={p}",
                lang.path("/staff/intake"),
                enc(&selected),
                enc(&f.status),
                enc(&f.category),
                enc(&f.neighbourhood),
                enc(&f.sensitive),
                enc(&f.sort),
                if f.mine { "&mine=on" } else { "" }
            ) + if f.trigger { "&trigger=on" } else { "" }
                + &format!("&older_than={}", enc(&f.older_than))
        }
    };
    view! {
        <p>{t!(lang, "intake-counts", new = counts.new, overdue = counts.overdue, open = counts.open)}</p>
        <FindReport lang selected=selected.clone() typed lookup_error />
        {lookup_outcome.map(|message| view! {
            <div class="notice" role="status">
                <p>{message}" "<a href=whole_queue.clone()>{t!(lang, "intake-find-whole-queue")}</a></p>
            </div>
        })}
        <QueueFilters lang csps selected=selected.clone() filter=filter.clone() categories neighbourhoods />
        <QueueRows lang rows caption=t!(lang, "intake-caption", total = total, page = page, pages = pages) />
        <nav class="pagination" aria-label=t!(lang, "pagination-label")>
            {(page > 1).then(|| view! { <a href=link(page - 1) rel="prev">{t!(lang, "pagination-previous")}</a> })}
            {(page < pages).then(|| view! { <a href=link(page + 1) rel="next">{t!(lang, "pagination-next")}</a> })}
        </nav>
    }
}

/// Looking a report up by its reference, as the resident or the officer typed it.
#[component]
fn FindReport(lang: Lang, selected: String, typed: String, lookup_error: Option<String>) -> impl IntoView {
    let invalid = lookup_error.is_some();
    view! {
        <form method="get" class="form inline-fields" role="search" aria-label=t!(lang, "intake-find-region")>
            <input type="hidden" name="csp" value=selected.clone() />
            <div class="field">
                <label for="find-reference">{t!(lang, "intake-find-label")}</label>
                <p class="hint" id="find-reference-hint">{t!(lang, "intake-find-hint")}</p>
                {lookup_error.map(|message| view! { <p class="field-error" id="find-reference-error">{message}</p> })}
                <input type="text" id="find-reference" name="reference" value=typed autocomplete="off" spellcheck="false"
                    aria-invalid=invalid.then_some("true")
                    aria-describedby=if invalid { "find-reference-hint find-reference-error" } else { "find-reference-hint" } />
            </div>
            <button type="submit" class="button secondary">{t!(lang, "intake-find")}</button>
        </form>
    }
}

/// The queue's filters (and, for people in several CSPs, which CSP's queue).
#[component]
fn QueueFilters(
    lang: Lang,
    csps: Vec<(String, Names)>,
    selected: String,
    filter: QueueFilter,
    categories: Vec<(String, Names)>,
    neighbourhoods: Vec<(i64, Names)>,
) -> impl IntoView {
    let status_options = [
        ("open", t!(lang, "intake-status-open")),
        ("new", t!(lang, "intake-status-new")),
        ("overdue", t!(lang, "intake-status-overdue")),
        ("closed", t!(lang, "intake-status-closed")),
        ("all", t!(lang, "intake-status-all")),
    ];
    view! {
        <form method="get" class="form filters">
            {(csps.len() > 1).then(|| view! {
                <div class="field">
                    <label for="csp">{t!(lang, "audit-partnership")}</label>
                    <select id="csp" name="csp">
                        {csps.iter().map(|(slug, name)| view! { <option value=slug.clone() selected=*slug == selected>{name.get(lang).to_string()}</option> }).collect_view()}
                    </select>
                </div>
            })}
            {(csps.len() <= 1).then(|| view! { <input type="hidden" name="csp" value=selected.clone() /> })}
            <div class="field">
                <label for="status">{t!(lang, "intake-filter-status")}</label>
                <select id="status" name="status">
                    {status_options.into_iter().map(|(value, label)| view! { <option value=value selected=filter.status == value>{label}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="category">{t!(lang, "report-category")}</label>
                <select id="category" name="category">
                    <option value="">{t!(lang, "intake-any")}</option>
                    {categories.iter().map(|(code, name)| view! { <option value=code.clone() selected=*code == filter.category>{name.get(lang).to_string()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="neighbourhood">{t!(lang, "intake-neighbourhood")}</label>
                <select id="neighbourhood" name="neighbourhood">
                    <option value="">{t!(lang, "intake-any")}</option>
                    {neighbourhoods.iter().map(|(id, name)| view! { <option value=id.to_string() selected=id.to_string() == filter.neighbourhood>{name.get(lang).to_string()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="sensitive">{t!(lang, "intake-sensitive")}</label>
                <select id="sensitive" name="sensitive">
                    <option value="">{t!(lang, "intake-any")}</option>
                    <option value="yes" selected=filter.sensitive == "yes">{t!(lang, "intake-yes")}</option>
                    <option value="no" selected=filter.sensitive == "no">{t!(lang, "intake-no")}</option>
                </select>
            </div>
            <div class="field">
                <label for="older_than">{t!(lang, "intake-age")}</label>
                <select id="older_than" name="older_than">
                    <option value="">{t!(lang, "intake-any")}</option>
                    {[7, 14, 28, 90].into_iter().map(|d| view! {
                        <option value=d.to_string() selected=filter.older_than == d.to_string()>{t!(lang, "intake-age-days", days = d)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="sort">{t!(lang, "intake-sort")}</label>
                <select id="sort" name="sort">
                    <option value="oldest" selected=filter.sort != "risk">{t!(lang, "intake-sort-oldest")}</option>
                    <option value="risk" selected=filter.sort == "risk">{t!(lang, "intake-sort-risk")}</option>
                </select>
            </div>
            <div class="choice">
                <input type="checkbox" id="mine" name="mine" value="on" checked=filter.mine />
                <label for="mine">{t!(lang, "intake-mine")}</label>
            </div>
            <div class="choice">
                <input type="checkbox" id="trigger" name="trigger" value="on" checked=filter.trigger />
                <label for="trigger">{t!(lang, "intake-trigger")}</label>
            </div>
            <button type="submit" class="button">{t!(lang, "intake-apply")}</button>
        </form>
    }
}

/// One page of the queue as a table.
#[component]
fn QueueRows(lang: Lang, rows: Vec<QueueRow>, caption: String) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="queue-caption">
            <table>
                <caption id="queue-caption">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(lang, "intake-reference")}</th>
                        <th scope="col">{t!(lang, "intake-received")}</th>
                        <th scope="col">{t!(lang, "report-category")}</th>
                        <th scope="col">{t!(lang, "intake-neighbourhood")}</th>
                        <th scope="col">{t!(lang, "track-status")}</th>
                        <th scope="col">{t!(lang, "intake-grade")}</th>
                        <th scope="col">{t!(lang, "intake-assigned")}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr class:overdue=r.overdue>
                            <td class="nowrap"><a href=lang.path(&format!("/staff/reports/{}", r.reference))>{r.reference.clone()}</a></td>
                            <td>
                                {crate::time::time(lang, r.created_at)}
                                {r.overdue.then(|| view! { <strong class="tag tag-overdue">{t!(lang, "intake-overdue")}</strong> })}
                            </td>
                            <td>
                                {r.category.get(lang).to_string()}
                                {r.sensitive.then(|| view! { <strong class="tag">{t!(lang, "intake-sensitive-tag")}</strong> })}
                                {r.trigger.is_some().then(|| view! { <strong class="tag tag-overdue">{t!(lang, "intake-trigger-tag")}</strong> })}
                                {r.safe_contact.then(|| view! { <strong class="tag tag-overdue">{t!(lang, "intake-safe-contact-tag")}</strong> })}
                            </td>
                            <td>{r.neighbourhood.get(lang).to_string()}</td>
                            <td>{if r.acknowledged { status_name(lang, r.status) } else { t!(lang, "intake-status-new-one") }}</td>
                            <td>{r.graded.as_ref().map(|g| g.label()).unwrap_or_else(|| "—".into())}</td>
                            <td>{r.assigned_to.clone().unwrap_or_else(|| "—".into())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A report's page, named after the report.
#[component]
pub fn TriagePage() -> impl IntoView {
    let lang = use_lang();
    let reference = use_params_map().read_untracked().get("reference").unwrap_or_default();
    let load = triage_view(reference, use_query_map().read_untracked().get("kept"));
    view! {
        <Page lang load render=move |view| view! { <Triage lang view /> } />
    }
}

#[component]
fn Triage(lang: Lang, view: ReportForTriage) -> impl IntoView {
    let title = t!(lang, "triage-title", reference = view.reference.clone());
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        <Outcome lang />
        {facts(lang, &view)}
        <h2>{t!(lang, "triage-description")}</h2>
        <p class="hint">{t!(lang, "triage-description-hint")}</p>
        <blockquote class="resident-words">{view.description.clone()}</blockquote>

        {reporter(lang, &view)}

        {timeline(lang, &view)}

        {view.may_triage.then(|| view! {
            {respond(lang, &view)}
            {classify(lang, &view)}
            {links(lang, &view)}
            {grade_form(lang, &view)}
            {assign(lang, &view)}
        })}
    }
}

/// Where a report's action posts to.
fn action(reference: &str, name: &str) -> String {
    format!("/staff/reports/{reference}/{name}")
}

/// What the resident said happened, where and when, and the warnings that go with it.
fn facts(lang: Lang, view: &ReportForTriage) -> AnyView {
    let resident_language = view.language.endonym();
    view! {
        <dl class="facts">
            <dt>{t!(lang, "track-status")}</dt>
            <dd><strong>{if view.acknowledged { status_name(lang, view.status) } else { t!(lang, "intake-status-new-one") }}</strong></dd>
            <dt>{t!(lang, "report-category")}</dt>
            <dd>
                {view.category.get(lang).to_string()}
                {view.asb_qualifier.map(|q| format!(" ({})", qualifier_name(lang, q)))}
                {(!view.hate_strands.is_empty()).then(|| format!(" ({})", view.hate_strands.iter().map(|h| strand_name(lang, h)).collect::<Vec<_>>().join(", ")))}
                {view.sensitive.then(|| view! { " " <strong class="tag">{t!(lang, "intake-sensitive-tag")}</strong> })}
            </dd>
            <dt>{t!(lang, "track-where")}</dt>
            <dd>
                {if view.ward == view.neighbourhood {
                    view.ward.get(lang).to_string()
                } else {
                    format!("{}, {}", view.ward.get(lang), view.neighbourhood.get(lang))
                }}
                {(!view.location_text.is_empty()).then(|| format!(" – {}", view.location_text))}
                {view.point.map(|(lat, lon)| format!(" ({lat:.5}, {lon:.5})"))}
            </dd>
            <dt>{t!(lang, "report-when")}</dt>
            <dd>{if view.ongoing { t!(lang, "report-ongoing") } else { view.when.as_deref().map(|w| crate::time::typed_local_time(lang, w)).unwrap_or_default() }}</dd>
            <dt>{t!(lang, "track-submitted")}</dt>
            <dd>{crate::time::time(lang, view.received)} " (" {source_name(lang, view.source)} ")"</dd>
            <dt>{t!(lang, "triage-resident-language")}</dt>
            <dd lang=view.language.code()>{resident_language}</dd>
        </dl>
        {view.trigger_rule.clone().map(|rule| view! {
            <div class="notice notice-warning" role="note">
                <p><strong>{t!(lang, "trigger-flag")}</strong> " " {trigger_rule_text(lang, &rule)}</p>
                <p><a href=lang.path("/staff/case-reviews")>{t!(lang, "trigger-reviews-link")}</a></p>
            </div>
        })}
        {(view.email_rule == crate::reporting::EmailRule::SafeContact).then(|| view! {
            <div class="notice notice-warning" role="note">
                <p><strong>{t!(lang, "intake-safe-contact-tag")}</strong> " " {t!(lang, "triage-email-safe-contact")}</p>
            </div>
        })}
    }
    .into_any()
}

/// Who reported it, as far as the reader may know.
fn reporter(lang: Lang, view: &ReportForTriage) -> AnyView {
    let action = |name: &str| action(&view.reference, name);
    view! {
        <h2>{t!(lang, "triage-reporter")}</h2>
        {if view.anonymous {
            view! { <p>{t!(lang, "triage-anonymous")}</p> }.into_any()
        } else if let Some(c) = view.contact.clone() {
            view! {
                <dl class="facts">
                    <dt>{t!(lang, "report-name")}</dt><dd>{c.name.unwrap_or_default()}</dd>
                    <dt>{t!(lang, "sign-in-email")}</dt><dd>{c.email.unwrap_or_default()}</dd>
                    <dt>{t!(lang, "report-phone")}</dt><dd>{c.phone.unwrap_or_default()}</dd>
                    <dt>{t!(lang, "report-safe-contact")}</dt><dd>{c.safe_contact.unwrap_or_default()}</dd>
                </dl>
                <p class="hint">{t!(lang, "triage-contact-audited")}</p>
                {if view.contact_verified {
                    view! { <p>{t!(lang, "triage-contact-verified")}</p> }.into_any()
                } else {
                    view! {
                        <form method="post" action=action("verify_contact") class="form">
                            <Hidden lang version=view.version />
                            <p class="hint">{t!(lang, "triage-verify-hint")}</p>
                            <button type="submit" class="button secondary">{t!(lang, "triage-verify")}</button>
                        </form>
                    }.into_any()
                }}
            }.into_any()
        } else if view.may_see_contact {
            view! {
                <p>{t!(lang, "triage-contact-hidden")}</p>
                <form method="post" action=action("contact") class="form">
                    <input type="hidden" name="lang" value=lang.code() />
                    <button type="submit" class="button secondary">{t!(lang, "triage-show-contact")}</button>
                </form>
            }.into_any()
        } else {
            view! { <p>{t!(lang, "triage-contact-not-yours")}</p> }.into_any()
        }}
    }
    .into_any()
}

/// What has happened to the report so far.
fn timeline(lang: Lang, view: &ReportForTriage) -> AnyView {
    view! {
        <h2>{t!(lang, "triage-timeline")}</h2>
        <ol class="timeline">
            {view.timeline.iter().map(|u| view! {
                <li>
                    <span class="meta">{crate::time::time(lang, u.at)} {u.author.clone().map(|a| format!(" · {a}"))} {(!u.public).then(|| format!(" · {}", t!(lang, "triage-internal")))}</span>
                    <strong>{match u.kind {
                        crate::reporting::UpdateKind::Question => t!(lang, "triage-question-asked"),
                        crate::reporting::UpdateKind::Reply => t!(lang, "triage-resident-replied"),
                        crate::reporting::UpdateKind::Comment => t!(lang, "triage-app-comment"),
                        _ => status_name(lang, u.status),
                    }}</strong>
                    {u.message.clone().map(|m| view! { <p>{m}</p> })}
                    {u.public_note.clone().map(|note| view! { <p><span class="meta">{t!(lang, "triage-public-note-shown")}</span> " " {note}</p> })}
                </li>
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// Answering the resident: acknowledging, an update, a question.
fn respond(lang: Lang, view: &ReportForTriage) -> AnyView {
    let action = |name: &str| action(&view.reference, name);
    let resident_language = view.language.endonym();
    let k = &view.kept;
    let update_status = k.value("update", "status", view.status.as_str());
    let (message, question) = (k.value("update", "message", ""), k.value("ask", "question", ""));
    let public_note = k.value("update", "public_note", "");
    view! {
        <section aria-labelledby="respond-heading">
            <h2 id="respond-heading">{t!(lang, "triage-respond")}</h2>
            <p>{t!(lang, "triage-respond-hint", language = resident_language)}</p>
            {(!view.acknowledged).then(|| view! {
                <form method="post" action=action("acknowledge") class="form">
                    <Hidden lang version=view.version />
                    <button type="submit" class="button">{t!(lang, "triage-acknowledge")}</button>
                </form>
            })}
            <form method="post" action=action("update") class="form">
                <Hidden lang version=view.version />
                <div class="field">
                    <label for="status">{t!(lang, "triage-new-status")}</label>
                    <select id="status" name="status">
                        {ReportStatus::ALL.iter().copied().map(|s| view! { <option value=s.as_str() selected=s.as_str() == update_status>{status_name(lang, s)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="message">{t!(lang, "triage-message")}</label>
                    <p class="hint" id="message-hint">{t!(lang, "triage-message-hint", language = resident_language)}</p>
                    <textarea id="message" name="message" rows="4" aria-describedby="message-hint">{message}</textarea>
                </div>
                <p class="hint">{email_rule_text(lang, view.email_rule)}</p>
                <div class="field">
                    <label for="public_note">{t!(lang, "triage-public-note")}</label>
                    <p class="hint" id="public-note-hint">{t!(lang, "triage-public-note-hint")}</p>
                    <textarea id="public_note" name="public_note" rows="2" maxlength=crate::triage::MAX_MESSAGE.to_string() aria-describedby="public-note-hint">{public_note}</textarea>
                </div>
                <button type="submit" class="button">{t!(lang, "triage-send-update")}</button>
            </form>
        </section>

        <section aria-labelledby="ask-heading">
            <h2 id="ask-heading">{t!(lang, "triage-ask-heading")}</h2>
            <form method="post" action=action("ask") class="form">
                <Hidden lang version=view.version />
                <div class="field">
                    <label for="question">{t!(lang, "triage-question")}</label>
                    <p class="hint" id="question-hint">{t!(lang, "triage-question-hint", language = resident_language)}</p>
                    <textarea id="question" name="question" rows="3" maxlength=crate::triage::MAX_QUESTION.to_string() aria-describedby="question-hint">{question}</textarea>
                </div>
                <p class="hint">{email_rule_text(lang, view.email_rule)}</p>
                <button type="submit" class="button secondary">{t!(lang, "triage-ask")}</button>
            </form>
        </section>
    }
    .into_any()
}

/// Changing what kind of report it is.
fn classify(lang: Lang, view: &ReportForTriage) -> AnyView {
    let action = |name: &str| action(&view.reference, name);
    view! {
        <section aria-labelledby="classify-heading">
            <h2 id="classify-heading">{t!(lang, "triage-classify-heading")}</h2>
            <form method="post" action=action("classify") class="form">
                <Hidden lang version=view.version />
                <div class="field">
                    <label for="classify-category">{t!(lang, "report-category")}</label>
                    <select id="classify-category" name="category">
                        {view.categories.iter().map(|(code, name)| view! { <option value=code.clone() selected=*code == view.category_code>{name.get(lang).to_string()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="classify-qualifier">{t!(lang, "report-asb-legend")}</label>
                    <select id="classify-qualifier" name="asb_qualifier">
                        <option value="">{t!(lang, "intake-any")}</option>
                        {AsbQualifier::ALL.iter().map(|&q| view! { <option value=q.as_str() selected=view.asb_qualifier == Some(q)>{qualifier_name(lang, q)}</option> }).collect_view()}
                    </select>
                </div>
                <fieldset class="field">
                    <legend>{t!(lang, "report-hate-legend")}</legend>
                    {HATE_STRANDS.iter().map(|h| view! {
                        <div class="choice">
                            <input type="checkbox" name="hate_strands" id=format!("strand-{h}") value=*h checked=view.hate_strands.iter().any(|x| x == h) />
                            <label for=format!("strand-{h}")>{strand_name(lang, h)}</label>
                        </div>
                    }).collect_view()}
                </fieldset>
                <button type="submit" class="button secondary">{t!(lang, "triage-classify")}</button>
            </form>
        </section>
    }
    .into_any()
}

/// Reports this one repeats or duplicates, and those it may.
fn links(lang: Lang, view: &ReportForTriage) -> AnyView {
    let action = |name: &str| action(&view.reference, name);
    view! {
        <section aria-labelledby="links-heading">
            <h2 id="links-heading">{t!(lang, "triage-links-heading")}</h2>
            {(!view.links.is_empty()).then(|| view! {
                <ul>
                    {view.links.iter().map(|link| view! {
                        <li>
                            <a href=lang.path(&format!("/staff/reports/{}", link.other))>{link.other.clone()}</a>
                            " " {link_kind_name(lang, link.kind, link.later)}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            <h3>{t!(lang, "triage-suggestions")}</h3>
            {view.suggestions.is_empty().then(|| view! { <p>{t!(lang, "triage-no-suggestions")}</p> })}
            <ul class="suggestions">
                {view.suggestions.iter().map(|s| view! {
                    <li>
                        <a href=lang.path(&format!("/staff/reports/{}", s.reference))>{s.reference.clone()}</a>
                        ": " {s.reasons.iter().map(|r| reason_text(lang, r)).collect::<Vec<_>>().join("; ")}
                        <form method="post" action=action("link") class="inline-form">
                            <Hidden lang version=view.version />
                            <input type="hidden" name="other" value=s.reference.clone() />
                            <button type="submit" name="kind" value="duplicate" class="link-button">{t!(lang, "triage-link-duplicate", reference = s.reference.clone())}</button>
                            " · "
                            <button type="submit" name="kind" value="repeat" class="link-button">{t!(lang, "triage-link-repeat", reference = s.reference.clone())}</button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
            <form method="post" action=action("link") class="form inline-fields">
                <Hidden lang version=view.version />
                <div class="field">
                    <label for="link-other">{t!(lang, "triage-link-other")}</label>
                    <input id="link-other" name="other" type="text" spellcheck="false" />
                </div>
                <div class="field">
                    <label for="link-kind">{t!(lang, "triage-link-kind")}</label>
                    <select id="link-kind" name="kind">
                        <option value="repeat">{t!(lang, "triage-kind-repeat")}</option>
                        <option value="duplicate">{t!(lang, "triage-kind-duplicate")}</option>
                    </select>
                </div>
                <button type="submit" class="button secondary">{t!(lang, "triage-link")}</button>
            </form>
            <p class="hint">{t!(lang, "triage-duplicate-email-hint")} " " {email_rule_text(lang, view.email_rule)}</p>
        </section>
    }
    .into_any()
}

/// Grading the report as an intelligence item (3x5x2) and sharing it.
fn grade_form(lang: Lang, view: &ReportForTriage) -> AnyView {
    let action = |name: &str| action(&view.reference, name);
    // A refused form comes back as it was typed; the others show what is stored.
    let k = &view.kept;
    let grade = view.item.as_ref().map(|i| i.grade.clone());
    let summary = k.value(
        "grade",
        "summary",
        view.item.as_ref().map(|i| i.summary.clone()).unwrap_or_else(|| view.suggested_summary.clone()),
    );
    let shared: Vec<String> = view.item.as_ref().map(|i| i.shared_with.clone()).unwrap_or_default();
    let shared_ids = k.ids(
        "grade",
        "share",
        view.organisations.iter().filter(|(_, n)| shared.contains(n)).map(|(id, _)| *id).collect(),
    );
    let tension =
        k.value("grade", "tension", view.item.as_ref().and_then(|i| i.tension.clone()).unwrap_or_default());
    let chosen = |name: &str, stored: Option<String>| {
        if k.is("grade") {
            Some(k.value("grade", name, ""))
        } else {
            stored
        }
    };
    let (source, intelligence, handling) = (
        chosen("source", grade.as_ref().map(|g| g.source.as_str().to_string())),
        chosen("intelligence", grade.as_ref().map(|g| g.intelligence.as_str().to_string())),
        chosen("handling", grade.as_ref().map(|g| g.handling.as_str().to_string())),
    );
    let conditions =
        k.value("grade", "conditions", grade.as_ref().and_then(|g| g.conditions.clone()).unwrap_or_default());
    view! {
        <section aria-labelledby="grade-heading">
            <h2 id="grade-heading">{t!(lang, "triage-grade-heading")}</h2>
            <p>{t!(lang, "triage-grade-intro")}</p>
            <form method="post" action=action("grade") class="form">
                <Hidden lang version=view.version />
                <div class="field">
                    <label for="summary">{t!(lang, "triage-summary")}</label>
                    <p class="hint" id="summary-hint">{t!(lang, "triage-summary-hint")}</p>
                    <textarea id="summary" name="summary" rows="6" aria-describedby="summary-hint">{summary.clone()}</textarea>
                </div>
                <GradeChoice lang name="source" legend=t!(lang, "triage-source") options=&["1", "2", "3"] chosen=source />
                <GradeChoice lang name="intelligence" legend=t!(lang, "triage-intelligence") options=&["A", "B", "C", "D", "E"] chosen=intelligence />
                <GradeChoice lang name="handling" legend=t!(lang, "triage-handling") options=&["P", "C"] chosen=handling />
                <div class="field">
                    <label for="conditions">{t!(lang, "triage-conditions")}</label>
                    <p class="hint" id="conditions-hint">{t!(lang, "triage-conditions-hint")}</p>
                    <textarea id="conditions" name="conditions" rows="3" aria-describedby="conditions-hint">{conditions}</textarea>
                </div>
                <fieldset class="field">
                    <legend>{t!(lang, "triage-share-with")}</legend>
                    <p class="hint">{t!(lang, "triage-share-hint")}</p>
                    {view.organisations.iter().map(|(id, name)| view! {
                        <div class="choice">
                            <input type="checkbox" name="share" id=format!("share-{id}") value=id.to_string() checked=shared_ids.contains(id) />
                            <label for=format!("share-{id}")>{name.clone()}</label>
                        </div>
                    }).collect_view()}
                </fieldset>
                <div class="field">
                    <label for="tension">{t!(lang, "triage-tension")}</label>
                    <select id="tension" name="tension">
                        <option value="">{t!(lang, "triage-tension-none")}</option>
                        {TENSION_TAGS.iter().map(|tag| view! { <option value=*tag selected=tension == *tag>{tension_name(lang, tag)}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button">{t!(lang, "triage-save-grade")}</button>
            </form>
        </section>
    }
    .into_any()
}

/// Who deals with it.
fn assign(lang: Lang, view: &ReportForTriage) -> AnyView {
    let action = |name: &str| action(&view.reference, name);
    view! {
        <section aria-labelledby="assign-heading">
            <h2 id="assign-heading">{t!(lang, "triage-assign-heading")}</h2>
            <form method="post" action=action("assign") class="form">
                <Hidden lang version=view.version />
                <div class="field">
                    <label for="assignee">{t!(lang, "triage-assignee")}</label>
                    <select id="assignee" name="assignee">
                        <option value="">{t!(lang, "triage-nobody")}</option>
                        <optgroup label=t!(lang, "triage-people")>
                            {view.people.iter().map(|(id, name)| view! { <option value=format!("user:{id}") selected=view.assigned_user_id == Some(*id)>{name.clone()}</option> }).collect_view()}
                        </optgroup>
                        {(!view.teams.is_empty()).then(|| view! {
                            <optgroup label=t!(lang, "triage-teams")>
                                {view.teams.iter().map(|(id, name)| view! { <option value=format!("team:{id}") selected=view.assigned_team_id == Some(*id)>{name.clone()}</option> }).collect_view()}
                            </optgroup>
                        })}
                        <optgroup label=t!(lang, "triage-organisations")>
                            {view.organisations.iter().map(|(id, name)| view! { <option value=format!("organisation:{id}") selected=view.assigned_organisation_id == Some(*id)>{name.clone()}</option> }).collect_view()}
                        </optgroup>
                    </select>
                </div>
                <button type="submit" class="button">{t!(lang, "triage-assign")}</button>
            </form>
        </section>
    }
    .into_any()
}

fn source_name(lang: Lang, source: ReportSource) -> String {
    match source {
        ReportSource::Open311 => t!(lang, "triage-source-open311"),
        ReportSource::Generated => t!(lang, "triage-source-generated"),
        ReportSource::Web => t!(lang, "triage-source-web"),
    }
}

pub fn trigger_rule_text(lang: Lang, rule: &str) -> String {
    match rule {
        "same_person" => t!(lang, "trigger-rule-same-person"),
        "one_location" => t!(lang, "trigger-rule-one-location"),
        _ => t!(lang, "trigger-rule-hate"),
    }
}

fn link_kind_name(lang: Lang, kind: LinkKind, later: bool) -> String {
    match (kind, later) {
        (LinkKind::Duplicate, true) => t!(lang, "triage-is-duplicate-of"),
        (LinkKind::Duplicate, false) => t!(lang, "triage-has-duplicate"),
        (LinkKind::Repeat, true) => t!(lang, "triage-is-repeat-of"),
        (LinkKind::Repeat, false) => t!(lang, "triage-has-repeat"),
    }
}

fn reason_text(lang: Lang, reason: &LinkReason) -> String {
    match reason {
        LinkReason::SameNeighbourhood => t!(lang, "link-reason-neighbourhood"),
        LinkReason::Near { metres } => t!(lang, "link-reason-near", metres = i64::from(*metres)),
        LinkReason::DaysApart { days } => t!(lang, "link-reason-days", days = i64::from(*days)),
        LinkReason::SimilarWords { percent } => t!(lang, "link-reason-words", percent = i64::from(*percent)),
    }
}

#[component]
pub fn GradeChoice(
    lang: Lang,
    name: &'static str,
    legend: String,
    options: &'static [&'static str],
    chosen: Option<String>,
) -> impl IntoView {
    view! {
        <fieldset class="field">
            <legend>{legend}</legend>
            {options.iter().map(|o| view! {
                <div class="choice">
                    <input type="radio" name=name id=format!("{name}-{o}") value=*o checked=chosen.as_deref() == Some(*o) />
                    <label for=format!("{name}-{o}")><strong>{*o}</strong> " " {grade_meaning(lang, name, o)}</label>
                </div>
            }).collect_view()}
        </fieldset>
    }
}

#[component]
pub fn IntelligencePage() -> impl IntoView {
    let lang = use_lang();
    let load = intelligence_list(use_query_map().read_untracked().get("csp"));
    view! {
        <Page lang title=t!(lang, "intelligence-title") load render=move |page| match page {
            IntelligencePageView::Staff(view) => view! { <IntelligenceItems lang view /> }.into_any(),
            IntelligencePageView::Partner(view) => view! { <PartnerIntelligenceItems lang view /> }.into_any(),
        } />
    }
}

#[component]
fn IntelligenceItems(lang: Lang, view: IntelligenceView) -> impl IntoView {
    let IntelligenceView { csps, selected, items } = view;
    view! {
        <CspPicker lang csps selected />
        <p>{t!(lang, "intelligence-intro")}</p>
        {items.is_empty().then(|| view! { <p>{t!(lang, "intelligence-none")}</p> })}
        {items.iter().map(|item| item_card(lang, &crate::triage::item_for_partner(item), &item.shared_with)).collect_view()}
    }
}

/// The items shared with a partner's organisation, with the conditions they come with.
#[component]
fn PartnerIntelligenceItems(lang: Lang, view: PartnerIntelligenceView) -> impl IntoView {
    let PartnerIntelligenceView { csps, selected, items } = view;
    view! {
        <CspPicker lang csps selected />
        <p>{t!(lang, "intelligence-partner-intro")}</p>
        {items.is_empty().then(|| view! { <p>{t!(lang, "intelligence-none")}</p> })}
        {items.iter().map(|item| item_card(lang, item, &[])).collect_view()}
    }
}

/// One intelligence item as a card: what a partner may read of it and, for the partnership's
/// own staff, whom it is shared with (`shared_with` is empty on a partner's page).
fn item_card(lang: Lang, item: &PartnerItem, shared_with: &[String]) -> impl IntoView {
    view! {
        <article class="card" id=item.reference.clone()>
            <h2>{format!("{} · {}", item_origin(lang, item.category.as_ref(), item.source), item.neighbourhood.get(lang))}</h2>
            <p class="meta">
                {t!(lang, "intelligence-meta", reference = item.reference.clone(), grade = item.grade.label(), date = crate::time::time(lang, item.updated_at))}
            </p>
            <p>{item.summary.clone()}</p>
            {item.grade.conditions.clone().map(|c| view! {
                <p><strong>{t!(lang, "intelligence-conditions")}</strong> " " {c}</p>
            })}
            {(!shared_with.is_empty()).then(|| view! {
                <p>{t!(lang, "intelligence-shared-with", organisations = shared_with.join(", "))}</p>
            })}
            {item.tension.clone().map(|t| view! { <p>{t!(lang, "intelligence-tension", tag = tension_name(lang, &t))}</p> })}
        </article>
    }
}

// Intelligence from engagement (issue 13, intel): how lists name an item that may have no report.

/// Where an item came from, in words.
pub fn intelligence_source_name(lang: Lang, source: IntelligenceSource) -> String {
    match source {
        IntelligenceSource::Report => t!(lang, "intelligence-source-report"),
        IntelligenceSource::StreetBriefing => t!(lang, "intelligence-source-street-briefing"),
        IntelligenceSource::KinAnswer => t!(lang, "intelligence-source-kin-answer"),
        IntelligenceSource::SurveyAnswer => t!(lang, "intelligence-source-survey-answer"),
        IntelligenceSource::Partner => t!(lang, "intelligence-source-partner"),
        IntelligenceSource::Meeting => t!(lang, "intelligence-source-meeting"),
    }
}

/// What an item is about, as cards and lists name it: its report's category, or (recorded from
/// engagement) where it was heard.
pub fn item_origin(lang: Lang, category: Option<&Names>, source: IntelligenceSource) -> String {
    match category {
        Some(c) => c.get(lang).to_string(),
        None => intelligence_source_name(lang, source),
    }
}

/// An item's reference: a link to its report, or for an item recorded from engagement a link to
/// it in the intelligence list.
pub fn item_reference_link(lang: Lang, reference: &str, source: IntelligenceSource) -> AnyView {
    let href = match source {
        IntelligenceSource::Report => lang.path(&format!("/staff/reports/{reference}")),
        _ => format!("{}#{reference}", lang.path("/staff/intelligence")),
    };
    view! { <a href=href>{reference.to_string()}</a> }.into_any()
}
