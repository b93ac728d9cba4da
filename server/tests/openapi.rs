//! The API document as served at `/api/v1/openapi.json`: generated from the handlers, valid
//! OpenAPI 3.1, and true. Every documented operation is called with sample requests (with API
//! keys of every role, without one, with bad parameters, and with the database gone) that provoke
//! each status it documents; every body validates against the schema the document gives for its
//! status, and no status comes back that the document does not list. Runs on SQLite and on
//! PostgreSQL.
//!
//! `schemas/openapi-3.1.json` is the OpenAPI Initiative's JSON Schema for OpenAPI 3.1 documents
//! (its `$id` says which; Apache-2.0), as the `openapi-spec-validator` package ships it.

mod common;

use app::db::{self, Db};
use axum::{body::Body, Router};
use common::http::{cookie_for, form, get, hub, json, send, with_cookie};
use http::{header, Request, StatusCode};
use serde_json::Value;
use sqlx::Row as _;
use std::collections::{BTreeSet, HashMap};

const OPENAPI_31_SCHEMA: &str = include_str!("schemas/openapi-3.1.json");

/// Documented answers no sample request can provoke, and why.
const NOT_PROVOKED: &[(&str, &str, u16, &str)] = &[(
    "/api/v1/reports/{reference}/updates",
    "post",
    409,
    "two updates of one report at the same moment; the data layer's tests cover the stale version",
)];

/// `~` and `/` escaped for a JSON pointer.
fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Checks answers against the document and remembers which documented answers were seen.
struct Checker {
    doc: Value,
    validators: HashMap<String, jsonschema::Validator>,
    seen: BTreeSet<(String, String, u16)>,
}

impl Checker {
    fn new(doc: Value) -> Self {
        Checker { doc, validators: HashMap::new(), seen: BTreeSet::new() }
    }

    /// A validator for the schema at `pointer` in the document (its `$ref`s resolve in it).
    fn validator(&mut self, pointer: &str) -> &jsonschema::Validator {
        if !self.validators.contains_key(pointer) {
            let mut root = self.doc.clone();
            root["$schema"] = "https://json-schema.org/draft/2020-12/schema".into();
            // A URI fragment: braces (of path templates) percent-encoded.
            root["$ref"] = format!("#{}", pointer.replace('{', "%7B").replace('}', "%7D")).into();
            let validator = jsonschema::draft202012::options()
                .build(&root)
                .unwrap_or_else(|e| panic!("the schema at {pointer} is not one a validator accepts: {e}"));
            self.validators.insert(pointer.to_string(), validator);
        }
        &self.validators[pointer]
    }

    /// Sends `request` for the operation `method template`, checks the answer against the
    /// document, and gives its status and body.
    async fn call(&mut self, app: &Router, template: &str, request: Request<Body>) -> (StatusCode, String) {
        let method = request.method().as_str().to_ascii_lowercase();
        let what = format!("{} {}", request.method(), request.uri());
        let (status, headers, body) = send(app, request).await;
        let operation = &self.doc["paths"][template][&method];
        assert!(operation.is_object(), "{method} {template} is documented");
        let code = status.as_u16();
        let response = &operation["responses"][code.to_string()];
        assert!(response.is_object(), "{what} answered {status}, which the document does not list: {body}");
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().split(';').next().unwrap().trim().to_string())
            .unwrap_or_default();
        let documented = response["content"].as_object().cloned().unwrap_or_default();
        assert!(
            documented.contains_key(&content_type),
            "{what} answered {status} as '{content_type}'; the document gives {:?}",
            documented.keys().collect::<Vec<_>>()
        );
        let instance = if content_type == "application/json" {
            serde_json::from_str(&body).unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {body}"))
        } else {
            Value::String(body.clone())
        };
        let pointer = format!(
            "/paths/{}/{method}/responses/{code}/content/{}/schema",
            escape(template),
            escape(&content_type)
        );
        let errors: Vec<String> = self
            .validator(&pointer)
            .iter_errors(&instance)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{what} answered {status} with a body its schema refuses: {errors:#?}\n{body}"
        );
        self.seen.insert((template.to_string(), method, code));
        (status, body)
    }

    /// Every answer the document lists.
    fn documented(&self) -> BTreeSet<(String, String, u16)> {
        let mut all = BTreeSet::new();
        for (path, item) in self.doc["paths"].as_object().unwrap() {
            for (method, operation) in item.as_object().unwrap() {
                for code in operation["responses"].as_object().unwrap().keys() {
                    all.insert((path.clone(), method.clone(), code.parse().unwrap()));
                }
            }
        }
        all
    }
}

