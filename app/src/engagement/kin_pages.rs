//! The Key Individual Network's pages: the register (`/staff/engagement/kin`: members per
//! neighbourhood, adding a member, the quarterly questionnaire and response rates) and a
//! member's page (`/staff/engagement/kin/{id}`: their details, consent, removal, and their
//! written answers, each of which can become intelligence). Only people with `ManageKin` in the
//! CSP see them, and every view is written to the audit log before anything is shown.

use crate::{
    db::{self, kin::MemberRow},
    engagement::kin::{
        past_review, trend_quarters, trends, MemberProblem, MemberStatus, Quarter, Rate, TrendRow,
    },
    error::{internal, reject, AppError},
    i18n::Lang,
    reference::Names,
    shell::{
        outcome::{Outcome, Pages},
        page::Page,
        use_lang, CspPicker,
    },
    staff::{
        kept::{self, KeptForm},
        pages::require_user,
        CspAccess, Permission, StaffUser,
    },
    t,
    time::{date, iso_date, Timestamp},
};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// How many quarters the response-rate table shows.
const TREND_QUARTERS: i64 = 4;

/// The page key a refused form on the register is kept under.
pub fn register_page(slug: &str) -> String {
    format!("kin/{slug}")
}

/// The page key a refused form on a member's page is kept under.
pub fn member_page(id: i64) -> String {
    format!("kin-member/{id}")
}

/// A member as the register shows them, with this quarter's questionnaire.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MemberLine {
    pub id: i64,
    pub neighbourhood_id: i64,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub language: Lang,
    pub community_role: String,
    pub speaks_for: String,
    pub consent_on: Option<Timestamp>,
    pub consent_withdrawn_at: Option<Timestamp>,
    pub review_on: Timestamp,
    pub status: MemberStatus,
    pub version: i64,
    pub this_quarter: Option<Sent>,
}

/// This quarter's questionnaire to one member.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Sent {
    pub sent_at: Timestamp,
    pub reminded_at: Option<Timestamp>,
    pub answered: bool,
}

impl MemberLine {
    fn from_row(m: MemberRow, this_quarter: Option<Sent>) -> MemberLine {
        MemberLine {
            id: m.id,
            neighbourhood_id: m.neighbourhood_id,
            name: m.name,
            email: m.email,
            phone: m.phone,
            language: Lang::parse(&m.language).unwrap_or_default(),
            community_role: m.community_role,
            speaks_for: m.speaks_for,
            consent_on: m.consent_on,
            consent_withdrawn_at: m.consent_withdrawn_at,
            review_on: m.review_on,
            status: m.status,
            version: m.version,
            this_quarter,
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RegisterView {
    pub csps: Vec<(String, Names)>,
    pub selected: String,
    pub now: Timestamp,
    pub neighbourhoods: Vec<(i64, Names)>,
    pub members: Vec<MemberLine>,
    pub removed: i64,
    /// The CSP's KIN questionnaire campaigns: (id, title).
    pub campaigns: Vec<(i64, Names)>,
    pub quarters: Vec<Quarter>,
    pub trends: Vec<TrendRow>,
    /// The add form as typed when it was refused (`?kept=`).
    pub kept: KeptForm,
}

fn audit_view(
    user: &StaffUser,
    csp_id: i64,
    record_type: &str,
    record_id: String,
    detail: String,
) -> crate::audit::NewAuditEntry {
    crate::audit::NewAuditEntry {
        actor_user_id: Some(user.id),
        actor_label: user.email.clone(),
        action: Some(crate::audit::AuditAction::KinViewed),
        record_type: Some(record_type.into()),
        record_id: Some(record_id),
        csp_id: Some(csp_id),
        ip: crate::staff::session::client_ip(),
        detail: Some(detail),
    }
}

/// The register's data. Written to the audit log (naming the members shown) before it is shown.
pub async fn register(csp: Option<String>, kept: Option<String>) -> Result<RegisterView, ServerFnError> {
    let user = require_user()?;
    let state = crate::state::AppState::current()?;
    let allowed = user.csps_where(Permission::ManageKin);
    let Some(CspAccess { id: csp_id, slug, .. }) = StaffUser::pick_csp(&allowed, csp) else {
        return Err(reject(AppError::Forbidden));
    };
    let now = db::now();
    let quarter = Quarter::of(now);
    let sent = db::kin::sent_in_csp(&state.db, csp_id, quarter).await.map_err(internal)?;
    let members: Vec<MemberLine> = db::kin::members(&state.db, csp_id)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|m| {
            let this_quarter = sent.iter().find(|s| s.member_id == m.id).map(|s| Sent {
                sent_at: s.sent_at,
                reminded_at: s.reminded_at,
                answered: s.used_at.is_some(),
            });
            MemberLine::from_row(m, this_quarter)
        })
        .collect();
    let neighbourhoods: Vec<(i64, Names)> = db::kin::neighbourhoods(&state.db, csp_id)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|n| (n.id, Names::new(n.name_en, n.name_cy)))
        .collect();
    let quarters = trend_quarters(quarter, TREND_QUARTERS);
    let counts: Vec<(i64, Quarter, Rate)> = db::kin::rates(&state.db, csp_id, quarters[0])
        .await
        .map_err(internal)?
        .into_iter()
        .map(|r| {
            (
                r.neighbourhood_id,
                Quarter { year: r.year, number: r.quarter },
                Rate { sent: r.sent, answered: r.answered },
            )
        })
        .collect();
    let with_sending: Vec<i64> = neighbourhoods
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| counts.iter().any(|(n, _, _)| n == id))
        .collect();
    let campaigns = db::kin::kin_campaigns(&state.db, csp_id)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|c| (c.id, Names::new(c.title_en, c.title_cy)))
        .collect();
    let shown: Vec<String> = members.iter().map(|m| m.id.to_string()).collect();
    let entry = audit_view(
        &user,
        csp_id,
        "kin_register",
        slug.clone(),
        format!("members shown: {}", shown.join(", ")),
    );
    db::audit::record(&state.db, entry).await.map_err(internal)?;
    let kept = kept::kept(&state.db, user.id, &register_page(&slug), kept.as_deref()).await;
    Ok(RegisterView {
        csps: allowed.into_iter().map(CspAccess::choice).collect(),
        selected: slug,
        now,
        trends: trends(&with_sending, &quarters, &counts),
        quarters,
        neighbourhoods,
        members,
        removed: db::kin::removed_count(&state.db, csp_id).await.map_err(internal)?,
        campaigns,
        kept,
    })
}

