//! The team page: a partnership manager sees who holds which roles in their CSP, gives roles to
//! existing accounts and takes them away. Every change is audited. The forms are plain posts,
//! so they work without JavaScript.

use crate::staff::CspAccess;
use crate::{
    i18n::Lang,
    reference::Names,
    shell::{page::Page, use_lang, CspPicker},
    staff::{pages::role_name, roles::TeamMember, Role},
    t,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// Kinds of partner organisation, as stored.
pub const ORGANISATION_KINDS: [&str; 8] =
    ["police", "council", "housing", "fire", "health", "probation", "youth_justice", "other"];

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TeamView {
    pub csps: Vec<(String, Names)>,
    pub selected: String,
    pub members: Vec<TeamMember>,
    /// The signed-in manager (whose own roles cannot be changed here).
    pub me: i64,
    /// Roles this manager may give in the selected CSP.
    pub grantable: Vec<Role>,
    pub teams: Vec<crate::staff::WorkTeam>,
}

/// The team page's data: the chosen CSP's members, the roles this manager may give, its teams.
pub async fn team(csp: Option<String>) -> Result<TeamView, ServerFnError> {
    use crate::{error::AppError, staff::Permission};
    let user = crate::staff::pages::require_user()?;
    let state = crate::state::AppState::current()?;
    let allowed = user.csps_where(Permission::ManageRoles);
    let Some(CspAccess { id: csp_id, slug, .. }) = crate::staff::StaffUser::pick_csp(&allowed, csp) else {
        return Err(crate::error::reject(AppError::Forbidden));
    };
    let members = crate::db::staff::team(&state.db, csp_id).await.map_err(crate::error::internal)?;
    let grantable = Role::ALL
        .into_iter()
        .filter(|r| crate::staff::roles::may_manage_role(&user, 0, csp_id, *r))
        .collect();
    let teams = crate::db::staff::teams(&state.db, csp_id).await.map_err(crate::error::internal)?;
    Ok(TeamView {
        csps: allowed.into_iter().map(CspAccess::choice).collect(),
        selected: slug,
        members,
        me: user.id,
        grantable,
        teams,
    })
}

fn organisation_kind_name(lang: Lang, kind: &str) -> String {
    match kind {
        "police" => t!(lang, "org-kind-police"),
        "council" => t!(lang, "org-kind-council"),
        "housing" => t!(lang, "org-kind-housing"),
        "fire" => t!(lang, "org-kind-fire"),
        "health" => t!(lang, "org-kind-health"),
        "probation" => t!(lang, "org-kind-probation"),
        "youth_justice" => t!(lang, "org-kind-youth-justice"),
        _ => t!(lang, "org-kind-other"),
    }
}

fn outcome_message(lang: Lang, done: Option<String>, error: Option<String>) -> Option<(bool, String)> {
    use crate::shell::outcome::{Outcome, Pages};
    if let Some(done) = done {
        return Some((true, Outcome::done(Pages::Team, &done).message(lang)));
    }
    error.map(|e| (false, Outcome::error(Pages::Team, &e).message(lang)))
}

#[component]
pub fn TeamPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let outcome = move || {
        let q = query.read();
        outcome_message(lang, q.get("done"), q.get("error"))
    };
    view! {
        <Page lang title=t!(lang, "team-title") load=team(query.read_untracked().get("csp")) render=move |view| view! { <Team lang view /> }>
            <p>{t!(lang, "team-intro")}</p>
            {move || outcome().map(|(ok, message)| if ok {
                view! { <div class="notice notice-success" role="status"><p>{message}</p></div> }.into_any()
            } else {
                view! { <div class="notice notice-error" role="alert"><p>{message}</p></div> }.into_any()
            })}
        </Page>
    }
}

