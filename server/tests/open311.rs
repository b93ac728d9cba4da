//! Open311 GeoReport v2 conformance: every method in JSON and XML, the spec's errors, and what
//! public answers must never contain. Each test runs on SQLite and on PostgreSQL.

mod common;

use app::db::{self, Db};
use axum::{body::Body, Router};
use common::http::{form, get, hub, json, send};
use http::{header, Request, StatusCode};
use sqlx::Row as _;

/// An Open311 client's post: form-encoded, from a server (no browser headers, no cookie).
async fn post(app: &Router, path: &str, body: &str) -> (StatusCode, String) {
    let req = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body.to_string()))
        .unwrap();
    let (status, _, body) = send(app, req).await;
    (status, body)
}

fn error_codes(body: &str) -> Vec<(u64, String)> {
    json(body)
        .as_array()
        .unwrap_or_else(|| panic!("an error list: {body}"))
        .iter()
        .map(|e| (e["code"].as_u64().unwrap(), e["description"].as_str().unwrap().to_string()))
        .collect()
}

async fn key(db: &Db) -> String {
    app::staff::accounts::create_api_key(db, "cardiff", "officer", "FixMyStreet Wales", None).await.unwrap()
}

const CATHAYS: &str = "lat=51.4943&long=-3.1812";

