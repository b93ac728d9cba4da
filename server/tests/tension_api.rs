//! The tension API (issue 15, part 7): `GET /api/v1/tension` (each neighbourhood of the key's
//! CSP with its current level and last signal, words in English or Welsh) and
//! `GET /api/v1/tension/{neighbourhood}` (every assessment version with its indicators and the
//! signals touching it), against every role's key, another CSP's key, an unknown neighbourhood,
//! no key and a bad language; each call audited; both paths in the OpenAPI document. Each test
//! runs on SQLite and on PostgreSQL.

mod common;

use app::{
    db::{
        self,
        tension_signals::{NewSignal, WeekRun},
        Db,
    },
    staff::accounts,
    tension::{
        assessments::{AssessInput, IndicatorInput},
        assessments_actions::{save_assessment, Who},
    },
};
use axum::{body::Body, Router};
use common::http::{cookie_for, form, get, hub, json, send, with_cookie};
use http::{header, Request, StatusCode};

const DAY: i64 = 86_400;

async fn call(app: &Router, path: &str, key: Option<&str>) -> (StatusCode, String) {
    let mut request = Request::get(path);
    if let Some(key) = key {
        request = request.header(header::AUTHORIZATION, format!("Bearer {key}"));
    }
    let (status, _, body) = send(app, request.body(Body::empty()).unwrap()).await;
    (status, body)
}

/// A Cardiff report by a named resident, graded by the officer: (report reference, its
/// neighbourhood's public slug).
async fn graded_report(app: &Router, db: &Db) -> (String, String) {
    let body = "lang=en&area=W06000015&category=drugs&ward=&lat=51.4943&lon=-3.1812&ongoing=on\
         &description=Leaflets%20on%20cars%20by%20the%20mosque&anonymous=no&name=Gwilym%20Price\
         &email=gwilym%40example.com&contact_language=en&consent=on";
    let (status, _, _) = send(app, form("/report").body(Body::from(body)).unwrap()).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (reference, version, slug): (String, i64, String) = sqlx::query_as(
        "SELECT r.reference, r.version, n.public_slug FROM reports r JOIN neighbourhoods n ON n.id = r.neighbourhood_id \
         ORDER BY r.id DESC LIMIT 1",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
    let officer = Some(cookie_for(app, "officer@demo.cymuned.cymru").await);
    let request = with_cookie(form(&format!("/staff/reports/{reference}/grade")), &officer)
        .body(Body::from(format!(
            "lang=en&version={version}&summary=Leaflets%20left%20on%20cars&source=2&intelligence=B&handling=P"
        )))
        .unwrap();
    let (_, headers, _) = send(app, request).await;
    assert!(headers[header::LOCATION].to_str().unwrap().contains("done=graded"));
    (reference, slug)
}

fn input(level: u8, narrative: &str, items: &str) -> AssessInput {
    AssessInput {
        level: level.to_string(),
        narrative: narrative.into(),
        owner: "Insp. Evans".into(),
        review_on: app::time::iso_date(db::now() + 3 * DAY),
        indicators: vec![IndicatorInput {
            kind: "graffiti_leaflets".into(),
            tag: "evidenced".into(),
            note: "Leaflets against new arrivals left on cars".into(),
            source: "police briefing".into(),
            source_grade: "2".into(),
            intelligence: "B".into(),
            handling: "P".into(),
            conditions: String::new(),
            media: "yes".into(),
            items: items.into(),
        }],
    }
}

/// Two versions of the neighbourhood's assessment (level 1, then level 3), the second linked to
/// `items`, recorded by Cardiff's officer.
async fn assessed(db: &Db, slug: &str, items: &str) {
    let n = db::tension::neighbourhood(db, slug).await.unwrap().unwrap();
    let officer = db::staff::user_id_by_email(db, "officer@demo.cymuned.cymru").await.unwrap().unwrap();
    let who = Who { user_id: officer, label: "officer@demo.cymuned.cymru", ip: "127.0.0.1" };
    let today = db::now().div_euclid(DAY) * DAY;
    save_assessment(db, &who, &n, 0, &input(1, "Some leaflets seen", ""), today, "https://hub.example")
        .await
        .unwrap();
    save_assessment(
        db,
        &who,
        &n,
        1,
        &input(3, "Rising after the march", items),
        today,
        "https://hub.example",
    )
    .await
    .unwrap();
}

/// A signal of the neighbourhood's cluster this week: 7 hate reports against about 1.2.
async fn signalled(db: &Db, slug: &str) {
    let n = db::tension::neighbourhood(db, slug).await.unwrap().unwrap();
    let run = WeekRun {
        csp_id: n.csp_id,
        week_start: db::now().div_euclid(7 * DAY) * 7 * DAY,
        tests: 40,
        budget: 1.0 / 52.0,
        signals: vec![NewSignal {
            series: format!("reports_hate:cluster:{}:weekly", n.id),
            counted: "reports_hate".into(),
            neighbourhood_id: Some(n.id),
            four_weeks: false,
            method: "farrington",
            history_weeks: 200,
            observed: 7,
            usual: 1.2,
            upper_bound: 4.0,
            p_value: 0.0004,
            threshold: 0.0005,
        }],
    };
    db::tension_signals::store_run(db, &run, db::now()).await.unwrap();
}

async fn audited(db: &Db) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'tension_viewed' AND record_type LIKE 'tension_api%'",
    )
    .fetch_one(db.reader())
    .await
    .unwrap()
}