fn keyed(method: &str, path: &str, key: Option<&str>, body: Option<&str>) -> Request<Body> {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(key) = key {
        request = request.header(header::AUTHORIZATION, format!("Bearer {key}"));
    }
    if body.is_some() {
        request = request.header(header::CONTENT_TYPE, "application/json");
    }
    request.body(Body::from(body.unwrap_or("").to_string())).unwrap()
}

async fn post_form(app: &Router, path: &str, cookie: &str, body: &str) -> String {
    let request =
        with_cookie(form(path), &Some(cookie.to_string())).body(Body::from(body.to_string())).unwrap();
    let (status, headers, body) = send(app, request).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{path}: {body}");
    headers.get(header::LOCATION).unwrap().to_str().unwrap().to_string()
}

async fn number(db: &Db, sql: &str, reference: &str) -> i64 {
    sqlx::query(sql).bind(reference).fetch_one(db.reader()).await.unwrap().try_get(0).unwrap()
}

/// A graded (P) Cardiff report, a profile over it shared with the fire service, a draft
/// strategic assessment and a tasking meeting: something for every operation to answer with.
async fn sample_data(app: &Router, db: &Db) -> (String, String, String) {
    let body = "lang=en&area=W06000015&category=drugs&ward=&lat=51.4943&lon=-3.1812&ongoing=on\
                &description=Dealing%20from%20the%20corner%20house%20every%20night&anonymous=no\
                &name=Gareth%20Jones&email=gareth%40example.com&contact_language=en&consent=on";
    let (status, _, _) = send(app, form("/report").body(Body::from(body)).unwrap()).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let report: String = sqlx::query("SELECT reference FROM reports ORDER BY id DESC LIMIT 1")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    let officer = cookie_for(app, "officer@demo.cymuned.cymru").await;
    let analyst = cookie_for(app, "analyst@demo.cymuned.cymru").await;
    let v = number(db, "SELECT version FROM reports WHERE reference = $1", &report).await;
    let location = post_form(
        app,
        &format!("/staff/reports/{report}/grade"),
        &officer,
        &format!("lang=en&version={v}&summary=Drug%20dealing%20from%20a%20house&source=2&intelligence=B&handling=P"),
    )
    .await;
    assert!(location.contains("done=graded"), "{location}");

    let neighbourhood =
        number(db, "SELECT neighbourhood_id FROM reports WHERE reference = $1", &report).await;
    let category = number(db, "SELECT category_id FROM reports WHERE reference = $1", &report).await;
    let today = app::time::iso_date(db::now());
    let from = app::time::iso_date(db::now() - 364 * 86_400);
    let location = post_form(
        app,
        "/staff/problems",
        &analyst,
        &format!(
            "lang=en&csp=cardiff&title=Drug%20dealing%20around%20the%20corner%20house&priority=high\
             &neighbourhood={neighbourhood}&category={category}&period_from={from}&period_to={today}\
             &requester=Tactical%20tasking&aim=Stop%20the%20dealing&references={report}"
        ),
    )
    .await;
    assert!(location.contains("done=opened"), "{location}");
    let profile = location.split("/staff/problems/").nth(1).unwrap().split('?').next().unwrap().to_string();
    let cardiff = db::reference::csp_by_slug(db, "cardiff").await.unwrap().unwrap().id;
    let fire = db::staff::ensure_organisation(db, cardiff, "fire", "South Wales Fire and Rescue Service")
        .await
        .unwrap();
    let v = number(db, "SELECT version FROM problem_profiles WHERE reference = $1", &profile).await;
    let location = post_form(
        app,
        &format!("/staff/problems/{profile}/share"),
        &analyst,
        &format!("lang=en&version={v}&organisation={fire}"),
    )
    .await;
    assert!(location.contains("done=saved"), "{location}");

    let (year, quarter) = app::problems::strategic::last_complete(db::now());
    let location = post_form(
        app,
        "/staff/strategic-assessments",
        &analyst,
        &format!("lang=en&csp=cardiff&op=draft&year={year}&quarter={quarter}"),
    )
    .await;
    assert!(location.contains("done=drafted"), "{location}");
    let location = post_form(
        app,
        "/staff/tasking",
        &analyst,
        &format!(
            "lang=en&csp=cardiff&date={today}&version=0&attendees=CSP%2C%20police&decisions=Keep%20it%20high"
        ),
    )
    .await;
    assert!(location.contains("done=saved"), "{location}");
    (report, profile, format!("{year}-Q{quarter}"))
}