both_backends!(discovery_and_services, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let (status, headers, body) = send(&app, get("/open311/v2/discovery.json")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/json"));
    let d = json(&body);
    assert_eq!(d["endpoints"][0]["specification"], "http://wiki.open311.org/GeoReport_v2");
    assert!(d["endpoints"][0]["url"].as_str().unwrap().ends_with("/open311/v2"));
    let (status, headers, xml) = send(&app, get("/open311/v2/discovery.xml")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/xml"));
    assert!(
        xml.starts_with("<?xml")
            && xml.contains("<discovery>")
            && xml.contains("<format>application/json</format>"),
        "{xml}"
    );

    // Every service of Wales; a point's partnership's; never a sensitive category.
    let (_, _, body) = send(&app, get("/open311/v2/services.json")).await;
    let services = json(&body);
    let codes: Vec<&str> =
        services.as_array().unwrap().iter().map(|s| s["service_code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"fly-tipping") && codes.contains(&"asb-noise"), "{codes:?}");
    for sensitive in ["hate", "domestic-abuse", "sexual-violence"] {
        assert!(!codes.contains(&sensitive), "{sensitive} is never offered to other apps");
    }
    let noise = services.as_array().unwrap().iter().find(|s| s["service_code"] == "asb-noise").unwrap();
    assert_eq!(noise["metadata"], true);
    assert_eq!(noise["type"], "realtime");
    let (status, _, body) = send(&app, get(&format!("/open311/v2/services.json?{CATHAYS}&locale=cy"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Tipio anghyfreithlon"), "names in Welsh on request: {body}");
    let (_, _, xml) = send(&app, get("/open311/v2/services.xml?jurisdiction_id=cardiff")).await;
    assert!(xml.contains("<services><service><service_code>"), "{xml}");
    assert!(!xml.contains("<service_code>hate</service_code>"));

    // Errors in the spec's shape, in the format asked for.
    let (status, _, body) = send(&app, get("/open311/v2/services.json?jurisdiction_id=atlantis")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error_codes(&body)[0].1.contains("atlantis"));
    let (status, _, xml) = send(&app, get("/open311/v2/services.xml?lat=51.5074&long=-0.1278")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(xml.contains("<errors><error><code>400</code><description>") && xml.contains("101"), "{xml}");
    let (status, _, body) = send(&app, get("/open311/v2/services.json?lat=north&long=-3")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error_codes(&body)[0].1.contains("decimal degrees"));

    // A service's extra questions.
    let (status, _, body) = send(&app, get("/open311/v2/services/asb-noise.json")).await;
    assert_eq!(status, StatusCode::OK);
    let definition = json(&body);
    assert_eq!(definition["service_code"], "asb-noise");
    assert_eq!(definition["attributes"][0]["code"], "asb_qualifier");
    assert_eq!(definition["attributes"][0]["datatype"], "singlevaluelist");
    assert_eq!(definition["attributes"][0]["values"].as_array().unwrap().len(), 3);
    let (_, _, xml) = send(&app, get("/open311/v2/services/asb-noise.xml")).await;
    assert!(
        xml.contains("<service_definition><service_code>asb-noise</service_code><attributes><attribute>"),
        "{xml}"
    );
    assert!(xml.contains("<values><value><key>personal</key>"));
    let (status, _, body) = send(&app, get("/open311/v2/services/graffiti.json")).await;
    assert_eq!((status, json(&body)["attributes"].as_array().unwrap().len()), (StatusCode::OK, 0));
    for code in ["no-such-service", "hate"] {
        let (status, _, body) = send(&app, get(&format!("/open311/v2/services/{code}.json"))).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(error_codes(&body)[0].0, 404);
        let (status, _, xml) = send(&app, get(&format!("/open311/v2/services/{code}.xml"))).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(xml.contains("<code>404</code>"));
    }
    // Unknown methods and missing formats.
    for path in [
        "/open311/v2/services",
        "/open311/v2/cats.json",
        "/open311/v3/services.json",
        "/open311/v2/requests/x/y.json",
    ] {
        let (status, _, _) = send(&app, get(path)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
});

both_backends!(other_apps_submit_reports, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let key = key(&db).await;
    let good = format!("api_key={key}&service_code=fly-tipping&{CATHAYS}&description=Mattress%20and%20bags%20dumped%20by%20the%20bins&email=rhys%40example.cymru&first_name=Rhys&last_name=Jones&media_url=https%3A%2F%2Fphotos.example%2F1.jpg");
    // The key is required and must be valid.
    let without = good.replace(&format!("api_key={key}&"), "");
    let (status, body) = post(&app, "/open311/v2/requests.json", &without).await;
    assert_eq!((status, error_codes(&body)[0].0), (StatusCode::FORBIDDEN, 403));
    let (status, xml) = post(&app, "/open311/v2/requests.xml", &good.replace(&key, "cym_nothing_here")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(xml.contains("<errors><error><code>403</code>"), "{xml}");

    // A key whose role does not send reports in (an analyst's, a partner's) is refused.
    let analyst =
        app::staff::accounts::create_api_key(&db, "cardiff", "analyst", "Dashboard", None).await.unwrap();
    let (status, _) = post(&app, "/open311/v2/requests.json", &good.replace(&key, &analyst)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Bad input: a clear 400 naming the parameter; nothing stored.
    let cases: Vec<(String, &str)> = vec![
        (good.replace("service_code=fly-tipping", "service_code=potholes"), "potholes"),
        (good.replace("service_code=fly-tipping", "service_code=hate"), "/report"),
        (good.replace(CATHAYS, "lat=51.5074&long=-0.1278"), "101"),
        (good.replace(CATHAYS, "lat=91&long=-3"), "decimal degrees"),
        (good.replace(CATHAYS, ""), "address_string"),
        (good.replace(CATHAYS, "address_string=1%20High%20Street%2C%20Nowhere"), "address_string"),
        (
            good.replace(
                "description=Mattress%20and%20bags%20dumped%20by%20the%20bins",
                &format!("description={}", "x".repeat(4001)),
            ),
            "4000",
        ),
        (
            good.replace("description=Mattress%20and%20bags%20dumped%20by%20the%20bins", "description=bins"),
            "description",
        ),
        (good.replace("rhys%40example.cymru", "rhys"), "email"),
        (good.replace("https%3A%2F%2Fphotos.example%2F1.jpg", "javascript%3Aalert(1)"), "media_url"),
        (
            good.replace(
                "service_code=fly-tipping",
                "service_code=asb-noise&attribute%5Basb_qualifier%5D=loud",
            ),
            "asb_qualifier",
        ),
    ];
    for (body, mentions) in &cases {
        let (status, answer) = post(&app, "/open311/v2/requests.json", body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{mentions}: {answer}");
        let errors = error_codes(&answer);
        assert!(
            errors.iter().all(|e| e.0 == 400) && errors.iter().any(|e| e.1.contains(mentions)),
            "{mentions}: {answer}"
        );
    }
    let (status, xml) = post(&app, "/open311/v2/requests.xml", &cases[0].0).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(xml.contains("<error><code>400</code>") && xml.contains("potholes"), "{xml}");
    // In Welsh when asked.
    let (_, answer) = post(&app, "/open311/v2/requests.json", &format!("{}&locale=cy", cases[0].0)).await;
    assert!(error_codes(&answer)[0].1.contains("yn un o wasanaethau"), "{answer}");
    // A JSON body is not Open311: no api_key is found in it.
    let (status, _) = post(&app, "/open311/v2/requests.json", &format!("{{\"api_key\": \"{key}\"}}")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let total = |db: Db| async move {
        sqlx::query("SELECT COUNT(*) FROM reports")
            .fetch_one(db.reader())
            .await
            .unwrap()
            .try_get::<i64, _>(0)
            .unwrap()
    };
    assert_eq!(total(db.clone()).await, 0, "nothing stored from a bad request");

    // A good one: stored, routed to Cardiff, numbered like any report.
    let (status, body) = post(&app, "/open311/v2/requests.json", &good).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let answer = json(&body);
    let reference = answer[0]["service_request_id"].as_str().unwrap().to_string();
    let token = answer[0]["token"].as_str().unwrap().to_string();
    assert!(reference.starts_with("CYM-") && token.len() == 64, "{body}");
    assert!(answer[0]["service_notice"].as_str().unwrap().contains("Cardiff"));
    let row = sqlx::query("SELECT r.source, r.lat, r.lon, r.media_url, p.slug, rr.email, rr.name, r.api_key_id FROM reports r JOIN csps p ON p.id = r.csp_id JOIN report_reporters rr ON rr.report_id = r.id WHERE r.reference = $1")
        .bind(&reference).fetch_one(db.reader()).await.unwrap();
    assert_eq!(row.try_get::<String, _>(0).unwrap(), "open311");
    assert!(
        (row.try_get::<f64, _>(1).unwrap() - 51.4943).abs() < 1e-9,
        "the exact point is kept for officers"
    );
    assert_eq!(row.try_get::<String, _>(3).unwrap(), "https://photos.example/1.jpg");
    assert_eq!(row.try_get::<String, _>(4).unwrap(), "cardiff");
    assert_eq!(row.try_get::<String, _>(5).unwrap(), "rhys@example.cymru");
    assert_eq!(row.try_get::<String, _>(6).unwrap(), "Rhys Jones");
    assert!(row.try_get::<Option<i64>, _>(7).unwrap().is_some());
    // The resident never agreed to email from the hub: none goes out about this report, now or
    // later, and reports stored before this rule were changed the same way (migration 0015).
    let consent: i64 = sqlx::query("SELECT consent_to_contact FROM report_reporters rr JOIN reports r ON r.id = rr.report_id WHERE r.reference = $1")
        .bind(&reference).fetch_one(db.reader()).await.unwrap().try_get(0).unwrap();
    assert_eq!(consent, 0);
    let id: i64 = sqlx::query("SELECT id FROM reports WHERE reference = $1")
        .bind(&reference)
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    sqlx::query("UPDATE report_reporters SET consent_to_contact = 1 WHERE report_id = $1")
        .bind(id)
        .execute(db.writer())
        .await
        .unwrap();
    let migration = include_str!("../../migrations/sqlite/0015_open311_reports_not_emailed.sql");
    assert_eq!(migration, include_str!("../../migrations/postgres/0015_open311_reports_not_emailed.sql"));
    sqlx::raw_sql(migration).execute(db.writer()).await.unwrap();
    let consent: i64 = sqlx::query("SELECT consent_to_contact FROM report_reporters WHERE report_id = $1")
        .bind(id)
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_eq!(consent, 0, "an old Open311 report loses the consent it was wrongly given");
    // XML, and a place given by address rather than a point.
    let by_address = good.replace(CATHAYS, "address_string=12%20Crwys%20Road%2C%20Cathays%2C%20Cardiff");
    let (status, xml) = post(&app, "/open311/v2/requests.xml", &by_address).await;
    assert_eq!(status, StatusCode::OK, "{xml}");
    assert!(xml.contains("<service_requests><request><service_request_id>CYM-"), "{xml}");
    assert_eq!(total(db.clone()).await, 2);

    // The token leads back to the id.
    let (status, _, body) = send(&app, get(&format!("/open311/v2/tokens/{token}.json"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json(&body)[0]["service_request_id"], reference.as_str());
    let (_, _, xml) = send(&app, get(&format!("/open311/v2/tokens/{token}.xml"))).await;
    assert!(
        xml.contains(&format!("<service_request_id>{reference}</service_request_id><token>{token}</token>")),
        "{xml}"
    );
    let (status, _, _) = send(&app, get("/open311/v2/tokens/0000.json")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
});

both_backends!(public_listings_keep_residents_safe, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let key = key(&db).await;
    let cathays = db::reporting::area_wards(&db, "W06000015")
        .await
        .unwrap()
        .into_iter()
        .find(|w| w.name.en == "Cathays")
        .unwrap()
        .code;
    // From the form: an ordinary report with a precise point and a named resident, and a hate incident.
    let ordinary = "lang=en&area=W06000015&category=graffiti&ward=&lat=51.49431&lon=-3.18127&ongoing=on&description=Graffiti%20on%20the%20library%20wall%20by%20Anna%20Smith&anonymous=no&name=Anna%20Smith&email=anna%40example.cymru&consent=on".to_string();
    let hate = format!("lang=en&area=W06000015&category=hate&hate_strands=race&ward={cathays}&ongoing=on&description=Shouted%20racist%20abuse%20at%20my%20door&anonymous=yes");
    for body in [&ordinary, &hate] {
        let (status, headers, _) = send(&app, form("/report").body(Body::from(body.clone())).unwrap()).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert!(headers[header::LOCATION].to_str().unwrap().contains("/track/"));
    }
    let (_, body) = post(
        &app,
        "/open311/v2/requests.json",
        &format!("api_key={key}&service_code=litter&{CATHAYS}&description=Litter%20all%20over%20the%20park"),
    )
    .await;
    let from_app = json(&body)[0]["service_request_id"].as_str().unwrap().to_string();
    let references: Vec<String> = sqlx::query("SELECT reference FROM reports ORDER BY id")
        .fetch_all(db.reader())
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get(0).unwrap())
        .collect();
    let (graffiti, hate_ref) = (references[0].clone(), references[1].clone());

    let (status, _, body) = send(&app, get("/open311/v2/requests.json")).await;
    assert_eq!(status, StatusCode::OK);
    let list = json(&body);
    let ids: Vec<&str> =
        list.as_array().unwrap().iter().map(|r| r["service_request_id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        vec![from_app.as_str(), graffiti.as_str()],
        "newest first; the hate incident is never listed"
    );
    for private in ["Anna", "anna@example.cymru", "library wall", "racist", "Shouted"] {
        assert!(!body.contains(private), "public listing contains {private:?}");
    }
    let graffiti_json = &list[1];
    assert_eq!(graffiti_json["status"], "open");
    assert_eq!(graffiti_json["service_code"], "graffiti");
    assert_eq!(graffiti_json["agency_responsible"], "Cardiff CSP");
    assert!(graffiti_json["address"].as_str().unwrap().starts_with("Cathays"));
    let (lat, long) = (graffiti_json["lat"].as_f64().unwrap(), graffiti_json["long"].as_f64().unwrap());
    assert!((lat, long) != (51.49431, -3.18127), "the point is snapped");
    assert!(
        (lat - 51.49431).abs() <= 0.00075 + 1e-9 && (long + 3.18127).abs() <= 0.00125 + 1e-9,
        "to its grid cell: {lat},{long}"
    );
    assert_eq!(app::open311::snap(lat, long), (lat, long), "a cell centre");
    assert!(graffiti_json["requested_datetime"].as_str().unwrap().ends_with('Z'));
    assert!(graffiti_json.get("description").is_none() && graffiti_json["media_url"].is_null());

    // The sensitive report cannot be found any other way either.
    for path in [
        format!("/open311/v2/requests/{hate_ref}.json"),
        format!("/open311/v2/requests.json?service_request_id={hate_ref}"),
        "/open311/v2/requests.json?service_code=hate".into(),
    ] {
        let (status, _, body) = send(&app, get(&path)).await;
        assert!(!body.contains("service_request_id") && !body.contains("Cathays"), "{path}: {body}");
        assert!(status == StatusCode::NOT_FOUND || json(&body).as_array().unwrap().is_empty(), "{path}");
    }
    let (status, _, xml) = send(&app, get(&format!("/open311/v2/requests/{hate_ref}.xml"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(xml.contains("<code>404</code>"));

    // One request, by path or by id list, in both formats.
    let (status, _, body) = send(&app, get(&format!("/open311/v2/requests/{graffiti}.json"))).await;
    assert_eq!(
        (status, json(&body)[0]["service_request_id"].as_str().unwrap()),
        (StatusCode::OK, graffiti.as_str())
    );
    let (_, _, xml) = send(&app, get(&format!("/open311/v2/requests/{graffiti}.xml"))).await;
    assert!(
        xml.contains("<service_requests><request><service_request_id>") && xml.contains("<long>"),
        "{xml}"
    );
    let (_, _, body) = send(
        &app,
        get(&format!("/open311/v2/requests.json?service_request_id={graffiti},{from_app}&status=closed")),
    )
    .await;
    assert_eq!(json(&body).as_array().unwrap().len(), 2, "an id list ignores the other filters");

    // Filters.
    let count = |body: &str| json(body).as_array().unwrap().len();
    let (_, _, body) = send(&app, get("/open311/v2/requests.json?service_code=litter")).await;
    assert_eq!(count(&body), 1);
    let (_, _, body) = send(&app, get("/open311/v2/requests.json?status=closed")).await;
    assert_eq!(count(&body), 0);
    let (_, _, body) =
        send(&app, get("/open311/v2/requests.json?status=open,closed&jurisdiction_id=cardiff")).await;
    assert_eq!(count(&body), 2);
    let (_, _, body) = send(&app, get("/open311/v2/requests.json?jurisdiction_id=swansea")).await;
    assert_eq!(count(&body), 0);
    let (_, _, body) = send(
        &app,
        get("/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z"),
    )
    .await;
    assert_eq!(count(&body), 0, "an old window is empty");
    let (_, _, body) = send(&app, get("/open311/v2/requests.json?start_date=2020-01-01")).await;
    assert_eq!(count(&body), 2);
    let (_, _, body) = send(&app, get("/open311/v2/requests.json?page_size=1&page=2")).await;
    assert_eq!(json(&body)[0]["service_request_id"], graffiti.as_str());
    for bad in [
        "start_date=yesterday",
        "end_date=2026-02-30",
        "start_date=2026-02-01&end_date=2026-01-01",
        "status=pending",
        "page_size=0",
        "page_size=1001",
        "page=abc",
    ] {
        let (status, _, body) = send(&app, get(&format!("/open311/v2/requests.json?{bad}"))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
        assert_eq!(error_codes(&body)[0].0, 400);
        let (status, _, xml) = send(&app, get(&format!("/open311/v2/requests.xml?{bad}"))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(xml.contains("<errors>"), "{xml}");
    }
    let (_, _, body) = send(&app, get("/open311/v2/requests.json?start_date=soon&locale=cy")).await;
    assert!(error_codes(&body)[0].1.contains("Rhaid i start_date"), "{body}");

    // Status changes reach other apps through FixMyStreet's updates extension (sensitive never).
    let now = db::now();
    // Only the public note is published; the message is the resident's alone.
    for (reference, status, note) in [
        (&graffiti, "in_progress", "Cleaning booked for Friday."),
        (&hate_ref, "investigating", "Officer visiting."),
    ] {
        let id: i64 = sqlx::query("SELECT id FROM reports WHERE reference = $1")
            .bind(reference)
            .fetch_one(db.reader())
            .await
            .unwrap()
            .try_get(0)
            .unwrap();
        sqlx::query("INSERT INTO report_updates (report_id, at, status, message, public, public_note) VALUES ($1, $2, $3, 'Anna, thank you: for you only.', 1, $4)")
            .bind(id).bind(now).bind(status).bind(note).execute(db.writer()).await.unwrap();
        sqlx::query("UPDATE reports SET status = $1 WHERE id = $2")
            .bind(status)
            .bind(id)
            .execute(db.writer())
            .await
            .unwrap();
    }
    let (status, _, xml) =
        send(&app, get("/open311/v2/servicerequestupdates.xml?start_date=2020-01-01T00:00:00Z")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(xml.contains("<service_requests_updates><request_update><update_id>"), "{xml}");
    assert!(
        xml.contains("<status>IN_PROGRESS</status>") && xml.contains("Cleaning booked for Friday."),
        "{xml}"
    );
    assert!(!xml.contains(&hate_ref) && !xml.contains("Officer visiting"), "{xml}");
    assert!(!xml.contains("for you only"), "a message to the resident is never published: {xml}");
    let (_, _, body) = send(&app, get("/open311/v2/servicerequestupdates.json")).await;
    assert!(json(&body).as_array().unwrap().iter().any(|u| u["status"] == "IN_PROGRESS"));
    let (status, _, _) = send(&app, get("/open311/v2/servicerequestupdates.json?end_date=never")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (_, _, body) = send(&app, get(&format!("/open311/v2/requests/{graffiti}.json"))).await;
    assert_eq!(json(&body)[0]["status_notes"], "Cleaning booked for Friday.");
    assert!(!body.contains("for you only"), "{body}");
    assert_eq!(json(&body)[0]["status"], "open");
});

both_backends!(many_apps_at_once, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let key = key(&db).await;
    let mut tasks = Vec::new();
    for i in 0..40 {
        let (app, key) = (app.clone(), key.clone());
        tasks.push(tokio::spawn(async move {
            post(
                &app,
                "/open311/v2/requests.json",
                &format!(
                    "api_key={key}&service_code=litter&{CATHAYS}&description=Litter%20report%20number%20{i}"
                ),
            )
            .await
        }));
    }
    for t in tasks {
        let (status, body) = t.await.unwrap();
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let stored: i64 =
        sqlx::query("SELECT COUNT(*) FROM reports").fetch_one(db.reader()).await.unwrap().try_get(0).unwrap();
    assert_eq!(stored, 40);
});

// A statement first used without a point, then with one, on the same connection: both stored.
// (sqlx's Any driver types a missing f64 as a 4-byte float; a cached PostgreSQL statement then
// refused every later point. Coordinates are bound as text and cast in SQL.)
both_backends!(reports_with_and_without_points_on_one_connection, |db: Db, url: String| async move {
    drop(db);
    let db = Db::connect(&url, 1).await.unwrap();
    let app = hub(db.clone(), &url).await;
    let key = key(&db).await;
    let cathays = db::reporting::area_wards(&db, "W06000015")
        .await
        .unwrap()
        .into_iter()
        .find(|w| w.name.en == "Cathays")
        .unwrap()
        .code;
    let by_ward = format!("lang=en&area=W06000015&category=litter&ward={cathays}&ongoing=on&description=Litter%20by%20the%20ward%20list&anonymous=yes");
    let by_point = "lang=en&area=W06000015&category=litter&ward=&lat=51.4943&lon=-3.1812&ongoing=on&description=Litter%20by%20a%20point&anonymous=yes";
    for body in [by_ward.as_str(), by_point, by_ward.as_str()] {
        let (status, headers, _) =
            send(&app, form("/report").body(Body::from(body.to_string())).unwrap()).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert!(headers[header::LOCATION].to_str().unwrap().starts_with("/track/"), "stored");
    }
    for body in [format!("api_key={key}&service_code=litter&{CATHAYS}&description=Litter%20from%20an%20app"), format!("api_key={key}&service_code=litter&address_string=Cathays%2C%20Cardiff&description=Litter%20from%20an%20app")] {
        let (status, answer) = post(&app, "/open311/v2/requests.json", &body).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
    }
    // Synthetic reports: batches with and without points, several statements, one transaction each.
    let wards = server::startup::prepare(&common::settings(&url), &db).await.unwrap();
    server::startup::generate_reports(&db, &wards, 2_500, 7, |_| {}).await.unwrap();
    let (total, distinct): (i64, i64) = {
        let r = sqlx::query("SELECT COUNT(*), COUNT(DISTINCT reference) FROM reports")
            .fetch_one(db.reader())
            .await
            .unwrap();
        (r.try_get(0).unwrap(), r.try_get(1).unwrap())
    };
    assert_eq!((total, distinct), (2_505, 2_505));
    let with_points: i64 = sqlx::query("SELECT COUNT(*) FROM reports WHERE lat IS NOT NULL")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert!(with_points > 1_000 && with_points < 2_000, "{with_points}");
});

both_backends!(other_apps_send_updates, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let key = key(&db).await;
    let (_, body) = post(
        &app,
        "/open311/v2/requests.json",
        &format!("api_key={key}&service_code=litter&{CATHAYS}&description=Litter%20all%20over%20the%20park"),
    )
    .await;
    let reference = json(&body)[0]["service_request_id"].as_str().unwrap().to_string();
    let hate = "lang=en&area=W06000015&category=hate&hate_strands=race&ward=&lat=51.49431&lon=-3.18127&ongoing=on&description=Shouted%20abuse%20at%20my%20door&anonymous=yes".to_string();
    send(&app, form("/report").body(Body::from(hate)).unwrap()).await;
    let hate_ref: String = sqlx::query("SELECT reference FROM reports WHERE sensitive = 1")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();

    // As FixMyStreet sends a resident's update: kept for staff, our id answered (XML here).
    let update = format!(
        "api_key={key}&service_request_id={reference}&update_id=fms-991&updated_datetime=2026-11-30T09:00:00Z&status=OPEN\
         &description=Still%20there%2C%20and%20more%20bags%20today&email=rhys%40example.cymru&first_name=Rhys&last_name=Jones&media_url=https%3A%2F%2Fphotos.example%2F2.jpg"
    );
    let (status, xml) = post(&app, "/open311/v2/servicerequestupdates.xml", &update).await;
    assert_eq!(status, StatusCode::OK, "{xml}");
    assert!(xml.contains("<service_request_updates><request_update><update_id>"), "{xml}");
    let kept = sqlx::query("SELECT u.id, u.message, u.public, u.kind, r.status FROM report_updates u JOIN reports r ON r.id = u.report_id WHERE u.client_update_id = 'fms-991'")
        .fetch_all(db.reader())
        .await
        .unwrap();
    assert_eq!(kept.len(), 1);
    let id: i64 = kept[0].try_get(0).unwrap();
    assert!(xml.contains(&format!("<update_id>{id}</update_id>")));
    assert_eq!(
        kept[0].try_get::<String, _>(1).unwrap(),
        "Still there, and more bags today\nhttps://photos.example/2.jpg"
    );
    assert_eq!(
        (kept[0].try_get::<i64, _>(2).unwrap(), kept[0].try_get::<String, _>(3).unwrap()),
        (0, "comment".to_string()),
        "for staff only"
    );
    assert_eq!(kept[0].try_get::<String, _>(4).unwrap(), "open", "the status stays the partnership's");
    let named: i64 = sqlx::query(
        "SELECT COUNT(*) FROM report_updates WHERE message LIKE '%Rhys%' OR message LIKE '%rhys@%'",
    )
    .fetch_one(db.reader())
    .await
    .unwrap()
    .try_get(0)
    .unwrap();
    assert_eq!(named, 0, "the sender's name and address are not kept");
    // Sent again (a retry): the same id, stored once.
    let (status, body) = post(&app, "/open311/v2/servicerequestupdates.json", &update).await;
    assert_eq!(
        (status, json(&body)[0]["update_id"].as_str().unwrap().to_string()),
        (StatusCode::OK, id.to_string())
    );
    let count: i64 = sqlx::query("SELECT COUNT(*) FROM report_updates WHERE kind = 'comment'")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_eq!(count, 1);
    // Without an update id: kept each time.
    let plain = format!("api_key={key}&service_request_id={reference}&description=And%20a%20sofa");
    let (status, body) = post(&app, "/open311/v2/servicerequestupdates.json", &plain).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Other apps never see it: not in the public updates, not on the resident's tracking page.
    let (_, _, body) = send(&app, get("/open311/v2/servicerequestupdates.json")).await;
    assert!(!body.contains("more bags") && !body.contains("sofa"), "{body}");
    // Officers see it in the report's history, with the app's name.
    let officer = common::http::cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let (_, _, page) = send(
        &app,
        Request::get(format!("/staff/reports/{reference}"))
            .header(header::COOKIE, &officer)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(
        page.contains("More information, through another app")
            && page.contains("FixMyStreet Wales")
            && page.contains("Still there, and more bags today"),
        "{page}"
    );

    // A resident asked a question can still answer it after an app has added to their report.
    let graffiti = "lang=en&area=W06000015&category=graffiti&ward=&lat=51.49431&lon=-3.18127&ongoing=on&description=Graffiti%20on%20the%20library%20wall&anonymous=yes";
    let (_, headers, _) = send(&app, form("/report").body(Body::from(graffiti)).unwrap()).await;
    let tracking = headers[header::LOCATION].to_str().unwrap().split('?').next().unwrap().to_string();
    let asked: String = sqlx::query("SELECT reference FROM reports WHERE category_id IN (SELECT id FROM report_categories WHERE code = 'graffiti')").fetch_one(db.reader()).await.unwrap().try_get(0).unwrap();
    let v: i64 = sqlx::query("SELECT version FROM reports WHERE reference = $1")
        .bind(&asked)
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    let ask = form(&format!("/staff/reports/{asked}/ask"))
        .header(header::COOKIE, &officer)
        .body(Body::from(format!("lang=en&version={v}&question=Which%20wall%3F")))
        .unwrap();
    let (_, headers, _) = send(&app, ask).await;
    assert!(headers[header::LOCATION].to_str().unwrap().ends_with("done=asked"));
    let (status, _) = post(
        &app,
        "/open311/v2/servicerequestupdates.json",
        &format!("api_key={key}&service_request_id={asked}&description=Seen%20it%20too"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, headers, _) = send(
        &app,
        form(&format!("{tracking}/reply")).body(Body::from("lang=en&reply=The%20library%20wall")).unwrap(),
    )
    .await;
    assert!(headers[header::LOCATION].to_str().unwrap().ends_with("replied=1"), "{headers:?}");

    // Refusals, in the client's language.
    let cases = [
        (format!("service_request_id={reference}&description=x"), StatusCode::FORBIDDEN, "api_key"),
        (
            format!("api_key={key}&description=Hello"),
            StatusCode::BAD_REQUEST,
            "service_request_id is required",
        ),
        (
            format!("api_key={key}&service_request_id={reference}"),
            StatusCode::BAD_REQUEST,
            "description is required",
        ),
        (
            format!("api_key={key}&service_request_id={reference}&description={}", "x".repeat(2001)),
            StatusCode::BAD_REQUEST,
            "up to 2000 characters",
        ),
        (
            format!("api_key={key}&service_request_id={reference}&description=Hi&updated_datetime=yesterday"),
            StatusCode::BAD_REQUEST,
            "updated_datetime must be a date",
        ),
        (
            format!("api_key={key}&service_request_id={reference}&description=Hi&media_url=ftp%3A%2F%2Fx"),
            StatusCode::BAD_REQUEST,
            "media_url",
        ),
        (
            format!("api_key={key}&service_request_id=CYM-99-999999&description=Hi"),
            StatusCode::NOT_FOUND,
            "CYM-99-999999",
        ),
        // A sensitive report is not there for other apps, even to add to.
        (
            format!("api_key={key}&service_request_id={hate_ref}&description=Hi"),
            StatusCode::NOT_FOUND,
            &hate_ref,
        ),
    ];
    for (body, expected, says) in &cases {
        let (status, answer) = post(&app, "/open311/v2/servicerequestupdates.json", body).await;
        assert_eq!(status, *expected, "{body}: {answer}");
        assert!(error_codes(&answer).iter().any(|(_, d)| d.contains(says)), "{body}: {answer}");
    }
    let hate_updates: i64 = sqlx::query("SELECT COUNT(*) FROM report_updates u JOIN reports r ON r.id = u.report_id WHERE r.sensitive = 1 AND u.kind = 'comment'").fetch_one(db.reader()).await.unwrap().try_get(0).unwrap();
    assert_eq!(hate_updates, 0);
    // The same update id about another report: refused, in Welsh when asked.
    let (_, body) = post(
        &app,
        "/open311/v2/requests.json",
        &format!("api_key={key}&service_code=litter&{CATHAYS}&description=More%20litter%20by%20the%20shops"),
    )
    .await;
    let other = json(&body)[0]["service_request_id"].as_str().unwrap().to_string();
    let (status, body) = post(
        &app,
        "/open311/v2/servicerequestupdates.json",
        &format!("api_key={key}&locale=cy&service_request_id={other}&update_id=fms-991&description=Eto"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error_codes(&body)[0].1.contains("Anfonwyd update_id o'r blaen"), "{body}");
    // A key that may not submit reports may not add to them either.
    let analyst =
        app::staff::accounts::create_api_key(&db, "cardiff", "analyst", "Dashboard", None).await.unwrap();
    let (status, _) = post(
        &app,
        "/open311/v2/servicerequestupdates.json",
        &format!("api_key={analyst}&service_request_id={reference}&description=Hi"),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
});

both_backends!(an_app_adds_only_to_its_own_partnerships_reports, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let cardiff_key = key(&db).await;
    let swansea_key =
        app::staff::accounts::create_api_key(&db, "swansea", "officer", "Swansea app", None).await.unwrap();
    let (_, body) = post(&app, "/open311/v2/requests.json", &format!("api_key={cardiff_key}&service_code=litter&{CATHAYS}&description=Litter%20all%20over%20the%20park")).await;
    let reference = json(&body)[0]["service_request_id"].as_str().unwrap().to_string();
    // Another partnership's key: "not found", as for a report that does not exist; nothing kept.
    let (status, answer) = post(
        &app,
        "/open311/v2/servicerequestupdates.json",
        &format!("api_key={swansea_key}&service_request_id={reference}&description=Not%20yours"),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{answer}");
    assert!(error_codes(&answer)[0].1.contains(&reference), "{answer}");
    let kept: i64 = sqlx::query("SELECT COUNT(*) FROM report_updates WHERE kind = 'comment'")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_eq!(kept, 0);
    // The partnership's own key still can.
    let (status, answer) = post(
        &app,
        "/open311/v2/servicerequestupdates.json",
        &format!("api_key={cardiff_key}&service_request_id={reference}&description=Still%20there"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
});
