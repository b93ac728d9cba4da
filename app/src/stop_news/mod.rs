//! Stopping progress and publication news in one click (issue 14): every email telling a
//! resident that a priority they raised moved (`engagement::telling`) or that a publication
//! drawing on what they said is published (`publications::actions`) carries a private stop link
//! of its own (a random token; only its hash is kept, with the hash of the address it stops) in
//! its body and as its RFC 8058 `List-Unsubscribe` address. The link's page (`/stop-news/{token}`,
//! also under `/cy`) has one button; its post, or a mail provider's one-click post, puts the
//! address (by the hash of its lower case) on the stop list and deletes its survey contacts.
//! From then on neither kind of news is sent to it. A reporter's consent about their own
//! report is not changed: they are still told what they asked about it.
//!
//! The page says nothing about the address: only that it will not be told again, or that the
//! link is unknown or used.

use crate::{i18n::Lang, t};

pub mod actions;
pub mod pages;

/// The English path of a stop link's page and post.
pub fn path(token: &str) -> String {
    format!("/stop-news/{token}")
}

/// The full address of a stop link, in `lang`.
pub fn link(public_url: &str, lang: Lang, token: &str) -> String {
    format!("{}{}", public_url.trim_end_matches('/'), lang.path(&path(token)))
}

/// An email's body with the stop link's paragraph after it.
pub fn with_stop_link(lang: Lang, body: &str, link: &str) -> String {
    format!("{}\n\n{}", body.trim_end(), t!(lang, "stop-news-email-footer", link = link))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_is_in_the_body_in_the_residents_language() {
        let cy = link("https://hub.example/", Lang::Cy, "abc");
        assert_eq!(cy, "https://hub.example/cy/stop-news/abc");
        assert_eq!(link("https://hub.example", Lang::En, "abc"), "https://hub.example/stop-news/abc");
        let (en, cy_body) =
            (with_stop_link(Lang::En, "Hello\n", "https://x/s/1"), with_stop_link(Lang::Cy, "Helo", &cy));
        assert!(en.starts_with("Hello\n\n") && en.contains("https://x/s/1"), "{en}");
        assert!(cy_body.contains(&cy) && cy_body != with_stop_link(Lang::En, "Helo", &cy), "{cy_body}");
    }
}