both_backends!(the_tension_api_by_role_and_csp, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let (report, slug) = graded_report(&app, &db).await;
    assessed(&db, &slug, &report).await;
    signalled(&db, &slug).await;
    let mut keys = Vec::new();
    for (role, csp) in [
        ("officer", "cardiff"),
        ("analyst", "cardiff"),
        ("engagement_lead", "cardiff"),
        ("csp_manager", "cardiff"),
        ("admin", "cardiff"),
        ("partner", "cardiff"),
        ("analyst", "swansea"),
    ] {
        let organisation = (role == "partner").then_some(("fire", "South Wales Fire and Rescue Service"));
        let key =
            accounts::create_api_key(&db, csp, role, &format!("{csp} {role}"), organisation).await.unwrap();
        keys.push((format!("{csp} {role}"), key));
    }
    let one = format!("/api/v1/tension/{slug}");

    for (who, key) in &keys {
        let before = audited(&db).await;
        let (list, list_body) = call(&app, "/api/v1/tension", Some(key)).await;
        let (history, history_body) = call(&app, &one, Some(key)).await;
        match who.as_str() {
            "cardiff partner" => {
                assert_eq!((list, history), (StatusCode::FORBIDDEN, StatusCode::FORBIDDEN), "{who}");
                assert_eq!(json(&list_body)["code"], "forbidden");
                assert!(!history_body.contains("Rising after the march"), "{who}");
                assert_eq!(audited(&db).await, before, "{who}: nothing read, nothing audited");
            }
            "swansea analyst" => {
                assert_eq!((list, history), (StatusCode::OK, StatusCode::NOT_FOUND), "{who}");
                assert_eq!(json(&history_body)["code"], "not_found");
                assert!(
                    !list_body.contains(&slug) && !list_body.contains("cardiff-"),
                    "{who}: Swansea's only"
                );
                assert!(list_body.contains("swansea-"), "{who}");
                assert_eq!(audited(&db).await, before + 1, "{who}: the list read is audited");
            }
            _ => {
                assert_eq!((list, history), (StatusCode::OK, StatusCode::OK), "{who}: {history_body}");
                let v = json(&list_body);
                assert_eq!(v["language"], "en");
                let all = v["neighbourhoods"].as_array().unwrap();
                assert!(all.iter().all(|n| n["neighbourhood"].as_str().unwrap().starts_with("cardiff-")));
                let n = all.iter().find(|n| n["neighbourhood"] == slug.as_str()).unwrap();
                assert_eq!(n["level"]["level"], 3, "{n}");
                assert_eq!(n["level"]["name"], "High");
                assert_eq!(n["next_review"], app::time::iso_date(db::now() + 3 * DAY));
                assert_eq!(n["href"], one.as_str());
                let signal = &n["last_signal"];
                assert_eq!(
                    (signal["observed"].as_i64(), signal["usual"].as_f64()),
                    (Some(7), Some(1.2)),
                    "{n}"
                );
                let words = signal["words"].as_str().unwrap();
                assert!(
                    words.starts_with("7 hate incident reports in and around")
                        && words.contains("1 in 1,000")
                        && words.contains("willing people are to report"),
                    "{words}"
                );
                // A neighbourhood never assessed nor signalled.
                assert!(all.iter().any(|n| n["level"].is_null() && n["last_signal"].is_null()));

                let h = json(&history_body);
                let versions = h["assessments"].as_array().unwrap();
                assert_eq!(versions.len(), 2, "every version");
                assert_eq!(
                    (versions[0]["version"].as_i64(), versions[1]["version"].as_i64()),
                    (Some(2), Some(1))
                );
                assert_eq!(versions[0]["narrative"], "Rising after the march");
                assert_eq!(versions[1]["level"]["name"], "Low");
                let indicator = &versions[0]["indicators"][0];
                assert_eq!(indicator["kind"], "graffiti_leaflets");
                assert_eq!(indicator["status"], "evidenced");
                assert_eq!(indicator["grade"], "2B P");
                assert_eq!(indicator["note"], "Leaflets against new arrivals left on cars");
                assert_eq!(indicator["intelligence_items"], serde_json::json!([report]), "{who}");
                assert_eq!(versions[1]["indicators"][0]["intelligence_items"], serde_json::json!([]));
                assert_eq!(h["level"]["level"], 3);
                assert_eq!(h["signals"].as_array().unwrap().len(), 1);
                // Never a reporter, the report's words or the item's summary.
                for body in [&list_body, &history_body] {
                    assert!(!body.contains("Gwilym") && !body.contains("gwilym@"), "{who}");
                    assert!(
                        !body.contains("by the mosque") && !body.contains("Leaflets left on cars"),
                        "{who}"
                    );
                }
                assert_eq!(audited(&db).await, before + 2, "{who}: both reads audited");
            }
        }
    }

    // Welsh words; a bad language; an unknown neighbourhood; no key, a bad key.
    let analyst = &keys[1].1;
    let (status, body) = call(&app, "/api/v1/tension?lang=cy", Some(analyst)).await;
    assert_eq!(status, StatusCode::OK);
    let v = json(&body);
    assert_eq!(v["language"], "cy");
    let n =
        v["neighbourhoods"].as_array().unwrap().iter().find(|n| n["neighbourhood"] == slug.as_str()).unwrap();
    assert_eq!(n["level"]["name"], "Uchel");
    assert!(n["last_signal"]["words"].as_str().unwrap().contains("adroddiadau digwyddiad casineb"), "{n}");
    let (status, body) = call(&app, &format!("{one}?lang=cy"), Some(analyst)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json(&body)["assessments"][1]["level"]["name"], "Isel");
    for path in ["/api/v1/tension?lang=fr".to_string(), format!("{one}?lang=fr")] {
        let (status, body) = call(&app, &path, Some(analyst)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(json(&body)["code"], "invalid_parameter");
    }
    let (status, body) = call(&app, "/api/v1/tension/atlantis-centre", Some(analyst)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(json(&body)["code"], "not_found");
    for path in ["/api/v1/tension", one.as_str()] {
        assert_eq!(call(&app, path, None).await.0, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(call(&app, path, Some("cym_nope_nope")).await.0, StatusCode::UNAUTHORIZED, "{path}");
    }
    // The audit rows name the key.
    let label: String = sqlx::query_scalar(
        "SELECT actor_label FROM audit_log WHERE record_type = 'tension_api_neighbourhood' ORDER BY id LIMIT 1",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
    assert_eq!(label, "api key: cardiff officer");
});

both_backends!(the_document_lists_both_paths, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let (status, _, body) = send(&app, get("/api/v1/openapi.json")).await;
    assert_eq!(status, StatusCode::OK);
    let doc = json(&body);
    for path in ["/api/v1/tension", "/api/v1/tension/{neighbourhood}"] {
        let op = &doc["paths"][path]["get"];
        assert!(op.is_object(), "{path} documented");
        assert_eq!(op["tags"], serde_json::json!(["tension"]), "{path}");
        assert_eq!(op["security"], serde_json::json!([{ "apiKey": [] }]), "{path}");
        for code in ["200", "401", "403", "503"] {
            assert!(op["responses"][code].is_object(), "{path} {code}");
        }
    }
    assert!(doc["paths"]["/api/v1/tension/{neighbourhood}"]["get"]["responses"]["404"].is_object());
    for schema in ["TensionList", "TensionHistory", "TensionSignal", "TensionIndicator", "TensionAssessment"]
    {
        assert!(doc["components"]["schemas"][schema].is_object(), "{schema}");
    }
});
