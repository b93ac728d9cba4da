//! Staff accounts: roles scoped to CSPs, sign-in and sessions, demo accounts.

#[cfg(feature = "ssr")]
pub mod accounts;
#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod guard;
pub mod kept;
#[cfg(feature = "ssr")]
pub mod pages;
// Regions and regional roles (issue 15 part 6).
pub mod regions;
pub mod roles;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod sign_in;
#[cfg(feature = "ssr")]
pub mod team;

pub use roles::{CspAccess, Permission, Role, RoleGrant, StaffUser, WorkTeam};
