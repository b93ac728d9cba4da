//! Email to residents, always in the language they chose.

use crate::{i18n::Lang, t};

/// (subject, plain-text body) of the confirmation sent when a report is received.
pub fn confirmation(lang: Lang, reference: &str, link: &str, csp: &str) -> (String, String) {
    (
        t!(lang, "email-report-subject", reference = reference),
        t!(lang, "email-report-body", reference = reference, link = link, csp = csp),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confirmation_is_in_the_residents_language() {
        let (subject, body) =
            confirmation(Lang::Cy, "CYM-26-000001", "https://hub.example/cy/track/abc", "Partneriaeth X");
        assert_eq!(subject, "Eich adroddiad CYM-26-000001");
        assert!(
            body.contains("https://hub.example/cy/track/abc")
                && body.contains("999")
                && body.contains("Partneriaeth X")
        );
        let (subject, _) = confirmation(Lang::En, "CYM-26-000001", "x", "y");
        assert_eq!(subject, "Your report CYM-26-000001");
    }
}