/// A Cardiff campaign whose survey has a question of each kind that counts, 14 responses and
/// published results: the results operation has counts to show and to hide.
async fn sample_campaign(db: &Db) -> (i64, i64) {
    use app::{
        db::engagement::{EqualityRow, NewCampaign, NewResponse},
        engagement::{
            survey::{Choice, Question, QuestionKind, Survey},
            Channel, ResponseChannel, ResponsePolicy, SurveyKind,
        },
        i18n::Lang,
        reference::Names,
    };
    let cardiff = db::reference::csp_by_slug(db, "cardiff").await.unwrap().unwrap().id;
    let neighbourhood: i64 =
        sqlx::query_scalar("SELECT id FROM neighbourhoods WHERE csp_id = $1 ORDER BY id LIMIT 1")
            .bind(cardiff)
            .fetch_one(db.reader())
            .await
            .unwrap();
    let lead = db::staff::user_id_by_email(db, "engagement-lead@demo.cymuned.cymru").await.unwrap().unwrap();
    let id = db::engagement::create_campaign(
        db,
        NewCampaign {
            csp_id: cardiff,
            slug: "openapi-results",
            title: &Names::new("Feeling safe", "Teimlo'n ddiogel"),
            purpose: &Names::new("", ""),
            whole_csp: true,
            neighbourhoods: &[],
            channels: &[Channel::OnlineSurvey],
            starts_on: 1_800_000_000,
            ends_on: 1_802_000_000,
            owner_user_id: lead,
            response_policy: ResponsePolicy::Open,
            results_due_on: None,
        },
    )
    .await
    .unwrap();
    let question = |key: &str, kind, options: &[&str]| Question {
        key: key.into(),
        kind,
        text: Names::new(key, key),
        help: Names::new("", ""),
        options: options.iter().map(|o| Choice { key: (*o).into(), label: Names::new(*o, *o) }).collect(),
        required: false,
        max_choices: None,
        rating_labels: None,
        show_if: None,
    };
    let survey = Survey {
        questions: vec![
            question("q1", QuestionKind::SingleChoice, &["yes", "no"]),
            question("q2", QuestionKind::MultipleChoice, &["lights", "patrols"]),
            question("q3", QuestionKind::Rating, &[]),
            question("q4", QuestionKind::Ranking, &["x", "y"]),
            question("q5", QuestionKind::FreeText, &[]),
        ],
    };
    let json = serde_json::to_string(&survey).unwrap();
    let survey_id = db::engagement::create_survey(db, id, SurveyKind::Custom, &json).await.unwrap();
    let version = db::engagement::publish_survey(db, survey_id, &json, lead).await.unwrap();
    for i in 0..14 {
        let field = |v: &str| vec![v.to_string()];
        let fields: std::collections::HashMap<String, Vec<String>> = [
            ("q_q1", field(if i < 12 { "yes" } else { "no" })),
            ("q_q2", vec!["lights".into(), "patrols".into()]),
            ("q_q3", field("4")),
            ("q_q4_1", field("x")),
            ("q_q4_2", field("y")),
            ("q_q5", field("More lights")),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let answers = survey.check(&fields, &HashMap::new()).unwrap();
        db::engagement::store_response(
            db,
            &NewResponse {
                campaign_id: id,
                survey_version_id: version.id,
                csp_id: cardiff,
                neighbourhood_id: Some(neighbourhood),
                channel: ResponseChannel::Online,
                language: Lang::En,
                entered_by: None,
                respondent_key: None,
                duplicate_of: None,
                answers: &answers.rows(),
                equality: &EqualityRow { age_band: Some("25-34".into()), ..Default::default() },
            },
        )
        .await
        .unwrap();
    }
    sqlx::query("UPDATE campaigns SET results_published_at = $1 WHERE id = $2")
        .bind(db::now())
        .bind(id)
        .execute(db.writer())
        .await
        .unwrap();
    (id, neighbourhood)
}

/// The report's neighbourhood assessed at level 3 with the report's item linked, and a signal of
/// its cluster: the tension operations have a level, indicators and a signal to send. Its slug.
async fn sample_tension(app: &Router, db: &Db, report: &str) -> String {
    let slug: String = sqlx::query(
        "SELECT n.public_slug FROM reports r JOIN neighbourhoods n ON n.id = r.neighbourhood_id WHERE r.reference = $1",
    )
    .bind(report)
    .fetch_one(db.reader())
    .await
    .unwrap()
    .try_get(0)
    .unwrap();
    let officer = cookie_for(app, "officer@demo.cymuned.cymru").await;
    let review = app::time::iso_date(db::now() + 3 * 86_400);
    let location = post_form(
        app,
        &format!("/staff/tension/{slug}/assess"),
        &officer,
        &format!(
            "lang=en&version=0&level=3&narrative=Rising%20after%20the%20march&owner=Insp.%20Evans&review_on={review}\
             &kind=graffiti_leaflets&tag=evidenced&note=Leaflets%20on%20cars&source=police%20briefing&source_grade=2\
             &intelligence=B&handling=P&conditions=&media=yes&items={report}"
        ),
    )
    .await;
    assert!(location.contains("done=saved"), "{location}");
    let n = db::tension::neighbourhood(db, &slug).await.unwrap().unwrap();
    let run = db::tension_signals::WeekRun {
        csp_id: n.csp_id,
        week_start: db::now().div_euclid(7 * 86_400) * 7 * 86_400,
        tests: 10,
        budget: 1.0 / 52.0,
        signals: vec![db::tension_signals::NewSignal {
            series: format!("reports_hate:cluster:{}:four_weeks", n.id),
            counted: "reports_hate".into(),
            neighbourhood_id: Some(n.id),
            four_weeks: true,
            method: "ears_c2",
            history_weeks: 30,
            observed: 9,
            usual: 2.0,
            upper_bound: 6.0,
            p_value: 0.001,
            threshold: 0.0019,
        }],
    };
    db::tension_signals::store_run(db, &run, db::now()).await.unwrap();
    slug
}

both_backends!(the_api_document_is_openapi_3_1_and_true, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let (status, headers, body) = send(&app, get("/api/v1/openapi.json")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers.get(header::CONTENT_TYPE).unwrap(), "application/json");
    let doc = json(&body);

    // Valid OpenAPI 3.1, by the OpenAPI Initiative's own schema.
    let oas = jsonschema::draft202012::new(&serde_json::from_str(OPENAPI_31_SCHEMA).unwrap()).unwrap();
    let errors: Vec<String> =
        oas.iter_errors(&doc).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "not a valid OpenAPI 3.1 document: {errors:#?}");
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1."));
    // That schema leaves the schemas inside alone: each must be a valid JSON Schema (2020-12).
    let mut check = Checker::new(doc.clone());
    for name in doc["components"]["schemas"].as_object().unwrap().keys() {
        let schema = &doc["components"]["schemas"][name];
        assert!(jsonschema::meta::is_valid(schema), "{name} is not a valid JSON Schema");
        check.validator(&format!("/components/schemas/{}", escape(name)));
    }
    // The checker refuses what a schema refuses.
    let error = check.validator("/components/schemas/Error");
    assert!(error.is_valid(&serde_json::json!({ "code": "not_found", "message": "no such thing" })));
    assert!(!error.is_valid(&serde_json::json!({ "code": 404 })));
    // Keys are bearer tokens, and every operation that takes one says so.
    assert_eq!(doc["components"]["securitySchemes"]["apiKey"]["scheme"], "bearer");
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let unauthorised = operation["responses"].get("401").is_some();
            assert_eq!(
                operation["security"] == serde_json::json!([{ "apiKey": [] }]),
                unauthorised,
                "{method} {path}: an API key exactly where a 401 can come back"
            );
        }
    }
    // The Open311 endpoints have their own document.
    assert!(doc["paths"].as_object().unwrap().keys().all(|p| !p.starts_with("/open311")));

    let (report, profile, quarter) = sample_data(&app, &db).await;
    let (campaign, neighbourhood) = sample_campaign(&db).await;
    let tension = sample_tension(&app, &db, &report).await;
    let mut keys = Vec::new();
    for (role, csp) in [
        ("officer", "cardiff"),
        ("analyst", "cardiff"),
        ("engagement_lead", "cardiff"),
        ("partner", "cardiff"),
        ("csp_manager", "cardiff"),
        ("admin", "cardiff"),
        ("officer", "swansea"),
    ] {
        let organisation = (role == "partner").then_some(("fire", "South Wales Fire and Rescue Service"));
        let key =
            app::staff::accounts::create_api_key(&db, csp, role, &format!("{csp} {role}"), organisation)
                .await
                .unwrap();
        keys.push((format!("{csp} {role}"), key));
    }

    // The public operations.
    let public: &[(&str, &str)] = &[
        ("/healthz", "/healthz"),
        ("/readyz", "/readyz"),
        ("/api/v1/openapi.json", "/api/v1/openapi.json"),
        ("/api/v1/csps", "/api/v1/csps"),
        ("/api/v1/neighbourhoods", "/api/v1/neighbourhoods?csp=cardiff"),
        ("/api/v1/neighbourhoods", "/api/v1/neighbourhoods?csp=cardiff&geometry=true"),
        ("/api/v1/neighbourhoods", "/api/v1/neighbourhoods?csp=cardiff&csp=swansea&geometry=0"),
        ("/api/v1/neighbourhoods", "/api/v1/neighbourhoods"),
        ("/api/v1/neighbourhoods", "/api/v1/neighbourhoods?csp=cardiff&geometry=maybe"),
        ("/api/v1/neighbourhoods", "/api/v1/neighbourhoods?csp=atlantis"),
        ("/api/v1/locate", "/api/v1/locate?lat=51.4816&lon=-3.1791"),
        ("/api/v1/locate", "/api/v1/locate?lat=abc&lon=-3.1"),
        ("/api/v1/locate", "/api/v1/locate?lon=-3.1"),
        ("/api/v1/locate", "/api/v1/locate?lat=51.5074&lon=-0.1278"),
    ];
    for (template, path) in public {
        check.call(&app, template, get(path)).await;
    }

    // The keyed operations, with every role's key, another CSP's, a bad one and none.
    let update = r#"{"status": "in_progress", "message": "Patrols booked for this week.", "public_note": "Patrols booked."}"#;
    let keyed_calls: Vec<(&str, &str, String, Option<&str>)> = vec![
        ("/api/v1/me", "GET", "/api/v1/me".into(), None),
        ("/api/v1/intelligence", "GET", "/api/v1/intelligence".into(), None),
        (
            "/api/v1/intelligence",
            "GET",
            "/api/v1/intelligence?category=drugs&handling=p&limit=5".into(),
            None,
        ),
        ("/api/v1/intelligence", "GET", "/api/v1/intelligence?limit=0".into(), None),
        ("/api/v1/intelligence", "GET", "/api/v1/intelligence?handling=X".into(), None),
        ("/api/v1/reports/{reference}", "GET", format!("/api/v1/reports/{report}"), None),
        ("/api/v1/reports/{reference}", "GET", "/api/v1/reports/CYM-00-000000".into(), None),
        (
            "/api/v1/reports/{reference}/updates",
            "POST",
            format!("/api/v1/reports/{report}/updates"),
            Some(update),
        ),
        (
            "/api/v1/reports/{reference}/updates",
            "POST",
            format!("/api/v1/reports/{report}/updates"),
            Some("status=fixed"),
        ),
        (
            "/api/v1/reports/{reference}/updates",
            "POST",
            format!("/api/v1/reports/{report}/updates"),
            Some(r#"{"status": "mended"}"#),
        ),
        (
            "/api/v1/reports/{reference}/updates",
            "POST",
            format!("/api/v1/reports/{report}/updates"),
            Some(r#"{"status": "fixed", "public_note": "Gareth Jones reported it"}"#),
        ),
        (
            "/api/v1/reports/{reference}/updates",
            "POST",
            "/api/v1/reports/CYM-00-000000/updates".into(),
            Some(update),
        ),
        ("/api/v1/audit", "GET", "/api/v1/audit".into(), None),
        ("/api/v1/audit", "GET", "/api/v1/audit?page=0".into(), None),
        ("/api/v1/problems", "GET", "/api/v1/problems".into(), None),
        ("/api/v1/problems/{reference}", "GET", format!("/api/v1/problems/{profile}"), None),
        ("/api/v1/problems/{reference}", "GET", "/api/v1/problems/PP-00-0000".into(), None),
        ("/api/v1/strategic-assessments", "GET", "/api/v1/strategic-assessments".into(), None),
        (
            "/api/v1/strategic-assessments/{quarter}",
            "GET",
            format!("/api/v1/strategic-assessments/{quarter}"),
            None,
        ),
        (
            "/api/v1/strategic-assessments/{quarter}",
            "GET",
            format!("/api/v1/strategic-assessments/{quarter}?version=1"),
            None,
        ),
        (
            "/api/v1/strategic-assessments/{quarter}",
            "GET",
            format!("/api/v1/strategic-assessments/{quarter}?version=0"),
            None,
        ),
        (
            "/api/v1/strategic-assessments/{quarter}",
            "GET",
            format!("/api/v1/strategic-assessments/{quarter}?version=9"),
            None,
        ),
        (
            "/api/v1/strategic-assessments/{quarter}",
            "GET",
            "/api/v1/strategic-assessments/2026-Q5".into(),
            None,
        ),
        ("/api/v1/tasking-meetings", "GET", "/api/v1/tasking-meetings".into(), None),
        (
            "/api/v1/tasking-meetings",
            "GET",
            "/api/v1/tasking-meetings?from=2020-01-01&to=2099-12-31".into(),
            None,
        ),
        ("/api/v1/tasking-meetings", "GET", "/api/v1/tasking-meetings?from=last%20week".into(), None),
        ("/api/v1/campaigns/{id}/results", "GET", format!("/api/v1/campaigns/{campaign}/results"), None),
        (
            "/api/v1/campaigns/{id}/results",
            "GET",
            format!(
                "/api/v1/campaigns/{campaign}/results?neighbourhood={neighbourhood}&channel=online&group=age_band:25-34"
            ),
            None,
        ),
        (
            "/api/v1/campaigns/{id}/results",
            "GET",
            format!("/api/v1/campaigns/{campaign}/results?channel=fax"),
            None,
        ),
        ("/api/v1/campaigns/{id}/results", "GET", "/api/v1/campaigns/999999/results".into(), None),
        ("/api/v1/campaigns/{id}/results", "GET", "/api/v1/campaigns/one/results".into(), None),
        ("/api/v1/tension", "GET", "/api/v1/tension".into(), None),
        ("/api/v1/tension", "GET", "/api/v1/tension?lang=cy".into(), None),
        ("/api/v1/tension", "GET", "/api/v1/tension?lang=fr".into(), None),
        ("/api/v1/tension/{neighbourhood}", "GET", format!("/api/v1/tension/{tension}"), None),
        ("/api/v1/tension/{neighbourhood}", "GET", format!("/api/v1/tension/{tension}?lang=fr"), None),
        ("/api/v1/tension/{neighbourhood}", "GET", "/api/v1/tension/atlantis-centre".into(), None),
        (
            "/api/v1/tasking-meetings",
            "GET",
            "/api/v1/tasking-meetings?from=2026-02-01&to=2026-01-01".into(),
            None,
        ),
    ];
    for (template, method, path, body) in &keyed_calls {
        for (_, key) in &keys {
            check.call(&app, template, keyed(method, path, Some(key), *body)).await;
        }
        check.call(&app, template, keyed(method, path, Some("cym_nope_nope"), *body)).await;
        check.call(&app, template, keyed(method, path, None, *body)).await;
    }

    // With the database gone, every operation that needs it says so in its documented way.
    db.close().await;
    for (template, path) in public {
        check.call(&app, template, get(path)).await;
    }
    for (template, method, path, body) in &keyed_calls {
        check.call(&app, template, keyed(method, path, Some(&keys[0].1), *body)).await;
    }

    let not_provoked: BTreeSet<(String, String, u16)> = NOT_PROVOKED
        .iter()
        .map(|(path, method, code, _)| (path.to_string(), method.to_string(), *code))
        .collect();
    let missing: BTreeSet<_> = check.documented().difference(&check.seen).cloned().collect();
    assert_eq!(
        missing, not_provoked,
        "every documented answer is provoked by a sample request (or listed in NOT_PROVOKED with why not)"
    );
});