#[component]
fn Team(lang: Lang, view: TeamView) -> impl IntoView {
    let TeamView { csps, selected, members, me, grantable, teams } = view;
    let teams_csp = selected.clone();
    let selected_for_rows = selected.clone();
    view! {
        <CspPicker lang csps=csps selected=selected.clone() />
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="team-caption">
            <table>
                <caption id="team-caption">{t!(lang, "team-caption", count = members.len())}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(lang, "team-name")}</th>
                        <th scope="col">{t!(lang, "sign-in-email")}</th>
                        <th scope="col">{t!(lang, "team-roles")}</th>
                    </tr>
                </thead>
                <tbody>
                    {members.into_iter().map(|m| {
                        let csp = selected_for_rows.clone();
                        let name = m.display_name.clone();
                        view! {
                            <tr>
                                <td>{m.display_name.clone()}</td>
                                <td class="breakable">{m.email.clone()}</td>
                                <td>
                                    <ul class="role-list">
                                        {m.roles.into_iter().map(|(role, org)| {
                                            let label = match &org {
                                                Some(o) => format!("{} ({o})", role_name(lang, role)),
                                                None => role_name(lang, role),
                                            };
                                            let removable = m.user_id != me && grantable.contains(&role);
                                            let remove_label = t!(lang, "team-remove-label", role = role_name(lang, role), name = name.clone());
                                            view! {
                                                <li>
                                                    {label}
                                                    {removable.then(|| view! {
                                                        <form method="post" action="/staff/team/revoke" class="inline-form">
                                                            <input type="hidden" name="lang" value=lang.code() />
                                                            <input type="hidden" name="csp" value=csp.clone() />
                                                            <input type="hidden" name="user_id" value=m.user_id.to_string() />
                                                            <input type="hidden" name="role" value=role.as_str() />
                                                            " "
                                                            <button type="submit" class="link-button" aria-label=remove_label>{t!(lang, "team-remove")}</button>
                                                        </form>
                                                    })}
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <h2 id="grant-heading">{t!(lang, "team-grant-heading")}</h2>
        <p>{t!(lang, "team-grant-intro")}</p>
        <form method="post" action="/staff/team/grant" class="form" aria-labelledby="grant-heading">
            <input type="hidden" name="lang" value=lang.code() />
            <input type="hidden" name="csp" value=selected.clone() />
            <div class="field">
                <label for="grant-email">{t!(lang, "team-grant-email")}</label>
                <input id="grant-email" name="email" type="email" required autocomplete="off" spellcheck="false" />
            </div>
            <div class="field">
                <label for="grant-role">{t!(lang, "team-roles")}</label>
                <select id="grant-role" name="role">
                    {grantable.iter().map(|r| view! { <option value=r.as_str()>{role_name(lang, *r)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="grant-organisation">{t!(lang, "team-grant-organisation")}</label>
                <input id="grant-organisation" name="organisation" type="text" autocomplete="organization" />
            </div>
            <div class="field">
                <label for="grant-organisation-kind">{t!(lang, "team-grant-organisation-kind")}</label>
                <select id="grant-organisation-kind" name="organisation_kind">
                    {ORGANISATION_KINDS.iter().map(|k| view! { <option value=*k>{organisation_kind_name(lang, k)}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{t!(lang, "team-grant-submit")}</button>
        </form>
        <WorkTeams lang csp=teams_csp teams />
    }
}

/// Teams of the CSP, which reports can be assigned to: created and staffed by its managers.
#[component]
fn WorkTeams(lang: Lang, csp: String, teams: Vec<crate::staff::WorkTeam>) -> impl IntoView {
    view! {
        <h2 id="teams-heading">{t!(lang, "teams-heading")}</h2>
        <p>{t!(lang, "teams-intro")}</p>
        <ul class="teams">
            {teams.iter().map(|team| view! {
                <li>
                    <strong>{team.name.clone()}</strong> ": "
                    {if team.members.is_empty() { t!(lang, "teams-nobody") } else { team.members.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>().join(", ") }}
                    {team.members.iter().map(|(user, name)| view! {
                        <form method="post" action="/staff/teams/remove" class="inline-form">
                            <input type="hidden" name="lang" value=lang.code() />
                            <input type="hidden" name="csp" value=csp.clone() />
                            <input type="hidden" name="team" value=team.id.to_string() />
                            <input type="hidden" name="user" value=user.to_string() />
                            " " <button type="submit" class="link-button">{t!(lang, "teams-remove", name = name.clone(), team = team.name.clone())}</button>
                        </form>
                    }).collect_view()}
                </li>
            }).collect_view()}
        </ul>
        <form method="post" action="/staff/teams/create" class="form inline-fields" aria-labelledby="teams-heading">
            <input type="hidden" name="lang" value=lang.code() />
            <input type="hidden" name="csp" value=csp.clone() />
            <div class="field">
                <label for="team-name">{t!(lang, "teams-new")}</label>
                <input id="team-name" name="name" type="text" maxlength="100" />
            </div>
            <button type="submit" class="button secondary">{t!(lang, "teams-create")}</button>
        </form>
        {(!teams.is_empty()).then(|| view! {
            <form method="post" action="/staff/teams/add" class="form inline-fields" aria-labelledby="teams-heading">
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="csp" value=csp.clone() />
                <div class="field">
                    <label for="team-member">{t!(lang, "teams-member-email")}</label>
                    <input id="team-member" name="email" type="email" />
                </div>
                <div class="field">
                    <label for="team-choice">{t!(lang, "teams-team")}</label>
                    <select id="team-choice" name="team">
                        {teams.iter().map(|t| view! { <option value=t.id.to_string()>{t.name.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button secondary">{t!(lang, "teams-add")}</button>
            </form>
        })}
    }
}

#[cfg(feature = "ssr")]
pub mod handlers {
    //! The team forms' posts.

    use super::ORGANISATION_KINDS;
    use crate::{
        audit::{AuditAction, NewAuditEntry},
        db,
        i18n::Lang,
        shell::{form::Posted, outcome::Outcome},
        staff::{guard::Staff, roles::may_manage_role, Permission, Role},
        state::AppState,
    };
    use axum::{
        extract::State,
        response::{IntoResponse, Redirect, Response},
    };
    use serde::Deserialize;

    /// A role given to someone (partners also name their organisation).
    #[derive(Deserialize)]
    pub struct GrantForm {
        #[serde(default)]
        pub csp: String,
        #[serde(default)]
        pub email: String,
        #[serde(default)]
        pub role: String,
        #[serde(default)]
        pub organisation: String,
        #[serde(default)]
        pub organisation_kind: String,
    }

    /// A role taken away.
    #[derive(Deserialize)]
    pub struct RevokeForm {
        #[serde(default)]
        pub csp: String,
        #[serde(default)]
        pub user_id: i64,
        #[serde(default)]
        pub role: String,
    }

    fn back(lang: Lang, csp: &str, outcome: Outcome) -> Response {
        let csp = crate::shell::encode_component(csp);
        Redirect::to(&format!("{}?csp={csp}&{outcome}", lang.path("/staff/team"))).into_response()
    }

    async fn audit(
        state: &AppState,
        staff: &Staff,
        action: AuditAction,
        subject: i64,
        csp_id: i64,
        role: Role,
    ) {
        let entry = NewAuditEntry {
            actor_user_id: Some(staff.user.id),
            actor_label: staff.user.email.clone(),
            action: Some(action),
            record_type: Some("user".into()),
            record_id: Some(subject.to_string()),
            csp_id: Some(csp_id),
            ip: Some(staff.ip.clone()),
            detail: Some(role.as_str().into()),
        };
        if let Err(e) = db::audit::record(&state.db, entry).await {
            tracing::error!(error = %e, "could not write audit entry");
        }
    }

    /// The CSP the manager manages roles in, and the role named by the form; or the response
    /// that refuses the request (on the team page: "you cannot make that change").
    #[allow(clippy::result_large_err)]
    fn authorise(staff: &Staff, lang: Lang, csp: &str, role: &str) -> Result<(i64, Role), Response> {
        let Some(allowed) = staff.allowed_in(Permission::ManageRoles, csp) else {
            return Err(back(lang, csp, Outcome::RoleForbidden));
        };
        let Some(role) = Role::parse(role) else { return Err(back(lang, csp, Outcome::TeamInvalid)) };
        Ok((allowed.csp_id, role))
    }

    /// `POST /staff/team/grant`
    pub async fn grant(
        State(state): State<AppState>,
        staff: Staff,
        Posted { form, lang, .. }: Posted<GrantForm>,
    ) -> Response {
        let user = &staff.user;
        let (csp_id, role) = match authorise(&staff, lang, &form.csp, &form.role) {
            Ok(found) => found,
            Err(response) => return response,
        };
        let organisation = form.organisation.trim();
        if role == Role::Partner && organisation.is_empty() {
            return back(lang, &form.csp, Outcome::NeedsOrganisation);
        }
        let grantee = match db::staff::user_id_by_email(&state.db, &form.email).await {
            Ok(Some(id)) => id,
            Ok(None) => return back(lang, &form.csp, Outcome::NoAccount),
            Err(e) => {
                tracing::error!(error = %e, "team lookup failed");
                return back(lang, &form.csp, Outcome::TeamInvalid);
            }
        };
        if !may_manage_role(user, grantee, csp_id, role) {
            return back(lang, &form.csp, Outcome::RoleForbidden);
        }
        let organisation_id = if role == Role::Partner {
            let kind = if ORGANISATION_KINDS.contains(&form.organisation_kind.as_str()) {
                form.organisation_kind.as_str()
            } else {
                "other"
            };
            match db::staff::ensure_organisation(&state.db, csp_id, kind, organisation).await {
                Ok(id) => Some(id),
                Err(e) => {
                    tracing::error!(error = %e, "could not record organisation");
                    return back(lang, &form.csp, Outcome::TeamInvalid);
                }
            }
        } else {
            None
        };
        if let Err(e) = db::staff::grant_role(&state.db, grantee, csp_id, role, organisation_id).await {
            tracing::error!(error = %e, "could not grant role");
            return back(lang, &form.csp, Outcome::TeamInvalid);
        }
        audit(&state, &staff, AuditAction::RoleGranted, grantee, csp_id, role).await;
        back(lang, &form.csp, Outcome::Granted)
    }

    /// A new team of the CSP.
    #[derive(Deserialize, Default)]
    #[serde(default)]
    pub struct NewTeamForm {
        pub csp: String,
        pub name: String,
    }

    /// A member added to a team, by their email.
    #[derive(Deserialize, Default)]
    #[serde(default)]
    pub struct AddMemberForm {
        pub csp: String,
        pub team: String,
        pub email: String,
    }

    /// A member taken off a team, by their account's id.
    #[derive(Deserialize, Default)]
    #[serde(default)]
    pub struct RemoveMemberForm {
        pub csp: String,
        pub team: String,
        pub user: String,
    }

    /// Only the CSP's form: the old address of every team form.
    #[derive(Deserialize, Default)]
    #[serde(default)]
    pub struct CspForm {
        pub csp: String,
    }

    fn field(value: &str) -> String {
        value.trim().to_string()
    }

    /// The CSP named by a team form, where the person may manage roles; else the refusal.
    #[allow(clippy::result_large_err)]
    fn managed(staff: &Staff, lang: Lang, csp: &str) -> Result<(String, i64), Response> {
        let csp = field(csp);
        match staff.allowed_in(Permission::ManageRoles, &csp) {
            Some(allowed) => Ok((csp.clone(), allowed.csp_id)),
            None => Err(back(lang, &csp, Outcome::RoleForbidden)),
        }
    }

    /// `POST /staff/teams/create`: a new team.
    pub async fn create_team(
        State(state): State<AppState>,
        staff: Staff,
        Posted { form, lang, .. }: Posted<NewTeamForm>,
    ) -> Response {
        let (csp, csp_id) = match managed(&staff, lang, &form.csp) {
            Ok(found) => found,
            Err(response) => return response,
        };
        let name = field(&form.name);
        if name.is_empty() || name.chars().count() > 100 {
            return back(lang, &csp, Outcome::TeamName);
        }
        let outcome = match db::staff::create_team(&state.db, csp_id, &name).await {
            Ok(true) => Outcome::TeamCreated,
            Ok(false) => Outcome::TeamExists,
            Err(e) => {
                tracing::error!(error = %e, "could not create a team");
                Outcome::TeamInvalid
            }
        };
        back(lang, &csp, outcome)
    }

    /// The team `team` when it is the CSP's.
    async fn csps_team(state: &AppState, csp_id: i64, team: &str) -> Option<i64> {
        let team = field(team).parse::<i64>().ok()?;
        matches!(db::staff::team_csp(&state.db, team).await, Ok(Some(c)) if c == csp_id).then_some(team)
    }

    /// A team's membership changed: recorded in the audit log.
    async fn team_changed(state: &AppState, staff: &Staff, csp_id: i64, team: i64, detail: String) {
        let user = &staff.user;
        let entry = NewAuditEntry {
            actor_user_id: Some(user.id),
            actor_label: user.email.clone(),
            action: Some(AuditAction::SettingsChanged),
            record_type: Some("team".into()),
            record_id: Some(team.to_string()),
            csp_id: Some(csp_id),
            ip: Some(staff.ip.clone()),
            detail: Some(detail),
        };
        if let Err(e) = db::audit::record(&state.db, entry).await {
            tracing::error!(error = %e, "could not write audit entry");
        }
    }

    /// `POST /staff/teams/add`: a member added to one of the CSP's teams (someone who holds a
    /// role in it).
    pub async fn add_member(
        State(state): State<AppState>,
        staff: Staff,
        Posted { form, lang, .. }: Posted<AddMemberForm>,
    ) -> Response {
        let (csp, csp_id) = match managed(&staff, lang, &form.csp) {
            Ok(found) => found,
            Err(response) => return response,
        };
        let Some(team) = csps_team(&state, csp_id, &form.team).await else {
            return back(lang, &csp, Outcome::TeamInvalid);
        };
        let member =
            match db::staff::user_id_by_email(&state.db, &db::staff::normalise_email(&field(&form.email)))
                .await
            {
                Ok(Some(id))
                    if db::staff::team(&state.db, csp_id)
                        .await
                        .is_ok_and(|m| m.iter().any(|x| x.user_id == id)) =>
                {
                    id
                }
                Ok(_) => return back(lang, &csp, Outcome::NoAccount),
                Err(e) => {
                    tracing::error!(error = %e, "could not find an account");
                    return back(lang, &csp, Outcome::TeamInvalid);
                }
            };
        match db::staff::add_team_member(&state.db, team, member).await {
            Ok(_) => {
                team_changed(&state, &staff, csp_id, team, format!("team {team}: add user {member}")).await;
                back(lang, &csp, Outcome::TeamChanged)
            }
            Err(e) => {
                tracing::error!(error = %e, "could not change a team");
                back(lang, &csp, Outcome::TeamInvalid)
            }
        }
    }

    /// `POST /staff/teams/remove`: a member taken off one of the CSP's teams.
    pub async fn remove_member(
        State(state): State<AppState>,
        staff: Staff,
        Posted { form, lang, .. }: Posted<RemoveMemberForm>,
    ) -> Response {
        let (csp, csp_id) = match managed(&staff, lang, &form.csp) {
            Ok(found) => found,
            Err(response) => return response,
        };
        let Some(team) = csps_team(&state, csp_id, &form.team).await else {
            return back(lang, &csp, Outcome::TeamInvalid);
        };
        let Ok(member) = field(&form.user).parse::<i64>() else {
            return back(lang, &csp, Outcome::TeamInvalid);
        };
        match db::staff::remove_team_member(&state.db, team, member).await {
            Ok(_) => {
                team_changed(&state, &staff, csp_id, team, format!("team {team}: remove user {member}"))
                    .await;
                back(lang, &csp, Outcome::TeamChanged)
            }
            Err(e) => {
                tracing::error!(error = %e, "could not change a team");
                back(lang, &csp, Outcome::TeamInvalid)
            }
        }
    }

    /// `POST /staff/teams`, the old address of every team form: checked like them, then refused
    /// (each change has its own address).
    pub async fn teams(staff: Staff, Posted { form, lang, .. }: Posted<CspForm>) -> Response {
        match managed(&staff, lang, &form.csp) {
            Ok((csp, _)) => back(lang, &csp, Outcome::TeamInvalid),
            Err(response) => response,
        }
    }

    /// `POST /staff/team/revoke`
    pub async fn revoke(
        State(state): State<AppState>,
        staff: Staff,
        Posted { form, lang, .. }: Posted<RevokeForm>,
    ) -> Response {
        let user = &staff.user;
        let (csp_id, role) = match authorise(&staff, lang, &form.csp, &form.role) {
            Ok(found) => found,
            Err(response) => return response,
        };
        if !may_manage_role(user, form.user_id, csp_id, role) {
            return back(lang, &form.csp, Outcome::RoleForbidden);
        }
        match db::staff::revoke_role(&state.db, form.user_id, csp_id, role).await {
            Ok(true) => {
                audit(&state, &staff, AuditAction::RoleRevoked, form.user_id, csp_id, role).await;
                back(lang, &form.csp, Outcome::Revoked)
            }
            Ok(false) => back(lang, &form.csp, Outcome::NotHeld),
            Err(e) => {
                tracing::error!(error = %e, "could not revoke role");
                back(lang, &form.csp, Outcome::TeamInvalid)
            }
        }
    }
}
