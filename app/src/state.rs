//! What every request handler and server function can reach.

use crate::{
    config::Settings, db::Db, reference::locate::WardIndex, reporting::submit::ReportLimiter, staff::sign_in::SignInLimiter,
    trigger::actions::CaseReviewLimiter,
};
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub settings: Arc<Settings>,
    pub wards: Arc<WardIndex>,
    pub sign_in_limiter: Arc<SignInLimiter>,
    pub report_limiter: Arc<ReportLimiter>,
    /// Case-review applications per address, counted before any check.
    pub case_review_limiter: Arc<CaseReviewLimiter>,
    /// Wakes the email worker when something was queued.
    pub mail_wake: Arc<tokio::sync::Notify>,
}

impl AppState {
    /// The state for a running hub: limits and the mail wake-up come from the settings.
    pub fn new(leptos_options: LeptosOptions, db: Db, settings: Settings, wards: Arc<WardIndex>) -> AppState {
        AppState {
            leptos_options,
            db,
            sign_in_limiter: Arc::new(SignInLimiter::new(settings.sign_in_attempts_per_15_minutes)),
            report_limiter: Arc::new(ReportLimiter::new(settings.reports_per_hour_per_address)),
            case_review_limiter: Arc::new(CaseReviewLimiter::new(crate::trigger::actions::CASE_REVIEW_TRIES_PER_HOUR)),
            mail_wake: Arc::new(tokio::sync::Notify::new()),
            settings: Arc::new(settings),
            wards,
        }
    }

    /// Drops limiter keys whose quota has been fully restored, so memory follows the clients
    /// seen recently rather than every client ever seen.
    pub fn prune_limiters(&self) {
        self.sign_in_limiter.prune();
        self.report_limiter.prune();
        self.case_review_limiter.prune();
    }

    /// The state inside a server function or while rendering a page.
    pub fn current() -> Result<AppState, leptos::prelude::ServerFnError> {
        leptos::prelude::use_context::<AppState>().ok_or_else(|| crate::error::internal("AppState missing from context"))
    }
}
