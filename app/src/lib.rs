//! Cymuned: the community intelligence and engagement hub for Community Safety Partnerships in Wales.
//!
//! One folder per capability, each holding its domain types and rules, its pages (each loading
//! its data through `shell::page::Page`) and its handlers. SQL lives only in `db/`; server-only
//! code, pages included, is behind the `ssr` feature: the browser build holds only the islands.

#[cfg(feature = "ssr")]
pub mod app;
pub mod audit;
pub mod engagement;
pub mod error;
#[cfg(feature = "ssr")]
pub mod frame;
#[cfg(feature = "ssr")]
pub mod home;
pub mod i18n;
// Issue 14: public neighbourhood pages.
#[cfg(feature = "ssr")]
pub mod neighbourhoods;
pub mod reference;
pub mod reporting;
pub mod shell;
pub mod staff;
pub mod suppression;
pub mod time;
pub mod triage;
pub mod trigger;
pub mod vocabulary;

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod limits;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod open311;
#[cfg(feature = "ssr")]
pub mod problems;
#[cfg(feature = "ssr")]
pub mod state;
// Subscriptions (issue 14): following a neighbourhood or partnership by email, Atom feeds.
#[cfg(feature = "ssr")]
pub mod subscriptions;
#[cfg(feature = "ssr")]
pub mod working_days;
// "You said, we did" publications (issue 14, part 2).
#[cfg(feature = "ssr")]
pub mod publications;
// Stopping progress and publication news in one click (issue 14).
#[cfg(feature = "ssr")]
pub mod stop_news;
// Community tension monitoring (issue 15).
#[cfg(feature = "ssr")]
pub mod tension;

/// Pages are rendered on the server only: the browser bundle holds the islands and nothing else.
#[cfg(feature = "ssr")]
pub use self::app::{shell as html_shell, App};

/// The browser bundle hydrates only the islands (`#[island]` components: the report map and
/// "use my location"); every other part of every page is server-rendered HTML.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
