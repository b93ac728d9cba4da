//! What the engagement tests share: signing in and posting forms as staff, reading numbers from
//! the database, Cardiff and its neighbourhoods, survey questions and publishing, accounts of
//! another CSP, and the check that a Welsh page shows no English.

use app::{
    db::{self, Db},
    engagement::{
        survey::{Choice, Question, QuestionKind, Survey},
        SurveyKind,
    },
    i18n::Lang,
    reference::Names,
    staff::accounts::{self, NewAccount, DEMO_PASSWORD},
};
use axum::{body::Body, Router};
use http::{header, HeaderMap, StatusCode};

use super::http::{form, send, with_cookie};

pub const DAY: i64 = 86_400;

/// The session cookie of a demo account (or one made with the demo password), signed in.
pub async fn cookie_for(app: &Router, email: &str) -> Option<String> {
    Some(super::http::cookie_for(app, email).await)
}

/// Cardiff's demo staff, one for each role: (who, email).
pub const CARDIFF_STAFF: [(&str, &str); 6] = [
    ("officer", "officer@demo.cymuned.cymru"),
    ("analyst", "analyst@demo.cymuned.cymru"),
    ("engagement lead", "engagement-lead@demo.cymuned.cymru"),
    ("partner", "partner@demo.cymuned.cymru"),
    ("manager", "csp-manager@demo.cymuned.cymru"),
    ("admin", "admin@demo.cymuned.cymru"),
];

