//! The one error type pages show. Server functions send its code; the page translates it.
//! Internal causes are logged on the server and never shown.

use crate::i18n::Lang;
use leptos::prelude::ServerFnError;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    NotSignedIn,
    Forbidden,
    NotFound,
    Invalid,
    RateLimited,
    Unavailable,
}

impl AppError {
    const ALL: [AppError; 6] = [
        AppError::NotSignedIn,
        AppError::Forbidden,
        AppError::NotFound,
        AppError::Invalid,
        AppError::RateLimited,
        AppError::Unavailable,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AppError::NotSignedIn => "not_signed_in",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not_found",
            AppError::Invalid => "invalid",
            AppError::RateLimited => "rate_limited",
            AppError::Unavailable => "unavailable",
        }
    }

    /// Reads the code back from a server function's error; anything else is `Unavailable`.
    pub fn from_server_fn_error(error: &ServerFnError) -> AppError {
        let text = match error {
            ServerFnError::ServerError(s) => s.as_str(),
            _ => "",
        };
        AppError::ALL.into_iter().find(|e| e.code() == text).unwrap_or(AppError::Unavailable)
    }

    pub fn message(self, lang: Lang) -> String {
        match self {
            AppError::NotSignedIn => crate::t!(lang, "error-not-signed-in"),
            AppError::Forbidden => crate::t!(lang, "error-forbidden"),
            AppError::NotFound => crate::t!(lang, "error-not-found"),
            AppError::Invalid => crate::t!(lang, "error-invalid"),
            AppError::RateLimited => crate::t!(lang, "error-rate-limited"),
            AppError::Unavailable => crate::t!(lang, "error-unavailable"),
        }
    }
}

impl From<AppError> for ServerFnError {
    fn from(e: AppError) -> ServerFnError {
        ServerFnError::ServerError(e.code().to_string())
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    pub fn status(self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            AppError::NotSignedIn => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Invalid => StatusCode::BAD_REQUEST,
            AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

/// Refuses a server call: sets the HTTP status that matches and returns the error to send.
#[cfg(feature = "ssr")]
pub fn reject(error: AppError) -> ServerFnError {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(error.status());
    }
    error.into()
}

/// Logs an internal failure and returns the error the page may show.
#[cfg(feature = "ssr")]
pub fn internal(cause: impl std::fmt::Display) -> ServerFnError {
    tracing::error!(%cause, "internal error");
    reject(AppError::Unavailable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_server_fn_errors() {
        for e in AppError::ALL {
            assert_eq!(AppError::from_server_fn_error(&e.into()), e);
            assert_ne!(e.message(Lang::En), e.message(Lang::Cy));
        }
        assert_eq!(AppError::from_server_fn_error(&ServerFnError::new("boom")), AppError::Unavailable);
    }
}