/// One written answer of a member's, with its question's words.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AnswerLine {
    pub response_id: i64,
    pub campaign: Names,
    pub quarter: Quarter,
    pub question_key: String,
    pub question: Names,
    pub text: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MemberView {
    pub csp: String,
    pub now: Timestamp,
    pub member: MemberLine,
    pub neighbourhoods: Vec<(i64, Names)>,
    pub answers: Vec<AnswerLine>,
    pub kept: KeptForm,
}

/// A member's page. Another CSP's member, or one removed, is "not found"; the view is audited.
pub async fn member(id: Option<i64>, kept: Option<String>) -> Result<MemberView, ServerFnError> {
    let user = require_user()?;
    let state = crate::state::AppState::current()?;
    let Some(id) = id else { return Err(reject(AppError::NotFound)) };
    let Some(row) = db::kin::member(&state.db, id).await.map_err(internal)? else {
        return Err(reject(AppError::NotFound));
    };
    if !user.can(Permission::ManageKin, row.csp_id) || row.status == MemberStatus::Removed {
        return Err(reject(AppError::NotFound));
    }
    let csp_id = row.csp_id;
    let slug =
        user.grants.iter().find(|g| g.csp_id == csp_id).map(|g| g.csp_slug.clone()).unwrap_or_default();
    let mut answers = Vec::new();
    let mut surveys: std::collections::HashMap<i64, crate::engagement::survey::Survey> = Default::default();
    let given = db::kin::member_answers(&state.db, id).await.map_err(internal)?;
    for version in given.iter().map(|a| a.survey_version_id) {
        if let std::collections::hash_map::Entry::Vacant(entry) = surveys.entry(version) {
            let questions = db::kin::version_questions(&state.db, version).await.map_err(internal)?;
            entry.insert(questions.and_then(|q| serde_json::from_str(&q).ok()).unwrap_or_default());
        }
    }
    for a in given {
        let question = surveys
            .get(&a.survey_version_id)
            .and_then(|s| s.questions.iter().find(|q| q.key == a.question))
            .map(|q| q.text.clone())
            .unwrap_or_else(|| Names::new(a.question.clone(), a.question.clone()));
        answers.push(AnswerLine {
            response_id: a.response_id,
            campaign: Names::new(a.title_en, a.title_cy),
            quarter: Quarter { year: a.year, number: a.quarter },
            question_key: a.question,
            question,
            text: a.text,
        });
    }
    let neighbourhoods = db::kin::neighbourhoods(&state.db, csp_id)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|n| (n.id, Names::new(n.name_en, n.name_cy)))
        .collect();
    let entry =
        audit_view(&user, csp_id, "kin_member", id.to_string(), format!("answers shown: {}", answers.len()));
    db::audit::record(&state.db, entry).await.map_err(internal)?;
    let kept = kept::kept(&state.db, user.id, &member_page(id), kept.as_deref()).await;
    Ok(MemberView {
        csp: slug,
        now: db::now(),
        member: MemberLine::from_row(row, None),
        neighbourhoods,
        answers,
        kept,
    })
}

