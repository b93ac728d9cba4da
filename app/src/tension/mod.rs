//! Community tension monitoring (issue 15): assessments per neighbourhood with their indicators and
//! de-escalation actions, known trigger events with their community impact assessments, signals from
//! the weekly data (improved Farrington or EARS C2, under an alarm budget per partnership), the
//! tension picture and weekly summary, and alerts to the partnership's tension rota.
pub mod recompute;
pub mod series;
pub mod weeks;

// Assessments, levels and de-escalation actions (issue 15, part 1: "assess").
pub mod assessments;
pub mod assessments_actions;
pub mod assessments_pages;
pub mod deescalation;
pub mod levels;
// Trigger events and their community impact assessments; the tension rota and its alerts.
pub mod alerts;
pub mod ears;
pub mod events;
pub mod events_actions;
pub mod events_pages;
pub mod events_upcoming;
pub mod farrington;
pub mod rota;
pub mod signals;
pub mod simulation;
// The API (issue 15, part 7) and the cohesion coordinator's cross-border view (part 6).
pub mod api;
pub mod region;
// The picture: the tension map, each neighbourhood's timeline and the weekly summary (part 4).
pub mod picture;
pub mod picture_signals;
pub mod picture_view;
pub mod summary;
pub mod timeline;
