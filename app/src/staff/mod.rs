//! Staff accounts: roles scoped to CSPs, sign-in and sessions, demo accounts.

pub mod kept;
pub mod pages;
pub mod roles;
pub mod team;
#[cfg(feature = "ssr")]
pub mod accounts;
#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod sign_in;

pub use roles::{Permission, Role, RoleGrant, StaffUser, WorkTeam};
