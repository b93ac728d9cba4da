//! The `cymuned` binary's parts: command line, start-up, and the HTTP stack around the app.

pub mod cli;
pub mod demo;
pub mod http;
pub mod startup;
