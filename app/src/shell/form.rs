//! A posted form, typed: `Posted<F>` reads a plain HTML form (`application/x-www-form-urlencoded`)
//! into `F` with `serde_html_form`, so a name given several times (checkboxes) fills a `Vec`.
//! It also keeps the language the form was filled in (its hidden `lang` field) and the fields
//! as they were sent, in order: a refused form is kept as typed (see `staff::kept`).
//!
//! A form struct gives every field a default (`#[serde(default)]`) and reads numbers and choices
//! as text, parsed by the handler: a form with a field missing or mistyped is answered with
//! what to put right. (A body that cannot be read at all gets axum's 422.)

#[cfg(feature = "ssr")]
pub use server::{read, Posted};

/// The last value given for `name` in fields as sent, or "".
pub fn last<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
}

#[cfg(feature = "ssr")]
mod server {
    use super::last;
    use crate::i18n::Lang;
    use axum::{
        extract::{FromRequest, Request},
        response::{IntoResponse, Response},
        Form,
    };
    use serde::de::DeserializeOwned;

    /// A posted form read into `F`, with its language and its fields as sent.
    pub struct Posted<F> {
        pub form: F,
        pub lang: Lang,
        pub fields: Vec<(String, String)>,
    }

    /// Reads `fields` into `F`. A name given more than once where `F` expects one value keeps its
    /// last value (as browsers' forms are read everywhere in this hub).
    pub fn read<F: DeserializeOwned>(fields: &[(String, String)]) -> Result<F, serde_html_form::de::Error> {
        match serde_html_form::from_str(&serde_html_form::to_string(fields).unwrap_or_default()) {
            Ok(form) => Ok(form),
            Err(_) => {
                // One value per name (the last), for forms whose repeated names are not lists.
                let mut once: Vec<(String, String)> = Vec::new();
                for (k, v) in fields.iter().rev() {
                    if !once.iter().any(|(seen, _)| seen == k) {
                        once.push((k.clone(), v.clone()));
                    }
                }
                once.reverse();
                serde_html_form::from_str(&serde_html_form::to_string(&once).unwrap_or_default())
            }
        }
    }

    impl<S, F> FromRequest<S> for Posted<F>
    where
        S: Send + Sync,
        F: DeserializeOwned,
    {
        type Rejection = Response;

        async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
            let Form(fields) = Form::<Vec<(String, String)>>::from_request(req, state)
                .await
                .map_err(IntoResponse::into_response)?;
            let lang = Lang::parse(last(&fields, "lang")).unwrap_or_default();
            match read(&fields) {
                Ok(form) => Ok(Posted { form, lang, fields }),
                // As axum's own `Form` answers a body it cannot read.
                Err(e) => Err((
                    axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                    format!("Failed to deserialize form body: {e}"),
                )
                    .into_response()),
            }
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug, Default, PartialEq)]
    #[serde(default)]
    struct Grade {
        summary: String,
        share: Vec<String>,
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn repeated_names_fill_a_list_and_single_fields_keep_the_last_value() {
        let form: Grade = read(&pairs(&[("summary", "a"), ("share", "3"), ("share", "5")])).unwrap();
        assert_eq!(form, Grade { summary: "a".into(), share: vec!["3".into(), "5".into()] });
        let form: Grade = read(&pairs(&[("summary", "a"), ("summary", "b")])).unwrap();
        assert_eq!(form.summary, "b");
        let form: Grade = read(&pairs(&[("other", "x")])).unwrap();
        assert_eq!(form, Grade::default());
        assert_eq!(last(&pairs(&[("lang", "en"), ("lang", "cy")]), "lang"), "cy");
    }
}
