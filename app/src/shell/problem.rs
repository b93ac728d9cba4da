//! Small bilingual pages the HTTP layer sends by itself (refused request, body too large,
//! internal error), in the visitor's language with the other language below.

use crate::{i18n::Lang, t};
use axum::{
    http::StatusCode,
    response::{Html, IntoResponse, Response},
};

#[derive(Clone, Copy)]
pub enum Problem {
    NotFound,
    Forbidden,
    TooLarge,
    Internal,
}

fn text(lang: Lang, problem: Problem) -> (String, String) {
    match problem {
        Problem::NotFound => (t!(lang, "not-found-title"), t!(lang, "not-found-body")),
        Problem::Forbidden => (t!(lang, "refused-title"), t!(lang, "refused-body")),
        Problem::TooLarge => (t!(lang, "too-large-title"), t!(lang, "too-large-body")),
        Problem::Internal => (t!(lang, "internal-title"), t!(lang, "internal-body")),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

pub fn page(lang: Lang, problem: Problem) -> Response {
    let status = match problem {
        Problem::NotFound => StatusCode::NOT_FOUND,
        Problem::Forbidden => StatusCode::FORBIDDEN,
        Problem::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        Problem::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    };
    let (title, body) = text(lang, problem);
    let other = lang.other();
    let (other_title, other_body) = text(other, problem);
    let home = t!(lang, "not-found-home");
    let html = format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} – Cymuned</title><link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body><main id=\"main\" class=\"wrap\"><h1>{title}</h1><p>{body}</p><p><a href=\"{home_href}\">{home}</a></p>\
         <section lang=\"{other_code}\"><h2>{other_title}</h2><p>{other_body}</p></section></main></body></html>",
        code = lang.code(),
        css = crate::shell::assets::stylesheet_href(),
        title = escape(&title),
        body = escape(&body),
        home_href = lang.path("/"),
        home = escape(&home),
        other_code = other.code(),
        other_title = escape(&other_title),
        other_body = escape(&other_body),
    );
    (status, Html(html)).into_response()
}
