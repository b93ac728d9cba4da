//! The public front page and the accessibility statement.

pub mod pages;
