//! The trigger events' forms: `POST /staff/tension/events` records one, `POST
//! /staff/tension/events/{id}/edit` saves one at the version the form was filled in against (a
//! stale form is refused, nothing overwritten). A refused form goes back as typed with what to
//! put right. Each save is audited in its transaction; one saved at risk level high alerts the
//! CSP's tension rota in the same transaction (key `event:{id}:{version}`).

use crate::{
    audit::{AuditAction, NewAuditEntry},
    db::{self, reference::Tx},
    i18n::Lang,
    shell::{
        form::Posted,
        outcome::Outcome,
        problem::{page, Problem},
    },
    staff::{guard::Staff, kept, Permission},
    state::AppState,
    tension::{
        alerts::{queue_alert, AlertEvent, AlertKind},
        events::{alert_key, check, EventDetails, EventForm, EventProblem, RiskLevel},
        events_pages::{access, edit_page, may_edit, neighbourhood_choices, new_page},
    },
};
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};

fn outcome_of(problem: EventProblem) -> Outcome {
    match problem {
        EventProblem::Kind => Outcome::TensionEventKind,
        EventProblem::Title => Outcome::TensionEventTitle,
        EventProblem::TooLong => Outcome::TensionEventTooLong,
        EventProblem::Dates => Outcome::TensionEventDates,
        EventProblem::Identifies => Outcome::TensionEventIdentifies,
        EventProblem::Neighbourhoods => Outcome::TensionEventNeighbourhoods,
        EventProblem::Owner => Outcome::TensionEventOwner,
        EventProblem::Review => Outcome::TensionEventReview,
        EventProblem::Choice => Outcome::TensionEventChoice,
    }
}

fn to(lang: Lang, path: &str, query: &str) -> Response {
    let sep = if path.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{}{sep}{query}", lang.path(path))).into_response()
}

fn audit(staff: &Staff, csp_id: i64, id: i64, detail: String) -> NewAuditEntry {
    NewAuditEntry {
        actor_user_id: Some(staff.user.id),
        actor_label: staff.user.email.clone(),
        action: Some(AuditAction::TensionEventChanged),
        record_type: Some("tension_event".into()),
        record_id: Some(id.to_string()),
        csp_id: Some(csp_id),
        ip: Some(staff.ip.clone()),
        detail: Some(detail),
    }
}

/// The neighbourhoods an event of the CSP may name.
async fn allowed(state: &AppState, csp_id: i64) -> Result<Vec<i64>, db::DbError> {
    Ok(neighbourhood_choices(state, csp_id).await?.into_iter().map(|c| c.id).collect())
}

/// After a save: the audit entry and, when the save raises the risk level to high (from nothing
/// or a lower level: `previous`), the rota's alert. Saving again at high does not alert again;
/// an event that falls back and rises again alerts again (its key is the version it rose at).
#[allow(clippy::too_many_arguments)]
async fn after_save(
    tx: &mut Tx<'_>,
    state: &AppState,
    staff: &Staff,
    csp_id: i64,
    (id, version): (i64, i64),
    d: &EventDetails,
    previous: Option<RiskLevel>,
    what: &str,
) -> Result<(), db::DbError> {
    let detail = format!("{what} version {version}: risk {}, ctlp {}", d.risk_level.as_str(), d.ctlp);
    db::audit::record_in(tx, &audit(staff, csp_id, id, detail)).await?;
    if d.risk_level == RiskLevel::High && previous != Some(RiskLevel::High) {
        let alert = AlertEvent {
            key: alert_key(id, version),
            kind: AlertKind::EventRisk,
            link_path: format!("/staff/tension/events/{id}"),
        };
        queue_alert(tx, &state.settings.public_url, csp_id, &alert).await?;
    }
    Ok(())
}