/// The field a refusal is about, for the error summary's link.
fn problem_field(outcome: Outcome) -> Option<&'static str> {
    let problem = match outcome {
        Outcome::KinNeighbourhood => MemberProblem::Neighbourhood,
        Outcome::KinName => MemberProblem::Name,
        Outcome::KinContact => MemberProblem::Contact,
        Outcome::KinEmail => MemberProblem::Email,
        Outcome::KinPhone => MemberProblem::Phone,
        Outcome::KinLanguage => MemberProblem::Language,
        Outcome::KinTooLong => MemberProblem::TooLong,
        Outcome::KinConsentDate => MemberProblem::ConsentDate,
        Outcome::KinReviewDate => MemberProblem::ReviewDate,
        Outcome::KinStatus => MemberProblem::Status,
        _ => return None,
    };
    Some(problem.field())
}

/// What a form did, or why it was refused (with a link to the field to put right), and for a
/// sending, how many were sent and how many had been already.
#[component]
fn KinNotice(lang: Lang) -> impl IntoView {
    let q = use_query_map().read_untracked();
    let count = |name: &str| q.get(name).and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let done = q.get("done").map(|d| Outcome::done(Pages::Engagement, &d));
    let error = q.get("error").map(|e| Outcome::error(Pages::Engagement, &e));
    let (sent, already) = (count("sent"), count("already"));
    let counts = match done {
        Some(Outcome::KinSent) => Some(t!(lang, "kin-sent-counts", sent = sent, already = already)),
        Some(Outcome::KinReminded) => Some(t!(lang, "kin-reminded-counts", sent = sent, already = already)),
        _ => None,
    };
    view! {
        {done.map(|d| view! {
            <div class="notice notice-success" role="status">
                <p>{d.message(lang)}</p>
                {counts.map(|c| view! { <p>{c}</p> })}
            </div>
        })}
        {error.map(|e| view! {
            <div class="error-summary" role="alert" aria-labelledby="kin-error-heading" tabindex="-1">
                <h2 id="kin-error-heading">{t!(lang, "report-error-summary")}</h2>
                {match problem_field(e) {
                    Some(field) => view! { <ul><li><a href=format!("#kin-{field}")>{e.message(lang)}</a></li></ul> }.into_any(),
                    None => view! { <p>{e.message(lang)}</p> }.into_any(),
                }}
            </div>
        })}
    }
    .into_any()
}

#[component]
pub fn KinRegisterPage() -> impl IntoView {
    let lang = use_lang();
    let q = use_query_map().read_untracked();
    let load = register(q.get("csp"), q.get("kept"));
    view! {
        <Page lang title=t!(lang, "kin-title") load render=move |view| register_sections(lang, view)>
            <p>{t!(lang, "kin-intro")}</p>
            <KinNotice lang />
        </Page>
    }
}

/// The register, as an outline of its sections.
fn register_sections(lang: Lang, v: RegisterView) -> AnyView {
    let RegisterView {
        csps,
        selected,
        now,
        neighbourhoods,
        members,
        removed,
        campaigns,
        quarters,
        trends,
        kept,
    } = v;
    view! {
        <CspPicker lang csps selected=selected.clone() />
        <MembersSection lang now neighbourhoods=neighbourhoods.clone() members removed />
        <AddMemberSection lang csp=selected.clone() neighbourhoods=neighbourhoods.clone() kept now />
        <QuestionnaireSection lang csp=selected campaigns />
        <TrendsSection lang neighbourhoods quarters trends />
    }
    .into_any()
}

