//! What every request handler and server function can reach.

use crate::{
    config::Settings, db::Db, reference::locate::WardIndex, reporting::submit::ReportLimiter, staff::sign_in::SignInLimiter,
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
    /// Wakes the email worker when something was queued.
    pub mail_wake: Arc<tokio::sync::Notify>,
}

impl AppState {
    /// The state inside a server function or while rendering a page.
    pub fn current() -> Result<AppState, leptos::prelude::ServerFnError> {
        leptos::prelude::use_context::<AppState>().ok_or_else(|| crate::error::internal("AppState missing from context"))
    }
}