/// Each of `staff` signed in, in order: (who, session cookie).
pub async fn sign_in_each(
    app: &Router,
    staff: &[(&'static str, &str)],
) -> Vec<(&'static str, Option<String>)> {
    let mut people = Vec::new();
    for (who, email) in staff {
        people.push((*who, cookie_for(app, email).await));
    }
    people
}

/// An account of another CSP (or a partner's), with the demo password.
pub async fn add_account(
    db: &Db,
    email: &str,
    display_name: &str,
    role: &str,
    csp_slug: &str,
    organisation: Option<(&str, &str)>,
) {
    let account = NewAccount {
        email,
        display_name,
        password: DEMO_PASSWORD,
        role,
        csp_slug,
        organisation,
        language: Lang::En,
        is_demo: false,
    };
    accounts::create_account(db, account, "test").await.unwrap();
}

/// Posts a form: (status, the response's headers).
pub async fn post_for_headers(
    app: &Router,
    path: &str,
    cookie: &Option<String>,
    body: &str,
) -> (StatusCode, HeaderMap) {
    let (status, headers, _) =
        send(app, with_cookie(form(path), cookie).body(Body::from(body.to_string())).unwrap()).await;
    (status, headers)
}

/// Posts a form: (status, where it sends the person).
pub async fn post(app: &Router, path: &str, cookie: &Option<String>, body: &str) -> (StatusCode, String) {
    let (status, headers) = post_for_headers(app, path, cookie, body).await;
    (status, location(&headers))
}

/// Where a response sends the person ("" when nowhere).
pub fn location(headers: &HeaderMap) -> String {
    headers.get(header::LOCATION).map(|l| l.to_str().unwrap().to_string()).unwrap_or_default()
}

/// A form field's value, percent-encoded.
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The number a query gives.
pub async fn scalar(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db.reader()).await.unwrap()
}

/// The number a query gives for the id bound to `$1`.
pub async fn scalar_for(db: &Db, sql: &str, id: i64) -> i64 {
    sqlx::query_scalar(sql).bind(id).fetch_one(db.reader()).await.unwrap()
}

/// The id a query gives for the text bound to `$1`.
pub async fn id_of(db: &Db, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar(sql).bind(bind).fetch_one(db.reader()).await.unwrap()
}

/// The id of the account with this email.
pub async fn user_id(db: &Db, email: &str) -> i64 {
    db::staff::user_id_by_email(db, email).await.unwrap().unwrap()
}

/// Cardiff's CSP id.
pub async fn cardiff(db: &Db) -> i64 {
    scalar(db, "SELECT id FROM csps WHERE slug = 'cardiff'").await
}

/// Cardiff's neighbourhoods, oldest first.
pub async fn cardiff_neighbourhoods(db: &Db) -> Vec<i64> {
    cardiff_neighbourhoods_ordered(db, "n.id").await
}

/// Cardiff's neighbourhoods by name.
pub async fn cardiff_neighbourhoods_by_name(db: &Db) -> Vec<i64> {
    cardiff_neighbourhoods_ordered(db, "n.name_en").await
}

async fn cardiff_neighbourhoods_ordered(db: &Db, order: &str) -> Vec<i64> {
    let sql = format!(
        "SELECT n.id FROM neighbourhoods n JOIN csps c ON c.id = n.csp_id WHERE c.slug = 'cardiff' ORDER BY {order}"
    );
    sqlx::query_scalar(&sql).fetch_all(db.reader()).await.unwrap()
}

/// A question with these words and options (key, English, Welsh), not required, no help.
pub fn question(
    key: &str,
    kind: QuestionKind,
    en: &str,
    cy: &str,
    options: &[(&str, &str, &str)],
) -> Question {
    Question {
        key: key.into(),
        kind,
        text: Names::new(en, cy),
        help: Names::new("", ""),
        options: options
            .iter()
            .map(|(k, en, cy)| Choice { key: (*k).into(), label: Names::new(*en, *cy) })
            .collect(),
        required: false,
        max_choices: None,
        rating_labels: None,
        show_if: None,
    }
}

/// "Yes" and "No", in both languages.
pub const YES_NO: [(&str, &str, &str); 2] = [("yes", "Yes", "Ydw"), ("no", "No", "Nac ydw")];

/// The campaign's survey made and published as `owner`; the published version's id.
pub async fn publish(db: &Db, campaign: i64, survey: &Survey, owner: i64) -> i64 {
    let json = serde_json::to_string(survey).unwrap();
    let survey_id = db::engagement::create_survey(db, campaign, SurveyKind::Custom, &json).await.unwrap();
    db::engagement::publish_survey(db, survey_id, &json, owner).await.unwrap().id
}

/// A partnership-wide online survey campaign of `csp` owned by `owner`, open from `starts_on`
/// to `ends_on` (in the past for a closed one), with `title`; its id.
pub async fn closed_campaign(
    db: &Db,
    (csp, owner): (i64, i64),
    slug: &str,
    title: &Names,
    (starts_on, ends_on): (i64, i64),
) -> i64 {
    db::engagement::create_campaign(
        db,
        db::engagement::NewCampaign {
            csp_id: csp,
            slug,
            title,
            purpose: &Names::new("", ""),
            whole_csp: true,
            neighbourhoods: &[],
            channels: &[app::engagement::Channel::OnlineSurvey],
            starts_on,
            ends_on,
            owner_user_id: owner,
            response_policy: app::engagement::ResponsePolicy::Open,
            results_due_on: None,
        },
    )
    .await
    .unwrap()
}

/// The "no English on a Welsh page" helpers, shared with the other tests (each test uses some).
#[allow(unused_imports)]
pub use super::{english_only_messages, english_only_phrases, no_english, text_of, visible_text};

/// A Cardiff-wide campaign ("what-matters") open now, whose survey asks one question: what
/// should be the priority (speeding or litter); its id and slug.
pub async fn priority_campaign(db: &Db) -> (i64, String) {
    let lead = user_id(db, "engagement-lead@demo.cymuned.cymru").await;
    let now = db::now();
    let id = db::engagement::create_campaign(
        db,
        db::engagement::NewCampaign {
            csp_id: cardiff(db).await,
            slug: "what-matters",
            title: &Names::new("What matters here", "Beth sy'n bwysig yma"),
            purpose: &Names::new("Choose a priority.", "Dewiswch flaenoriaeth."),
            whole_csp: true,
            neighbourhoods: &[],
            channels: &[app::engagement::Channel::OnlineSurvey],
            starts_on: now - DAY,
            ends_on: now + 30 * DAY,
            owner_user_id: lead,
            response_policy: app::engagement::ResponsePolicy::Open,
            results_due_on: None,
        },
    )
    .await
    .unwrap();
    let q = Question {
        required: true,
        ..question(
            "q1",
            QuestionKind::SingleChoice,
            "What should be the priority?",
            "Beth ddylai fod y flaenoriaeth?",
            &[("speeding", "Speeding", "Goryrru"), ("litter", "Litter", "Sbwriel")],
        )
    };
    publish(db, id, &Survey { questions: vec![q] }, lead).await;
    (id, "what-matters".into())
}
