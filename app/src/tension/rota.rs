//! The partnership's tension rota (issue 15, part 5): the staff emailed when a tension alert is
//! raised (`tension::alerts`), each in their account's language. `/staff/tension/rota` lists
//! them and adds or removes people; only the CSP's managers and administrators
//! (`ManageTensionRota`) may, and each change is audited.

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db,
    error::{internal, reject, AppError},
    i18n::Lang,
    reference::Names,
    shell::{form::Posted, outcome::Outcome, page::Page, use_lang, CspPicker},
    staff::{guard::Staff, pages::require_user, CspAccess, Permission, StaffUser},
    state::AppState,
    t,
    tension::events_pages::TensionNotice,
};
use axum::{
    extract::State,
    response::{IntoResponse, Redirect, Response},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// A person as the rota page shows them.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub language: Lang,
}

impl From<db::tension_rota::RotaPerson> for Person {
    fn from(p: db::tension_rota::RotaPerson) -> Person {
        Person {
            id: p.id,
            name: p.display_name,
            email: p.email,
            language: Lang::parse(&p.language).unwrap_or_default(),
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RotaView {
    pub csps: Vec<(String, Names)>,
    pub selected: String,
    pub members: Vec<Person>,
    pub candidates: Vec<Person>,
}

pub async fn rota(csp: Option<String>) -> Result<RotaView, ServerFnError> {
    let user = require_user()?;
    let state = AppState::current()?;
    let allowed = user.csps_where(Permission::ManageTensionRota);
    let Some(CspAccess { id: csp_id, slug, .. }) = StaffUser::pick_csp(&allowed, csp) else {
        return Err(reject(AppError::Forbidden));
    };
    let members = db::tension_rota::members(&state.db, csp_id).await.map_err(internal)?;
    let candidates = db::tension_rota::candidates(&state.db, csp_id).await.map_err(internal)?;
    Ok(RotaView {
        csps: allowed.into_iter().map(CspAccess::choice).collect(),
        selected: slug,
        members: members.into_iter().map(Person::from).collect(),
        candidates: candidates.into_iter().map(Person::from).collect(),
    })
}

#[component]
pub fn TensionRotaPage() -> impl IntoView {
    let lang = use_lang();
    let q = use_query_map().read_untracked();
    let load = rota(q.get("csp"));
    view! {
        <Page lang title=t!(lang, "tension-rota-title") load render=move |view| rota_sections(lang, view)>
            <p>{t!(lang, "tension-rota-intro")}</p>
            <TensionNotice lang />
        </Page>
    }
}

fn rota_sections(lang: Lang, v: RotaView) -> AnyView {
    let RotaView { csps, selected, members, candidates } = v;
    let csp = selected.clone();
    view! {
        <CspPicker lang csps selected=selected.clone() />
        <section aria-labelledby="rota-members">
            <h2 id="rota-members">{t!(lang, "tension-rota-members")}</h2>
            {if members.is_empty() {
                view! { <p>{t!(lang, "tension-rota-empty")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="rota-caption">
                        <table>
                            <caption id="rota-caption">{t!(lang, "tension-rota-members")}</caption>
                            <thead><tr>
                                <th scope="col">{t!(lang, "tension-rota-name")}</th>
                                <th scope="col">{t!(lang, "tension-rota-email")}</th>
                                <th scope="col">{t!(lang, "tension-rota-language")}</th>
                                <th scope="col">{t!(lang, "tension-rota-remove")}</th>
                            </tr></thead>
                            <tbody>
                                {members.into_iter().map(|p| view! {
                                    <tr>
                                        <th scope="row">{p.name.clone()}</th>
                                        <td class="breakable">{p.email.clone()}</td>
                                        <td lang=p.language.code()>{p.language.endonym()}</td>
                                        <td>
                                            <form method="post" action="/staff/tension/rota/remove" class="inline-form">
                                                <input type="hidden" name="lang" value=lang.code() />
                                                <input type="hidden" name="csp" value=csp.clone() />
                                                <input type="hidden" name="user" value=p.id.to_string() />
                                                <button type="submit" class="link-button" aria-label=t!(lang, "tension-rota-remove-who", name = p.name.clone())>
                                                    {t!(lang, "tension-rota-remove")}
                                                </button>
                                            </form>
                                        </td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="rota-add">
            <h2 id="rota-add">{t!(lang, "tension-rota-add")}</h2>
            {if candidates.is_empty() {
                view! { <p>{t!(lang, "tension-rota-no-candidates")}</p> }.into_any()
            } else {
                view! {
                    <form method="post" action="/staff/tension/rota/add" class="form">
                        <input type="hidden" name="lang" value=lang.code() />
                        <input type="hidden" name="csp" value=selected />
                        <div class="field">
                            <label for="rota-user">{t!(lang, "tension-rota-person")}</label>
                            <select id="rota-user" name="user">
                                {candidates.into_iter().map(|p| view! {
                                    <option value=p.id.to_string()>{format!("{} ({})", p.name, p.email)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <button type="submit" class="button">{t!(lang, "tension-rota-add")}</button>
                    </form>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}

/// Adding or removing someone: the CSP and the person.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RotaForm {
    pub csp: String,
    pub user: String,
}

fn to_rota(lang: Lang, slug: &str, outcome: Outcome) -> Response {
    let csp = crate::shell::encode_component(slug);
    Redirect::to(&format!("{}?csp={csp}&{}", lang.path("/staff/tension/rota"), outcome.query()))
        .into_response()
}

fn audit(staff: &Staff, csp_id: i64, user_id: i64, detail: &str) -> NewAuditEntry {
    NewAuditEntry {
        actor_user_id: Some(staff.user.id),
        actor_label: staff.user.email.clone(),
        action: Some(AuditAction::TensionRotaChanged),
        record_type: Some("tension_rota".into()),
        record_id: Some(user_id.to_string()),
        csp_id: Some(csp_id),
        ip: Some(staff.ip.clone()),
        detail: Some(detail.into()),
    }
}

/// `POST /staff/tension/rota/add`: someone of the CSP's staff put on its rota.
pub async fn add(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, .. }: Posted<RotaForm>,
) -> Response {
    let csp = match staff.require_named(lang, Permission::ManageTensionRota, form.csp.trim()) {
        Ok(csp) => csp,
        Err(response) => return response,
    };
    let Ok(user_id) = form.user.trim().parse::<i64>() else {
        return to_rota(lang, &csp.slug, Outcome::TensionRotaPerson);
    };
    let outcome = match db::tension_rota::is_staff(&state.db, csp.csp_id, user_id).await {
        Ok(false) => Outcome::TensionRotaPerson,
        Ok(true) => {
            let entry = audit(&staff, csp.csp_id, user_id, "added");
            match db::tension_rota::add(&state.db, csp.csp_id, user_id, staff.user.id, &entry).await {
                Ok(_) => Outcome::TensionRotaAdded,
                Err(e) => {
                    tracing::error!(error = %e, "could not add to the tension rota");
                    Outcome::TensionEventsUnavailable
                }
            }
        }
        Err(e) => {
            tracing::error!(error = %e, "could not read the CSP's staff");
            Outcome::TensionEventsUnavailable
        }
    };
    to_rota(lang, &csp.slug, outcome)
}

/// `POST /staff/tension/rota/remove`: someone taken off the CSP's rota.
pub async fn remove(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, .. }: Posted<RotaForm>,
) -> Response {
    let csp = match staff.require_named(lang, Permission::ManageTensionRota, form.csp.trim()) {
        Ok(csp) => csp,
        Err(response) => return response,
    };
    let Ok(user_id) = form.user.trim().parse::<i64>() else {
        return to_rota(lang, &csp.slug, Outcome::TensionRotaPerson);
    };
    let entry = audit(&staff, csp.csp_id, user_id, "removed");
    let outcome = match db::tension_rota::remove(&state.db, csp.csp_id, user_id, &entry).await {
        Ok(true) => Outcome::TensionRotaRemoved,
        Ok(false) => Outcome::TensionRotaPerson,
        Err(e) => {
            tracing::error!(error = %e, "could not remove from the tension rota");
            Outcome::TensionEventsUnavailable
        }
    };
    to_rota(lang, &csp.slug, outcome)
}
