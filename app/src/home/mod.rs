//! The public front page, the accessibility statement and each partnership's page.

pub mod pages;
pub mod partnership;
