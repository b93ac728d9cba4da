//! Community tension monitoring (issue 15): assessments per neighbourhood with their indicators and
//! de-escalation actions, known trigger events with their community impact assessments, signals from
//! the weekly data (improved Farrington or EARS C2, under an alarm budget per partnership), the
//! tension picture and weekly summary, and alerts to the partnership's tension rota.
pub mod recompute;
pub mod series;
pub mod weeks;

pub mod ears;
pub mod farrington;
pub mod signals;
pub mod simulation;