fn status_name(lang: Lang, status: MemberStatus) -> String {
    match status {
        MemberStatus::Active => t!(lang, "kin-status-active"),
        MemberStatus::Left => t!(lang, "kin-status-left"),
        MemberStatus::Removed => t!(lang, "kin-status-removed"),
    }
}

fn consent_words(lang: Lang, m: &MemberLine) -> String {
    match (m.consent_on, m.consent_withdrawn_at) {
        (Some(on), _) => t!(lang, "kin-consent-given", date = date(lang, on)),
        (None, Some(withdrawn)) => t!(lang, "kin-consent-withdrawn", date = date(lang, withdrawn)),
        (None, None) => t!(lang, "kin-consent-none"),
    }
}

fn review_words(lang: Lang, review_on: Timestamp, now: Timestamp) -> AnyView {
    if past_review(review_on, now) {
        view! { <strong class="flag">{t!(lang, "kin-review-overdue", date = date(lang, review_on))}</strong> }
            .into_any()
    } else {
        view! { <span>{t!(lang, "kin-review-on", date = date(lang, review_on))}</span> }.into_any()
    }
}

fn quarter_words(lang: Lang, sent: &Option<Sent>) -> String {
    match sent {
        None => t!(lang, "kin-q-not-sent"),
        Some(s) if s.answered => t!(lang, "kin-q-answered"),
        Some(Sent { reminded_at: Some(at), .. }) => t!(lang, "kin-q-reminded", date = date(lang, *at)),
        Some(s) => t!(lang, "kin-q-sent", date = date(lang, s.sent_at)),
    }
}

/// Members per neighbourhood: one table each.
#[component]
fn MembersSection(
    lang: Lang,
    now: Timestamp,
    neighbourhoods: Vec<(i64, Names)>,
    members: Vec<MemberLine>,
    removed: i64,
) -> AnyView {
    let (with_members, without): (Vec<_>, Vec<_>) =
        neighbourhoods.into_iter().partition(|(id, _)| members.iter().any(|m| m.neighbourhood_id == *id));
    let without: Vec<String> = without.iter().map(|(_, name)| name.get(lang).to_string()).collect();
    view! {
        <section aria-labelledby="kin-members">
            <h2 id="kin-members">{t!(lang, "kin-members-heading")}</h2>
            {with_members.into_iter().map(|(id, name)| {
                let these: Vec<MemberLine> = members.iter().filter(|m| m.neighbourhood_id == id).cloned().collect();
                view! { <NeighbourhoodMembers lang now id name=name.get(lang).to_string() members=these /> }
            }).collect_view()}
            {(!without.is_empty()).then(|| view! { <p>{t!(lang, "kin-none-in", neighbourhoods = without.join(", "))}</p> })}
            {(removed > 0).then(|| view! { <p>{t!(lang, "kin-removed-count", count = removed)}</p> })}
        </section>
    }
    .into_any()
}