/// `POST /staff/tension/events`: records an event of the CSP the form names.
pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    Posted { form, lang, fields }: Posted<EventForm>,
) -> Response {
    let csp = match staff.require_named(lang, Permission::ManageTensionEvents, form.csp.trim()) {
        Ok(csp) => csp,
        Err(response) => return response,
    };
    let new_form = format!("/staff/tension/events/new?csp={}", crate::shell::encode_component(&csp.slug));
    let key = new_page(&csp.slug);
    let refused = |o: Outcome| kept::refusal(&state.db, staff.user.id, &key, "event", &fields, o);
    let allowed = match allowed(&state, csp.csp_id).await {
        Ok(a) => a,
        Err(e) => {
            tracing::error!(error = %e, "tension events: neighbourhoods");
            return to(lang, &new_form, &refused(Outcome::TensionEventsUnavailable).await);
        }
    };
    let details = match check(&form, &allowed) {
        Ok(d) => d,
        Err(problem) => return to(lang, &new_form, &refused(outcome_of(problem)).await),
    };
    let saved = async {
        let mut tx = state.db.writer().begin().await?;
        let id = db::tension_events::create(&mut tx, csp.csp_id, &details, staff.user.id).await?;
        after_save(&mut tx, &state, &staff, csp.csp_id, (id, 1), &details, None, "recorded").await?;
        tx.commit().await?;
        Ok::<i64, db::DbError>(id)
    };
    match saved.await {
        Ok(id) => to(lang, &format!("/staff/tension/events/{id}"), &Outcome::TensionEventRecorded.query()),
        Err(e) => {
            tracing::error!(error = %e, "could not record a tension event");
            to(lang, &new_form, &refused(Outcome::TensionEventsUnavailable).await)
        }
    }
}

/// `POST /staff/tension/events/{id}/edit`: saves an event of one's CSP (another CSP's event, or
/// one the person may not read: "not found"; read only to them: "not allowed").
pub async fn edit(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    Posted { form, lang, fields }: Posted<EventForm>,
) -> Response {
    let event = match id.parse::<i64>() {
        Ok(id) => match db::tension_events::event(&state.db, id).await {
            Ok(e) => e,
            Err(e) => {
                tracing::error!(error = %e, "could not read a tension event");
                return page(lang, Problem::Internal);
            }
        },
        Err(_) => None,
    };
    let Some(event) = event.filter(|e| access(&staff.user, e).0) else {
        return page(lang, Problem::NotFound);
    };
    if !may_edit(&staff.user, &event) {
        return page(lang, Problem::Forbidden);
    }
    let edit_form = format!("/staff/tension/events/{}/edit", event.id);
    let key = edit_page(event.id);
    let refused = |o: Outcome| kept::refusal(&state.db, staff.user.id, &key, "event", &fields, o);
    let allowed = match allowed(&state, event.csp_id).await {
        Ok(a) => a,
        Err(e) => {
            tracing::error!(error = %e, "tension events: neighbourhoods");
            return to(lang, &edit_form, &refused(Outcome::TensionEventsUnavailable).await);
        }
    };
    let details = match check(&form, &allowed) {
        Ok(d) => d,
        Err(problem) => return to(lang, &edit_form, &refused(outcome_of(problem)).await),
    };
    let Ok(version) = form.version.trim().parse::<i64>() else {
        return to(lang, &edit_form, &refused(Outcome::TensionEventStale).await);
    };
    let saved = async {
        let mut tx = state.db.writer().begin().await?;
        let Some(new_version) = db::tension_events::update(&mut tx, event.id, version, &details).await?
        else {
            return Ok::<bool, db::DbError>(false);
        };
        after_save(
            &mut tx,
            &state,
            &staff,
            event.csp_id,
            (event.id, new_version),
            &details,
            Some(event.details.risk_level),
            "edited",
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    };
    match saved.await {
        Ok(true) => {
            to(lang, &format!("/staff/tension/events/{}", event.id), &Outcome::TensionEventSaved.query())
        }
        Ok(false) => to(lang, &edit_form, &refused(Outcome::TensionEventStale).await),
        Err(e) => {
            tracing::error!(error = %e, "could not save a tension event");
            to(lang, &edit_form, &refused(Outcome::TensionEventsUnavailable).await)
        }
    }
}
