//! What every request handler and server function can reach.

use crate::{
    config::Settings,
    db::Db,
    limits::{AddressLimiter, SignInLimiter, CASE_REVIEW_TRIES_PER_HOUR, SURVEY_POSTS_PER_HOUR},
    reference::locate::WardIndex,
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
    /// Reports stored per address (correcting a form is free).
    #[from_ref(skip)]
    pub report_limiter: Arc<AddressLimiter>,
    /// Case-review applications per address, every post counted before any check, so the form
    /// cannot be used to test references in bulk.
    #[from_ref(skip)]
    pub case_review_limiter: Arc<AddressLimiter>,
    /// Responding (issue 13): finished survey responses (one per device), and emails asked
    /// for (personal links, copies of answers), per address.
    #[from_ref(skip)]
    pub survey_limiter: Arc<AddressLimiter>,
    /// Subscriptions (issue 14): subscribe forms per address, every post counted.
    #[from_ref(skip)]
    pub subscribe_limiter: Arc<AddressLimiter>,
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
            report_limiter: Arc::new(AddressLimiter::per_hour(settings.reports_per_hour_per_address)),
            case_review_limiter: Arc::new(AddressLimiter::per_hour(CASE_REVIEW_TRIES_PER_HOUR)),
            survey_limiter: Arc::new(AddressLimiter::per_hour(SURVEY_POSTS_PER_HOUR)),
            subscribe_limiter: Arc::new(AddressLimiter::per_hour(
                crate::subscriptions::SUBSCRIBE_POSTS_PER_HOUR,
            )),
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
        self.survey_limiter.prune();
        self.subscribe_limiter.prune();
    }

    /// The state inside a server function or while rendering a page.
    pub fn current() -> Result<AppState, leptos::prelude::ServerFnError> {
        leptos::prelude::use_context::<AppState>()
            .ok_or_else(|| crate::error::internal("AppState missing from context"))
    }
}