#[component]
fn NeighbourhoodMembers(
    lang: Lang,
    now: Timestamp,
    id: i64,
    name: String,
    members: Vec<MemberLine>,
) -> AnyView {
    let (caption, labelled_by) = (format!("kin-caption-{id}"), format!("kin-caption-{id}"));
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby=labelled_by>
            <table>
                <caption id=caption>{t!(lang, "kin-members-caption", neighbourhood = name)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(lang, "kin-name")}</th>
                        <th scope="col">{t!(lang, "kin-contact")}</th>
                        <th scope="col">{t!(lang, "kin-language")}</th>
                        <th scope="col">{t!(lang, "kin-community-role")}</th>
                        <th scope="col">{t!(lang, "kin-speaks-for")}</th>
                        <th scope="col">{t!(lang, "kin-consent")}</th>
                        <th scope="col">{t!(lang, "kin-review")}</th>
                        <th scope="col">{t!(lang, "kin-status")}</th>
                        <th scope="col">{t!(lang, "kin-this-quarter")}</th>
                    </tr>
                </thead>
                <tbody>
                    {members.into_iter().map(|m| view! {
                        <tr>
                            <th scope="row">
                                <a href=lang.path(&format!("/staff/engagement/kin/{}", m.id)) aria-label=t!(lang, "kin-open", name = m.name.clone())>{m.name.clone()}</a>
                            </th>
                            <td class="breakable">
                                {m.email.clone().map(|e| view! { <span>{e}</span><br /> })}
                                {m.phone.clone()}
                            </td>
                            <td lang=m.language.code()>{m.language.endonym()}</td>
                            <td>{m.community_role.clone()}</td>
                            <td>{m.speaks_for.clone()}</td>
                            <td>{consent_words(lang, &m)}</td>
                            <td>{review_words(lang, m.review_on, now)}</td>
                            <td>{status_name(lang, m.status)}</td>
                            <td>{quarter_words(lang, &m.this_quarter)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// A member's details as the add and edit forms show them.
#[derive(Clone, Debug, Default)]
struct Values {
    neighbourhood: String,
    name: String,
    email: String,
    phone: String,
    language: String,
    community_role: String,
    speaks_for: String,
    consent: String,
    consent_on: String,
    review_on: String,
    status: String,
}

impl Values {
    /// What the form shows: as typed when `form` was refused, else `stored`.
    fn shown(k: &KeptForm, form: &str, stored: Values) -> Values {
        Values {
            neighbourhood: k.value(form, "neighbourhood", stored.neighbourhood),
            name: k.value(form, "name", stored.name),
            email: k.value(form, "email", stored.email),
            phone: k.value(form, "phone", stored.phone),
            language: k.value(form, "language", stored.language),
            community_role: k.value(form, "community_role", stored.community_role),
            speaks_for: k.value(form, "speaks_for", stored.speaks_for),
            consent: k.value(form, "consent", stored.consent),
            consent_on: k.value(form, "consent_on", stored.consent_on),
            review_on: k.value(form, "review_on", stored.review_on),
            status: k.value(form, "status", stored.status),
        }
    }

    fn of(m: &MemberLine) -> Values {
        Values {
            neighbourhood: m.neighbourhood_id.to_string(),
            name: m.name.clone(),
            email: m.email.clone().unwrap_or_default(),
            phone: m.phone.clone().unwrap_or_default(),
            language: m.language.code().into(),
            community_role: m.community_role.clone(),
            speaks_for: m.speaks_for.clone(),
            consent: if m.consent_on.is_some() { "yes".into() } else { String::new() },
            consent_on: m.consent_on.map(iso_date).unwrap_or_default(),
            review_on: iso_date(m.review_on),
            status: m.status.as_str().into(),
        }
    }
}

/// The fields of the add and edit forms (ids `kin-{field}`, which the error summary links to).
fn member_fields(lang: Lang, neighbourhoods: &[(i64, Names)], v: Values, with_status: bool) -> AnyView {
    let language = Lang::parse(&v.language).unwrap_or(lang);
    view! {
        <div class="field">
            <label for="kin-neighbourhood">{t!(lang, "kin-field-neighbourhood")}</label>
            <select id="kin-neighbourhood" name="neighbourhood">
                {neighbourhoods.iter().map(|(id, name)| view! {
                    <option value=id.to_string() selected=v.neighbourhood == id.to_string()>{name.get(lang).to_string()}</option>
                }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for="kin-name">{t!(lang, "kin-field-name")}</label>
            <input id="kin-name" name="name" type="text" maxlength="200" autocomplete="off" value=v.name />
        </div>
        <p class="hint" id="kin-contact-hint">{t!(lang, "kin-field-contact-hint")}</p>
        <div class="field">
            <label for="kin-email">{t!(lang, "kin-field-email")}</label>
            <input id="kin-email" name="email" type="email" autocomplete="off" spellcheck="false" aria-describedby="kin-contact-hint" value=v.email />
        </div>
        <div class="field">
            <label for="kin-phone">{t!(lang, "kin-field-phone")}</label>
            <input id="kin-phone" name="phone" type="tel" autocomplete="off" aria-describedby="kin-contact-hint" value=v.phone />
        </div>
        <fieldset class="field" id="kin-language">
            <legend>{t!(lang, "kin-field-language")}</legend>
            {Lang::ALL.into_iter().map(|l| view! {
                <div class="choice">
                    <input type="radio" name="language" id=format!("kin-language-{}", l.code()) value=l.code() checked=language == l />
                    <label for=format!("kin-language-{}", l.code()) lang=l.code()>{l.endonym()}</label>
                </div>
            }).collect_view()}
        </fieldset>
        <div class="field">
            <label for="kin-community_role">{t!(lang, "kin-field-community-role")}</label>
            <p class="hint" id="kin-role-hint">{t!(lang, "kin-field-community-role-hint")}</p>
            <input id="kin-community_role" name="community_role" type="text" maxlength="200" aria-describedby="kin-role-hint" value=v.community_role />
        </div>
        <div class="field">
            <label for="kin-speaks_for">{t!(lang, "kin-field-speaks-for")}</label>
            <p class="hint" id="kin-speaks-hint">{t!(lang, "kin-field-speaks-for-hint")}</p>
            <textarea id="kin-speaks_for" name="speaks_for" rows="2" maxlength="500" aria-describedby="kin-speaks-hint">{v.speaks_for}</textarea>
        </div>
        <fieldset class="field">
            <legend>{t!(lang, "kin-field-consent")}</legend>
            <div class="choice">
                <input type="checkbox" id="kin-consent" name="consent" value="yes" checked=v.consent == "yes" />
                <label for="kin-consent">{t!(lang, "kin-field-consent-yes")}</label>
            </div>
            <div class="field">
                <label for="kin-consent_on">{t!(lang, "kin-field-consent-on")}</label>
                <input id="kin-consent_on" name="consent_on" type="date" value=v.consent_on />
            </div>
        </fieldset>
        <div class="field">
            <label for="kin-review_on">{t!(lang, "kin-field-review-on")}</label>
            <input id="kin-review_on" name="review_on" type="date" value=v.review_on />
        </div>
        {with_status.then(|| view! {
            <fieldset class="field" id="kin-status">
                <legend>{t!(lang, "kin-field-status")}</legend>
                {[MemberStatus::Active, MemberStatus::Left].into_iter().map(|s| view! {
                    <div class="choice">
                        <input type="radio" name="status" id=format!("kin-status-{}", s.as_str()) value=s.as_str() checked=v.status == s.as_str() />
                        <label for=format!("kin-status-{}", s.as_str())>{status_name(lang, s)}</label>
                    </div>
                }).collect_view()}
            </fieldset>
        })}
    }
    .into_any()
}

#[component]
fn AddMemberSection(
    lang: Lang,
    csp: String,
    neighbourhoods: Vec<(i64, Names)>,
    kept: KeptForm,
    now: Timestamp,
) -> AnyView {
    // A new member is reviewed a year on, unless the lead says otherwise.
    let stored = Values {
        review_on: iso_date(now + 365 * 86_400),
        language: lang.code().into(),
        ..Default::default()
    };
    let values = Values::shown(&kept, "add", stored);
    view! {
        <section aria-labelledby="kin-add">
            <h2 id="kin-add">{t!(lang, "kin-add-heading")}</h2>
            <form method="post" action="/staff/engagement/kin/add" class="form">
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="csp" value=csp />
                {member_fields(lang, &neighbourhoods, values, false)}
                <button type="submit" class="button">{t!(lang, "kin-add-submit")}</button>
            </form>
        </section>
    }
    .into_any()
}

#[component]
fn QuestionnaireSection(lang: Lang, csp: String, campaigns: Vec<(i64, Names)>) -> AnyView {
    let picker = |id: &'static str| {
        let campaigns = campaigns.clone();
        view! {
            <div class="field">
                <label for=id>{t!(lang, "kin-questionnaire-campaign")}</label>
                <select id=id name="campaign">
                    {campaigns.into_iter().map(|(id, title)| view! { <option value=id.to_string()>{title.get(lang).to_string()}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <section aria-labelledby="kin-questionnaire">
            <h2 id="kin-questionnaire">{t!(lang, "kin-questionnaire-heading")}</h2>
            <p>{t!(lang, "kin-questionnaire-intro")}</p>
            {if campaigns.is_empty() {
                view! { <p>{t!(lang, "kin-questionnaire-none")}</p> }.into_any()
            } else {
                view! {
                    <form method="post" action="/staff/engagement/kin/send" class="form inline-fields">
                        <input type="hidden" name="lang" value=lang.code() />
                        <input type="hidden" name="csp" value=csp.clone() />
                        {picker("kin-send-campaign")}
                        <button type="submit" class="button">{t!(lang, "kin-questionnaire-send")}</button>
                    </form>
                    <form method="post" action="/staff/engagement/kin/remind" class="form inline-fields">
                        <input type="hidden" name="lang" value=lang.code() />
                        <input type="hidden" name="csp" value=csp.clone() />
                        {picker("kin-remind-campaign")}
                        <button type="submit" class="button secondary">{t!(lang, "kin-questionnaire-remind")}</button>
                    </form>
                }
                .into_any()
            }}
        </section>
    }
    .into_any()
}

/// A neighbourhood's response rate quarter by quarter, as a small line (the table beside it
/// gives the figures).
fn sparkline(lang: Lang, neighbourhood: &str, rates: &[Rate]) -> AnyView {
    let (width, height) = (120.0_f64, 32.0_f64);
    let step = if rates.len() > 1 { width / (rates.len() - 1) as f64 } else { 0.0 };
    let points: Vec<(f64, f64)> = rates
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            r.percent().map(|p| (i as f64 * step, height - 2.0 - (p as f64) * (height - 4.0) / 100.0))
        })
        .collect();
    let line: Vec<String> = points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
    let label = t!(lang, "kin-chart-label", neighbourhood = neighbourhood.to_string());
    view! {
        <svg class="sparkline" width="120" height="32" viewBox="0 0 120 32" role="img" aria-label=label>
            <line x1="0" y1="30" x2="120" y2="30" stroke="currentColor" stroke-opacity="0.3" />
            <polyline points=line.join(" ") fill="none" stroke="currentColor" stroke-width="2" />
            {points.into_iter().map(|(x, y)| view! { <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r="2" fill="currentColor" /> }).collect_view()}
        </svg>
    }
    .into_any()
}

/// Response rates per neighbourhood over the last quarters, with the change on the quarter
/// before. Only this register's readers (engagement leads and managers) see it.
#[component]
fn TrendsSection(
    lang: Lang,
    neighbourhoods: Vec<(i64, Names)>,
    quarters: Vec<Quarter>,
    trends: Vec<TrendRow>,
) -> AnyView {
    let name = |id: i64| {
        neighbourhoods
            .iter()
            .find(|(n, _)| *n == id)
            .map(|(_, name)| name.get(lang).to_string())
            .unwrap_or_default()
    };
    view! {
        <section aria-labelledby="kin-trends">
            <h2 id="kin-trends">{t!(lang, "kin-trends-heading")}</h2>
            {if trends.is_empty() {
                view! { <p>{t!(lang, "kin-trends-empty")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="kin-trends-caption">
                        <table>
                            <caption id="kin-trends-caption">{t!(lang, "kin-trends-caption")}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t!(lang, "kin-trends-neighbourhood")}</th>
                                    {quarters.iter().map(|q| view! { <th scope="col">{q.label(lang)}</th> }).collect_view()}
                                    <th scope="col">{t!(lang, "kin-trends-change")}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {trends.iter().map(|row| {
                                    let neighbourhood = name(row.neighbourhood_id);
                                    view! {
                                        <tr>
                                            <th scope="row">{neighbourhood.clone()}</th>
                                            {row.rates.iter().map(|r| view! {
                                                <td>{match r.percent() {
                                                    Some(percent) => t!(lang, "kin-trends-cell", answered = r.answered, sent = r.sent, percent = percent),
                                                    None => t!(lang, "kin-trends-nothing"),
                                                }}</td>
                                            }).collect_view()}
                                            <td>
                                                {row.change.map(|points| t!(lang, "kin-trends-points", points = points)).unwrap_or_else(|| "–".into())}
                                                " " {sparkline(lang, &neighbourhood, &row.rates)}
                                            </td>
                                        </tr>
                                    }
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

#[component]
pub fn KinMemberPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().read_untracked().get("id").and_then(|id| id.parse::<i64>().ok());
    let q = use_query_map().read_untracked();
    let load = member(id, q.get("kept"));
    view! {
        <Page lang error_title=t!(lang, "kin-title") load render=move |view| member_sections(lang, view)>
            <KinNotice lang />
        </Page>
    }
}

/// A member's page, as an outline of its sections.
fn member_sections(lang: Lang, v: MemberView) -> AnyView {
    let MemberView { csp, now, member, neighbourhoods, answers, kept } = v;
    let title = member.name.clone();
    view! {
        <leptos_meta::Title text=title.clone() />
        <h1>{title}</h1>
        <p><a href=format!("{}?csp={}", lang.path("/staff/engagement/kin"), crate::shell::encode_component(&csp))>{t!(lang, "kin-member-back")}</a></p>
        <MemberSummary lang now member=member.clone() />
        <EditMemberSection lang csp=csp.clone() member=member.clone() neighbourhoods kept />
        <MemberAnswers lang answers />
        <ConsentAndRemoval lang csp member />
    }
    .into_any()
}

#[component]
fn MemberSummary(lang: Lang, now: Timestamp, member: MemberLine) -> AnyView {
    view! {
        <section aria-labelledby="kin-details">
            <h2 id="kin-details">{t!(lang, "kin-member-details")}</h2>
            <dl>
                <dt>{t!(lang, "kin-consent")}</dt>
                <dd>{consent_words(lang, &member)}</dd>
                <dt>{t!(lang, "kin-review")}</dt>
                <dd>{review_words(lang, member.review_on, now)}</dd>
                <dt>{t!(lang, "kin-status")}</dt>
                <dd>{status_name(lang, member.status)}</dd>
            </dl>
        </section>
    }
    .into_any()
}

#[component]
fn EditMemberSection(
    lang: Lang,
    csp: String,
    member: MemberLine,
    neighbourhoods: Vec<(i64, Names)>,
    kept: KeptForm,
) -> AnyView {
    let values = Values::shown(&kept, "edit", Values::of(&member));
    view! {
        <section aria-labelledby="kin-edit">
            <h2 id="kin-edit">{t!(lang, "kin-member-edit-heading")}</h2>
            <form method="post" action=format!("/staff/engagement/kin/{}/edit", member.id) class="form">
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="csp" value=csp />
                <input type="hidden" name="version" value=member.version.to_string() />
                {member_fields(lang, &neighbourhoods, values, true)}
                <button type="submit" class="button">{t!(lang, "kin-save-submit")}</button>
            </form>
        </section>
    }
    .into_any()
}

/// The member's written answers, each with a link to record it as intelligence.
#[component]
fn MemberAnswers(lang: Lang, answers: Vec<AnswerLine>) -> AnyView {
    view! {
        <section aria-labelledby="kin-answers">
            <h2 id="kin-answers">{t!(lang, "kin-member-answers-heading")}</h2>
            {if answers.is_empty() {
                view! { <p>{t!(lang, "kin-member-answers-none")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="kin-answers-caption">
                        <table>
                            <caption id="kin-answers-caption">{t!(lang, "kin-member-answers-caption")}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t!(lang, "kin-answer-when")}</th>
                                    <th scope="col">{t!(lang, "kin-answer-question")}</th>
                                    <th scope="col">{t!(lang, "kin-answer-text")}</th>
                                    <th scope="col">{t!(lang, "kin-actions")}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {answers.into_iter().map(|a| {
                                    let record = format!(
                                        "{}?response={}&question={}",
                                        lang.path("/staff/intelligence/record"),
                                        a.response_id,
                                        crate::shell::encode_component(&a.question_key)
                                    );
                                    view! {
                                        <tr>
                                            <td>{format!("{} · {}", a.quarter.label(lang), a.campaign.get(lang))}</td>
                                            <td>{a.question.get(lang).to_string()}</td>
                                            <td class="breakable">{a.text}</td>
                                            <td><a href=record>{t!(lang, "kin-answer-record")}</a></td>
                                        </tr>
                                    }
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

#[component]
fn ConsentAndRemoval(lang: Lang, csp: String, member: MemberLine) -> AnyView {
    let id = member.id;
    view! {
        {member.consent_on.is_some().then(|| view! {
            <section aria-labelledby="kin-withdraw">
                <h2 id="kin-withdraw">{t!(lang, "kin-member-consent-heading")}</h2>
                <p>{t!(lang, "kin-member-consent-intro")}</p>
                <form method="post" action=format!("/staff/engagement/kin/{id}/withdraw-consent") class="form">
                    <input type="hidden" name="lang" value=lang.code() />
                    <input type="hidden" name="csp" value=csp.clone() />
                    <button type="submit" class="button secondary">{t!(lang, "kin-withdraw")}</button>
                </form>
            </section>
        })}
        <section aria-labelledby="kin-remove">
            <h2 id="kin-remove">{t!(lang, "kin-member-remove-heading")}</h2>
            <p>{t!(lang, "kin-member-remove-intro")}</p>
            <form method="post" action=format!("/staff/engagement/kin/{id}/remove") class="form">
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="csp" value=csp />
                <button type="submit" class="button warning">{t!(lang, "kin-remove")}</button>
            </form>
        </section>
    }
    .into_any()
}
