//! The hub over HTTP, as browsers and API clients meet it: pages in both languages, the API,
//! sign-in and sessions, CSRF, limits, and authorisation of server functions. Each test runs on
//! SQLite and on PostgreSQL.

mod common;

use app::db::{self, Db};
use axum::body::Body;
use common::http::{form, get, get_with_cookie, hub, hub_with, json, send, session_cookie, sign_in};
use common::{english_only_phrases, visible_text, without_marked_english};
use http::{header, Request, StatusCode};
use leptos::server_fn::ServerFn;

const DEMO_PASSWORD: &str = app::staff::accounts::DEMO_PASSWORD;

both_backends!(health_and_reference_api, |db: Db, url: String| async move {
    let app = hub(db, &url).await;
    assert_eq!(send(&app, get("/healthz")).await.0, StatusCode::OK);
    assert_eq!(send(&app, get("/readyz")).await.0, StatusCode::OK);

    let (status, headers, body) = send(&app, get("/api/v1/csps")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.get("x-request-id").is_some(), "every response carries a request id");
    let csps = json(&body)["csps"].as_array().unwrap().clone();
    assert_eq!(csps.len(), 19);
    let cardiff = csps.iter().find(|c| c["slug"] == "cardiff").unwrap();
    assert_eq!(cardiff["name"]["cy"], "Partneriaeth Diogelwch Cymunedol Caerdydd");
    assert_eq!(cardiff["police_force"]["slug"], "south-wales");

    let (status, _, body) = send(&app, get("/api/v1/neighbourhoods?csp=cardiff&geometry=true")).await;
    assert_eq!(status, StatusCode::OK);
    let list = json(&body)["neighbourhoods"].as_array().unwrap().clone();
    assert_eq!(list.len() as i64, cardiff["neighbourhood_count"].as_i64().unwrap());
    assert_eq!(list[0]["geometry"]["type"], "MultiPolygon");
    let (_, _, body) = send(&app, get("/api/v1/neighbourhoods?csp=cardiff")).await;
    assert!(json(&body)["neighbourhoods"][0].get("geometry").is_none());

    let (status, _, body) = send(&app, get("/api/v1/neighbourhoods")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(json(&body)["message"].as_str().unwrap().contains("csp"));
    let (status, _, body) = send(&app, get("/api/v1/neighbourhoods?csp=atlantis")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(json(&body)["code"], "not_found");

    let (status, _, body) = send(&app, get("/api/v1/locate?lat=51.4816&lon=-3.1791")).await;
    assert_eq!(status, StatusCode::OK);
    let located = json(&body);
    assert_eq!(located["csp"]["slug"], "cardiff");
    assert!(located["ward"]["code"].as_str().unwrap().starts_with("W05"));
    assert!(located["ward"]["name"]["cy"].is_string());

    let (status, _, body) = send(&app, get("/api/v1/locate?lat=abc&lon=-3.1")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let err = json(&body);
    assert_eq!(err["code"], "invalid_parameter");
    assert!(err["message"].as_str().unwrap().contains("'lat'"));
    let (status, _, body) = send(&app, get("/api/v1/locate?lat=51.5074&lon=-0.1278")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(json(&body)["code"], "outside_boundaries");

    let (status, _, body) = send(&app, get("/api/v1/nothing-here")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(json(&body)["code"], "not_found");

    let (status, _, body) = send(&app, get("/api/v1/openapi.json")).await;
    assert_eq!(status, StatusCode::OK);
    let doc = json(&body);
    for path in [
        "/api/v1/csps",
        "/api/v1/neighbourhoods",
        "/api/v1/locate",
        "/api/v1/me",
        "/api/v1/intelligence",
        "/api/v1/reports/{reference}",
        "/api/v1/reports/{reference}/updates",
        "/api/v1/audit",
        "/api/v1/problems",
        "/api/v1/problems/{reference}",
        "/api/v1/strategic-assessments",
        "/api/v1/strategic-assessments/{quarter}",
        "/api/v1/tasking-meetings",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
});

both_backends!(pages_in_both_languages, |db: Db, url: String| async move {
    let app = hub(db, &url).await;
    let (status, headers, body) = send(&app, get("/")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#"<html lang="en""#), "{}", &body[..300.min(body.len())]);
    assert!(body.contains(r#"hreflang="cy""#));
    assert!(body.contains("Community safety in your area"));
    let csp = headers.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
    assert!(csp.contains("'nonce-") && csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff");
    assert_eq!(headers.get(header::X_FRAME_OPTIONS).unwrap(), "DENY");
    assert!(headers.get(header::REFERRER_POLICY).is_some());

    let (status, _, body) = send(&app, get("/cy")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#"<html lang="cy""#));
    assert!(body.contains("Diogelwch cymunedol yn eich ardal chi"));

    let (status, _, body) = send(&app, get("/cy/partnerships")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Partneriaeth Diogelwch Cymunedol Caerdydd"));
    assert!(body.contains("Heddlu De Cymru"));

    let (status, _, body) = send(&app, get("/partnerships/cardiff")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Cathays"));
    let (status, _, body) = send(&app, get("/cy/partnerships/atlantis")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Heb ddod o hyd i'r dudalen") || body.contains("Heb ddod o hyd i&#x27;r dudalen"));

    let (status, _, body) = send(&app, get("/no/such/page")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Page not found"));
    let (status, _, body) = send(&app, get("/cy/dim-tudalen")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains(r#"lang="cy""#));

    // The language switch keeps the page and remembers the choice.
    let (status, headers, _) = send(&app, get("/language/cy?next=/partnerships")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers.get(header::LOCATION).unwrap(), "/cy/partnerships");
    let cookie = headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    assert!(cookie.starts_with("cymuned_lang=cy"));
    let (status, headers, _) = send(&app, get_with_cookie("/", "cymuned_lang=cy")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers.get(header::LOCATION).unwrap(), "/cy");
    let (status, headers, _) = send(&app, get("/cy/partnerships/?x=1")).await;
    assert_eq!(status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(headers.get(header::LOCATION).unwrap(), "/cy/partnerships?x=1");
    let (_, headers, _) = send(&app, get("//evil.example/")).await;
    assert_eq!(headers.get(header::LOCATION).unwrap(), "/evil.example", "never off-site");
    let req =
        Request::get("/partnerships").header(header::ACCEPT_ENCODING, "br").body(Body::empty()).unwrap();
    let (_, headers, _) = send(&app, req).await;
    assert_eq!(
        headers.get(header::CONTENT_ENCODING).unwrap(),
        "br",
        "pages are compressed for slow connections"
    );
    let (_, headers, _) = send(&app, get("/language/en?next=//evil.example")).await;
    assert_eq!(headers.get(header::LOCATION).unwrap(), "/", "never redirects off-site");
});

both_backends!(no_english_left_on_welsh_pages, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let (_, headers) = sign_in(&app, "csp-manager@demo.cymuned.cymru", DEMO_PASSWORD).await;
    let cookie = session_cookie(&headers).unwrap();
    let english = english_only_phrases();
    assert!(english.len() > 40);
    // A Welsh resident's ASB report, so the staff pages have something to show.
    let report = "lang=cy&area=W06000015&category=asb-noise&asb_qualifier=personal&ward=&lat=51.4943&lon=-3.1812&ongoing=on\
                  &description=Cerddoriaeth%20uchel%20bob%20nos&anonymous=no&name=Nia&email=nia%40example.cymru&consent=on";
    let (_, headers, _) = send(&app, form("/report").body(Body::from(report)).unwrap()).await;
    let tracking = headers[header::LOCATION].to_str().unwrap().split('?').next().unwrap().to_string();
    let reference: String = {
        use sqlx::Row;
        sqlx::query("SELECT reference FROM reports").fetch_one(db.reader()).await.unwrap().try_get(0).unwrap()
    };
    // A problem profile over the report's neighbourhood and category, opened in Welsh.
    let (neighbourhood, category): (i64, i64) = {
        use sqlx::Row;
        let r = sqlx::query("SELECT neighbourhood_id, category_id FROM reports")
            .fetch_one(db.reader())
            .await
            .unwrap();
        (r.try_get(0).unwrap(), r.try_get(1).unwrap())
    };
    let today = app::time::iso_date(app::db::now());
    let opened = format!("lang=cy&csp=cardiff&title=S%C5%B5n%20nos&priority=high&neighbourhood={neighbourhood}&category={category}&period_from=2026-01-01&period_to={today}");
    let (_, headers, _) =
        send(&app, form("/staff/problems").header(header::COOKIE, &cookie).body(Body::from(opened)).unwrap())
            .await;
    let profile = headers[header::LOCATION].to_str().unwrap().split('?').next().unwrap().to_string();
    assert!(profile.starts_with("/cy/staff/problems/PP-"), "{profile}");
    // Tension assessments (issue 15, part 1): the report's neighbourhood.
    let tension: String = {
        use sqlx::Row;
        sqlx::query("SELECT n.public_slug FROM reports r JOIN neighbourhoods n ON n.id = r.neighbourhood_id")
            .fetch_one(db.reader())
            .await
            .unwrap()
            .try_get(0)
            .unwrap()
    };
    let pages = [
        profile,
        "/cy/staff/problems".into(),
        "/cy/staff/tasking".into(),
        "/cy/staff/control-strategy".into(),
        "/cy/staff/strategic-assessments".into(),
        "/cy".to_string(),
        "/cy/report".into(),
        "/cy/report?area=W06000015".into(),
        "/cy/report?place=treganna".into(),
        "/cy/partnerships".into(),
        "/cy/partnerships/cardiff".into(),
        "/cy/accessibility".into(),
        "/cy/sign-in".into(),
        "/cy/staff".into(),
        "/cy/staff/audit".into(),
        "/cy/staff/team".into(),
        "/cy/staff/intake".into(),
        "/cy/staff/intelligence".into(),
        // Issue 13 (intel): intelligence recorded from engagement, neighbourhood priorities.
        "/cy/staff/intelligence/record".into(),
        "/cy/staff/engagement/priorities".into(),
        "/cy/staff/engagement/published".into(),
        "/cy/staff/case-reviews".into(),
        // Tension assessments (issue 15, part 1).
        "/cy/staff/tension".into(),
        "/cy/staff/tension/levels".into(),
        format!("/cy/staff/tension/{tension}"),
        format!("/cy/staff/tension/{tension}/assess"),
        format!("/cy/staff/reports/{reference}"),
        "/cy/case-review".into(),
        tracking,
        "/cy/nowhere".into(),
    ];
    for path in &pages {
        let path = path.as_str();
        let (_, _, body) = send(&app, get_with_cookie(path, &cookie)).await;
        let text = visible_text(&without_marked_english(&body, &["textarea", "p"]));
        for phrase in &english {
            assert!(!text.contains(phrase.as_str()), "{path} shows English: {phrase:?}");
        }
    }
    // The report with its contact details, shown after "Dangos manylion cyswllt".
    let (_, _, body) = send(
        &app,
        form(&format!("/staff/reports/{reference}/contact"))
            .header(header::COOKIE, &cookie)
            .body(Body::from("lang=cy"))
            .unwrap(),
    )
    .await;
    assert!(body.contains("nia@example.cymru"), "the details are shown");
    let text = visible_text(&without_marked_english(&body, &["textarea", "p"]));
    for phrase in &english {
        assert!(!text.contains(phrase.as_str()), "the contact details show English: {phrase:?}");
    }
});

both_backends!(sign_in_sessions_and_staff_pages, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    // Signed out: staff pages send you to sign in, and back afterwards.
    let (status, headers, _) = send(&app, get("/staff/audit?page=2")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers.get(header::LOCATION).unwrap(), "/sign-in?next=/staff/audit%3Fpage%3D2");
    let (_, headers, _) = send(&app, get("/cy/staff")).await;
    assert_eq!(headers.get(header::LOCATION).unwrap(), "/cy/sign-in?next=/cy/staff");

    // Demo accounts are listed in demo mode.
    let (_, _, body) = send(&app, get("/sign-in")).await;
    assert!(body.contains("officer@demo.cymuned.cymru") && body.contains(DEMO_PASSWORD));

    // Wrong password: generic message, audited, no session.
    let (status, headers) = sign_in(&app, "officer@demo.cymuned.cymru", "wrong").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers.get(header::LOCATION).unwrap(), "/sign-in?error=invalid");
    assert!(session_cookie(&headers).is_none());
    let (_, headers_unknown) = sign_in(&app, "nobody@cardiff.gov.uk", "wrong").await;
    assert_eq!(headers_unknown.get(header::LOCATION), headers.get(header::LOCATION), "no user enumeration");

    // Right password: a session, the staff home, the audit trail.
    let (status, headers) = sign_in(&app, "officer@demo.cymuned.cymru", DEMO_PASSWORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers.get(header::LOCATION).unwrap(), "/staff");
    let cookie = session_cookie(&headers).unwrap();
    let (status, headers, body) = send(&app, get_with_cookie("/staff", &cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Demo officer") && body.contains("Community safety officer"));
    assert_eq!(headers.get(header::CACHE_CONTROL).unwrap(), "no-store");

    // An officer may not read the audit log, whichever CSP is asked for; without a session the
    // page sends the reader to sign in. (Page data has no server function endpoint of its own.)
    let (status, _, body) = send(&app, get_with_cookie("/staff/audit", &cookie)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body.contains("does not allow this"));
    let (status, _, _) = send(&app, get_with_cookie("/staff/audit?csp=cardiff", &cookie)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = send(&app, get("/staff/audit?csp=cardiff")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    // A manager may, for their own CSP only.
    let (_, headers) = sign_in(&app, "csp-manager@demo.cymuned.cymru", DEMO_PASSWORD).await;
    let manager = session_cookie(&headers).unwrap();
    let (status, _, body) = send(&app, get_with_cookie("/staff/audit", &manager)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("Failed sign-in") && body.contains("Signed in"),
        "the failed and successful sign-ins are listed"
    );
    let (status, _, _) = send(&app, get_with_cookie("/staff/audit?csp=cardiff", &manager)).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = send(&app, get_with_cookie("/staff/audit?csp=swansea", &manager)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Signing in again rotates the session: the old token stops working.
    let body = "email=csp-manager@demo.cymuned.cymru&password=".to_string() + DEMO_PASSWORD + "&lang=en";
    let req = form("/sign-in").header(header::COOKIE, &manager).body(Body::from(body.clone())).unwrap();
    let (_, headers, _) = send(&app, req).await;
    let rotated = session_cookie(&headers).unwrap();
    assert_ne!(rotated, manager);
    assert_eq!(send(&app, get_with_cookie("/staff", &manager)).await.0, StatusCode::SEE_OTHER);
    assert_eq!(send(&app, get_with_cookie("/staff", &rotated)).await.0, StatusCode::OK);

    // Sign out ends the session.
    let req = form("/sign-out").header(header::COOKIE, &rotated).body(Body::from("lang=cy")).unwrap();
    let (status, headers, _) = send(&app, req).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers.get(header::LOCATION).unwrap(), "/cy/sign-in?signed_out=1");
    assert_eq!(send(&app, get_with_cookie("/staff", &rotated)).await.0, StatusCode::SEE_OTHER);

    // Everything above is in the audit log.
    let cardiff = db::reference::csp_by_slug(&db, "cardiff").await.unwrap().unwrap();
    let log = db::audit::page_for_csp(&db, cardiff.id, 1, 200).await.unwrap();
    for action in ["sign_in", "sign_in_failed", "sign_out", "audit_log_viewed"] {
        assert!(log.entries.iter().any(|e| e.action == action), "{action} audited");
    }
});

both_backends!(csrf_limits_and_rate_limits, |db: Db, url: String| async move {
    let app = hub(db, &url).await;
    let body = format!("email=officer@demo.cymuned.cymru&password={DEMO_PASSWORD}&lang=cy");
    // From another site: refused with a page in the visitor's language.
    let req = Request::post("/sign-in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .header(header::COOKIE, "cymuned_lang=cy")
        .body(Body::from(body.clone()))
        .unwrap();
    let (status, _, page) = send(&app, req).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(page.contains(r#"lang="cy""#) && page.contains("Gwrthodwyd y cais"));
    let req = Request::post("/sign-in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, "https://evil.example")
        .header(header::HOST, "127.0.0.1:3000")
        .body(Body::from(body.clone()))
        .unwrap();
    assert_eq!(send(&app, req).await.0, StatusCode::FORBIDDEN);
    let req = Request::post("/sign-in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::HOST, "127.0.0.1:3000")
        .body(Body::from(body.clone()))
        .unwrap();
    assert_eq!(send(&app, req).await.0, StatusCode::SEE_OTHER, "same origin is fine");

    // Too large: 413 with a page that says so.
    let big = "x".repeat(200 * 1024);
    let req = form("/sign-in").body(Body::from(format!("email={big}"))).unwrap();
    let (status, _, page) = send(&app, req).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(page.contains("too large"));

    // Rate limit: the sixth attempt on one account within 15 minutes is refused, even with
    // the right password.
    for _ in 0..5 {
        sign_in(&app, "analyst@demo.cymuned.cymru", "wrong").await;
    }
    let (_, headers) = sign_in(&app, "analyst@demo.cymuned.cymru", DEMO_PASSWORD).await;
    assert_eq!(headers.get(header::LOCATION).unwrap(), "/sign-in?error=rate_limited");
    assert!(session_cookie(&headers).is_none());
    let (_, _, page) = send(&app, get("/sign-in?error=rate_limited")).await;
    assert!(page.contains("Too many sign-in attempts"));
});

both_backends!(production_refuses_demo_accounts, |db: Db, url: String| async move {
    let mut settings = common::settings(&url);
    settings.environment = app::config::Environment::Production;
    app::staff::accounts::ensure_demo_accounts(&db).await.unwrap();
    let err = server::startup::prepare(&settings, &db).await.err().expect("refused");
    assert!(err.to_string().contains("remove-demo-accounts"), "{err}");
    db::staff::delete_demo_users(&db).await.unwrap();
    assert!(server::startup::prepare(&settings, &db).await.is_ok());
});

both_backends!(api_keys_authenticate_requests, |db: Db, url: String| async move {
    let key = app::staff::accounts::create_api_key(&db, "swansea", "analyst", "Swansea dashboard", None)
        .await
        .unwrap();
    let app = hub(db, &url).await;
    let (status, headers, body) = send(&app, get("/api/v1/me")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(headers.get(header::WWW_AUTHENTICATE).unwrap(), "Bearer");
    assert_eq!(json(&body)["code"], "unauthorised");
    let with = |value: &str| {
        Request::get("/api/v1/me").header(header::AUTHORIZATION, value).body(Body::empty()).unwrap()
    };
    assert_eq!(send(&app, with("Bearer cym_nope_nope")).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(send(&app, with(&key)).await.0, StatusCode::UNAUTHORIZED, "the Bearer scheme is required");
    let (status, _, body) = send(&app, with(&format!("Bearer {key}"))).await;
    assert_eq!(status, StatusCode::OK);
    let me = json(&body);
    assert_eq!(me["role"], "analyst");
    assert_eq!(me["csp"]["slug"], "swansea");
});

both_backends!(team_roles_are_managed_per_csp, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let (_, headers) = sign_in(&app, "csp-manager@demo.cymuned.cymru", DEMO_PASSWORD).await;
    let manager = session_cookie(&headers).unwrap();
    let officer_id = db::staff::user_id_by_email(&db, "officer@demo.cymuned.cymru").await.unwrap().unwrap();
    let post = |path: &str, body: String, cookie: &str| {
        form(path).header(header::COOKIE, cookie).body(Body::from(body)).unwrap()
    };
    let roles_of = |id: i64| {
        let db = db.clone();
        async move {
            db::staff::staff_user(&db, id)
                .await
                .unwrap()
                .unwrap()
                .grants
                .iter()
                .map(|g| (g.role, g.csp_slug.clone()))
                .collect::<Vec<_>>()
        }
    };

    let (status, _, body) = send(&app, get_with_cookie("/cy/staff/team", &manager)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("officer@demo.cymuned.cymru") && body.contains("Rhoi rôl"));

    // Give the officer the analyst role in Cardiff.
    let grant = "lang=en&csp=cardiff&email=OFFICER@demo.cymuned.cymru&role=analyst&organisation=&organisation_kind=other".to_string();
    let (status, headers, _) = send(&app, post("/staff/team/grant", grant, &manager)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers.get(header::LOCATION).unwrap(), "/staff/team?csp=cardiff&done=granted");
    assert!(roles_of(officer_id).await.contains(&(app::staff::Role::Analyst, "cardiff".into())));

    // Refused: another CSP, an administrator role, a partner without organisation, no such account, own roles.
    for (body, error) in [
        ("lang=en&csp=swansea&email=officer@demo.cymuned.cymru&role=analyst", "forbidden"),
        ("lang=en&csp=cardiff&email=officer@demo.cymuned.cymru&role=admin", "forbidden"),
        (
            "lang=en&csp=cardiff&email=officer@demo.cymuned.cymru&role=partner&organisation=+",
            "needs_organisation",
        ),
        ("lang=en&csp=cardiff&email=nobody@cardiff.gov.uk&role=analyst", "no_account"),
        ("lang=en&csp=cardiff&email=csp-manager@demo.cymuned.cymru&role=analyst", "forbidden"),
        ("lang=en&csp=cardiff&email=officer@demo.cymuned.cymru&role=superuser", "invalid"),
        // A regional role is given only on the command line, for a region.
        ("lang=en&csp=cardiff&email=officer@demo.cymuned.cymru&role=cohesion_coordinator", "forbidden"),
    ] {
        let (_, headers, _) = send(&app, post("/staff/team/grant", body.into(), &manager)).await;
        let location = headers.get(header::LOCATION).unwrap().to_str().unwrap().to_string();
        assert!(location.ends_with(&format!("error={error}")), "{body} -> {location}");
    }
    assert_eq!(roles_of(officer_id).await.len(), 2, "nothing else changed");

    // Take it away again.
    let revoke = format!("lang=cy&csp=cardiff&user_id={officer_id}&role=analyst");
    let (_, headers, _) = send(&app, post("/staff/team/revoke", revoke.clone(), &manager)).await;
    assert_eq!(headers.get(header::LOCATION).unwrap(), "/cy/staff/team?csp=cardiff&done=revoked");
    assert_eq!(roles_of(officer_id).await, vec![(app::staff::Role::Officer, "cardiff".to_string())]);
    let (_, headers, _) = send(&app, post("/staff/team/revoke", revoke, &manager)).await;
    assert!(headers.get(header::LOCATION).unwrap().to_str().unwrap().ends_with("error=not_held"));

    // An officer may do none of this.
    let (_, headers) = sign_in(&app, "officer@demo.cymuned.cymru", DEMO_PASSWORD).await;
    let officer = session_cookie(&headers).unwrap();
    let (status, _, _) = send(&app, get_with_cookie("/staff/team", &officer)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let analyst_id = db::staff::user_id_by_email(&db, "analyst@demo.cymuned.cymru").await.unwrap().unwrap();
    let (_, headers, _) = send(
        &app,
        post(
            "/staff/team/revoke",
            format!("lang=en&csp=cardiff&user_id={analyst_id}&role=analyst"),
            &officer,
        ),
    )
    .await;
    assert!(headers.get(header::LOCATION).unwrap().to_str().unwrap().ends_with("error=forbidden"));
    // Signed out: sent to sign in.
    let (status, headers, _) = send(&app, post("/staff/team/grant", "csp=cardiff".into(), "")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(headers.get(header::LOCATION).unwrap().to_str().unwrap().starts_with("/sign-in"));

    // Both changes are in the audit log.
    let cardiff = db::reference::csp_by_slug(&db, "cardiff").await.unwrap().unwrap();
    let log = db::audit::page_for_csp(&db, cardiff.id, 1, 200).await.unwrap();
    assert!(log
        .entries
        .iter()
        .any(|e| e.action == "role_granted" && e.actor == "csp-manager@demo.cymuned.cymru"));
    assert!(log.entries.iter().any(|e| e.action == "role_revoked"));
});

fn tracking_token(location: &str) -> String {
    let path = location.split('?').next().unwrap();
    path.rsplit('/').next().unwrap().to_string()
}

both_backends!(residents_report_and_track_without_javascript, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    // Step 1: choose the council area.
    let (status, _, body) = send(&app, get("/cy/report")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Caerdydd") && body.contains("Gadael y wefan hon yn gyflym"));
    // Step 2: the form for Cardiff, with its wards and the CSP's categories.
    let (status, _, body) = send(&app, get("/report?area=W06000015")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Cathays") && body.contains("Fly-tipping") && body.contains("Cardiff CSP"));
    let cathays = db::reporting::area_wards(&db, "W06000015")
        .await
        .unwrap()
        .into_iter()
        .find(|w| w.name.en == "Cathays")
        .unwrap()
        .code;

    // A form with problems: nothing stored, the resident sees what to correct and keeps their text.
    let bad = "lang=en&area=W06000015&category=&ward=&happened_at=&description=Loud%20music%20every%20night&anonymous=no&email=not-an-email";
    let (status, headers, _) = send(&app, form("/report").body(Body::from(bad)).unwrap()).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = headers.get(header::LOCATION).unwrap().to_str().unwrap().to_string();
    assert!(location.starts_with("/report?area=W06000015&draft="), "{location}");
    let (status, _, page) = send(&app, get(&location)).await;
    assert_eq!(status, StatusCode::OK);
    for message in [
        "There is a problem",
        "Choose what you are reporting.",
        "Choose the ward where it happened.",
        "Enter an email address like name@example.com.",
    ] {
        assert!(page.contains(message), "{message}");
    }
    assert!(page.contains("Loud music every night"), "what the resident typed is kept");
    let cardiff = db::reference::csp_by_slug(&db, "cardiff").await.unwrap().unwrap();
    assert_eq!(db::reporting::report_count(&db, cardiff.id).await.unwrap(), 0);

    // The corrected report: stored, numbered, and followed through a private link.
    let draft = location.split("draft=").nth(1).unwrap();
    let good = format!(
        "lang=cy&area=W06000015&draft={draft}&category=asb-noise&asb_qualifier=personal&ward={cathays}&location_text=Behind%20the%20shops\
         &ongoing=on&description=Loud%20music%20every%20night%20after%20midnight&anonymous=no&name=Si%C3%A2n&email=sian%40example.cymru\
         &contact_language=cy&consent=on"
    );
    let (status, headers, _) = send(&app, form("/report").body(Body::from(good)).unwrap()).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = headers.get(header::LOCATION).unwrap().to_str().unwrap().to_string();
    assert!(location.starts_with("/cy/track/") && location.ends_with("?new=1"), "{location}");
    assert_eq!(db::reporting::report_count(&db, cardiff.id).await.unwrap(), 1);
    let (status, _, page) = send(&app, get(&location)).await;
    assert_eq!(status, StatusCode::OK);
    let year = chrono_year();
    let reference: String = sqlx::query("SELECT reference FROM reports")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert!(reference.starts_with(&format!("CYM-{year}-")) && reference.len() == 13, "{reference}");
    assert!(page.contains(&reference), "the reference is shown");
    assert!(page.contains("Wedi&#x27;i dderbyn") || page.contains("Wedi'i dderbyn"), "status in Welsh");
    assert!(page.contains("Cathays") && page.contains("Behind the shops"));
    assert!(!page.contains("sian@example.cymru"), "the tracking page shows no personal details");
    // The reporter is stored apart from the report; the draft is gone.
    let row = sqlx::query("SELECT anonymous, email, consent_to_contact FROM report_reporters")
        .fetch_one(db.reader())
        .await
        .unwrap();
    use sqlx::Row;
    assert_eq!(row.try_get::<i64, _>(0).unwrap(), 0);
    assert_eq!(row.try_get::<String, _>(1).unwrap(), "sian@example.cymru");
    let (_, _, page) = send(&app, get(&format!("/report?area=W06000015&draft={draft}"))).await;
    assert!(!page.contains("Loud music every night"), "a used draft is removed");

    // An unknown tracking link is a 404; the token itself is not stored.
    assert_eq!(send(&app, get("/track/not-a-token")).await.0, StatusCode::NOT_FOUND);
    let token = tracking_token(&location);
    let stored: i64 = sqlx::query("SELECT COUNT(*) FROM reports WHERE tracking_hash = $1")
        .bind(&token)
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_eq!(stored, 0);

    // A robot filling the hidden field: nothing stored.
    let spam = format!("lang=en&area=W06000015&category=litter&ward={cathays}&ongoing=on&description=Buy%20cheap%20things%20now&anonymous=yes&website=http%3A%2F%2Fspam");
    let (_, headers, _) = send(&app, form("/report").body(Body::from(spam)).unwrap()).await;
    assert!(headers.get(header::LOCATION).unwrap().to_str().unwrap().contains("draft="));
    assert_eq!(db::reporting::report_count(&db, cardiff.id).await.unwrap(), 1);
});

both_backends!(report_numbers_reveal_nothing_and_submissions_are_limited, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let ward = db::reporting::area_wards(&db, "W06000011").await.unwrap()[0].code.clone(); // Swansea
    let body = format!("lang=en&area=W06000011&category=graffiti&ward={ward}&ongoing=on&description=Graffiti%20on%20the%20bus%20shelter&anonymous=yes");
    let mut references = Vec::new();
    for _ in 0..10 {
        let (_, headers, _) = send(&app, form("/report").body(Body::from(body.clone())).unwrap()).await;
        let location = headers.get(header::LOCATION).unwrap().to_str().unwrap().to_string();
        assert!(location.starts_with("/track/"), "{location}");
        let (_, _, page) = send(&app, get(&location)).await;
        let start = page.find("CYM-").unwrap();
        references.push(page[start..start + 13].to_string());
    }
    // Numbered at random, not in order: gaps in a public list (the sensitive reports) and
    // differences between references say nothing.
    let year = chrono_year();
    let numbers: Vec<i64> = references
        .iter()
        .map(|r| {
            assert!(r.starts_with(&format!("CYM-{year}-")), "{r}");
            assert_eq!(
                app::reporting::parse_reference(r).as_deref(),
                Some(r.as_str()),
                "a resident can read it out"
            );
            r[7..].parse().unwrap()
        })
        .collect();
    assert!(
        numbers.windows(2).filter(|w| w[1] == w[0] + 1).count() < 3,
        "consecutive reports do not have consecutive numbers: {numbers:?}"
    );
    assert!(numbers.iter().all(|n| *n >= 100_000), "{numbers:?}");
    let distinct: std::collections::BTreeSet<&i64> = numbers.iter().collect();
    assert_eq!(distinct.len(), 10, "one number per report");
    // The eleventh within the hour from one address is held back, and kept as a draft.
    let (_, headers, _) = send(&app, form("/report").body(Body::from(body)).unwrap()).await;
    let location = headers.get(header::LOCATION).unwrap().to_str().unwrap().to_string();
    assert!(location.contains("draft="), "{location}");
    let (_, _, page) = send(&app, get(&location)).await;
    assert!(page.contains("Graffiti on the bus shelter") && page.contains("Wait an hour"));
});

fn chrono_year() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    // Days since 1970 to a civil year (good for this century).
    let days = secs / 86_400;
    let mut year = 1970;
    let mut remaining = days;
    loop {
        let len = if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 { 366 } else { 365 };
        if remaining < len {
            break;
        }
        remaining -= len;
        year += 1;
    }
    format!("{:02}", year % 100)
}

/// A real SMTP server (aiosmtpd) delivering into a Maildir; stopped when dropped.
struct SmtpServer {
    child: std::process::Child,
    port: u16,
    maildir: std::path::PathBuf,
}

impl SmtpServer {
    // Drop kills and waits for the SMTP server.
    #[allow(clippy::zombie_processes)]
    fn start() -> SmtpServer {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let maildir = std::env::temp_dir().join(format!("cymuned-tests-{}-mail-{port}", std::process::id()));
        let child = std::process::Command::new("python3")
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(&maildir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("aiosmtpd is installed (.ci/setup test installs it)");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return SmtpServer { child, port, maildir };
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("aiosmtpd did not start");
    }

    /// (subject, body) of every message received, decoded by Python's email parser.
    fn messages(&self) -> Vec<(String, String)> {
        let script = "import email, email.header, mailbox, sys, json\n\
            box = mailbox.Maildir(sys.argv[1], create=False)\n\
            out = []\n\
            for m in box:\n\
            \x20   subject = str(email.header.make_header(email.header.decode_header(m['subject'])))\n\
            \x20   out.append([subject, m.get_payload(decode=True).decode('utf-8')])\n\
            print(json.dumps(out))\n";
        let out =
            std::process::Command::new("python3").args(["-c", script]).arg(&self.maildir).output().unwrap();
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)))
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.maildir);
    }
}

both_backends!(confirmation_email_reaches_the_resident_in_their_language, |db: Db, url: String| async move {
    let smtp = SmtpServer::start();
    let app = hub(db.clone(), &url).await;
    let mut settings = common::settings(&url);
    settings.smtp_url = Some(format!("smtp://127.0.0.1:{}", smtp.port));
    let mailer = app::mail::Mailer::from_settings(&settings).unwrap();
    let from: lettre::message::Mailbox = settings.mail_from.parse().unwrap();
    let ward = "W05000857"; // Cathays, Cardiff
    let report = |email: &str| {
        format!(
            "lang=en&area=W06000015&category=litter&ward={ward}&ongoing=on&description=Overflowing%20bins%20every%20weekend\
             &anonymous=no&email={email}&contact_language=cy&consent=on"
        )
    };
    let (_, headers, _) =
        send(&app, form("/report").body(Body::from(report("rhian%40example.cymru"))).unwrap()).await;
    let location = headers.get(header::LOCATION).unwrap().to_str().unwrap().to_string();
    assert!(location.starts_with("/track/"), "the page they used was English: {location}");
    assert_eq!(db::outbox::counts(&db).await.unwrap(), (1, 0), "queued with the report");

    assert_eq!(app::mail::deliver_due(&db, &mailer, &from).await.unwrap(), 1);
    assert_eq!(db::outbox::counts(&db).await.unwrap(), (0, 1));
    let messages = smtp.messages();
    assert_eq!(messages.len(), 1);
    let (subject, body) = &messages[0];
    assert!(subject.starts_with("Eich adroddiad CYM-"), "{subject}");
    let welsh_link = format!("/cy{}", location.replace("?new=1", ""));
    assert!(
        body.contains("Eich cyfeirnod yw CYM-") && body.contains(&welsh_link),
        "the link is to the Welsh page: {body}"
    );
    assert!(body.contains("ffoniwch 999"));

    // The mail server goes away: the next message waits in the outbox, with the reason.
    drop(smtp);
    send(&app, form("/report").body(Body::from(report("gwyn%40example.cymru"))).unwrap()).await;
    assert_eq!(app::mail::deliver_due(&db, &mailer, &from).await.unwrap(), 0);
    assert_eq!(db::outbox::counts(&db).await.unwrap(), (1, 1), "nothing is lost");
    assert!(db::outbox::last_error(&db).await.unwrap().is_some());
    assert_eq!(app::mail::deliver_due(&db, &mailer, &from).await.unwrap(), 0, "not retried before its time");
});

both_backends!(a_location_from_the_device_routes_the_report, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    // Chosen area Swansea, but the device says Cardiff city centre: the point wins.
    let body = "lang=en&area=W06000011&category=graffiti&ward=&lat=51.4816&lon=-3.1791&ongoing=on\
                &description=Tags%20sprayed%20on%20the%20arcade%20shutters&anonymous=yes";
    let (_, headers, _) = send(&app, form("/report").body(Body::from(body)).unwrap()).await;
    let location = headers.get(header::LOCATION).unwrap().to_str().unwrap().to_string();
    assert!(location.starts_with("/track/"), "{location}");
    let (_, _, page) = send(&app, get(&location)).await;
    assert!(page.contains("Cardiff CSP"), "routed to the CSP of the point");
    let cardiff = db::reference::csp_by_slug(&db, "cardiff").await.unwrap().unwrap();
    assert_eq!(db::reporting::report_count(&db, cardiff.id).await.unwrap(), 1);
    {
        use sqlx::Row;
        let point = sqlx::query("SELECT lat, lon FROM reports").fetch_one(db.reader()).await.unwrap();
        assert_eq!(
            (point.try_get::<f64, _>(0).unwrap(), point.try_get::<f64, _>(1).unwrap()),
            (51.4816, -3.1791),
            "the point is kept"
        );
    }

    // A point outside Wales: told who to contact instead, nothing stored, nothing lost.
    let body = "lang=cy&area=W06000015&category=graffiti&ward=&lat=51.5074&lon=-0.1278&ongoing=on\
                &description=Tags%20sprayed%20on%20the%20bridge&anonymous=yes";
    let (_, headers, _) = send(&app, form("/report").body(Body::from(body)).unwrap()).await;
    let location = headers.get(header::LOCATION).unwrap().to_str().unwrap().to_string();
    assert!(location.contains("draft="), "{location}");
    let (_, _, page) = send(&app, get(&location)).await;
    assert!(page.contains("101") && page.contains("Tags sprayed on the bridge"));
    let total: i64 = {
        use sqlx::Row;
        sqlx::query("SELECT COUNT(*) FROM reports").fetch_one(db.reader()).await.unwrap().try_get(0).unwrap()
    };
    assert_eq!(total, 1);
});

fn multipart(fields: &[(&str, &str)], files: &[(&str, Vec<u8>)]) -> (String, Vec<u8>) {
    let boundary = "cymuned-test-boundary-7d3f";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    for (filename, bytes) in files {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .as_bytes(),
        );
        body.extend(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([x as u8, y as u8, 90])
    }))
    .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
    .unwrap();
    out
}

both_backends!(photos_are_cleaned_and_stored_with_the_report, |db: Db, url: String| async move {
    use sqlx::Row;
    let app = hub(db.clone(), &url).await;
    let fields = [
        ("lang", "en"),
        ("area", "W06000015"),
        ("category", "fly-tipping"),
        ("ward", "W05000857"),
        ("ongoing", "on"),
        ("description", "Fridge and mattress dumped by the lane"),
        ("anonymous", "yes"),
    ];
    let post = |content_type: String, body: Vec<u8>| {
        Request::post("/report")
            .header(header::CONTENT_TYPE, content_type)
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(body))
            .unwrap()
    };
    // Two photos: stored as clean JPEGs.
    let (ct, body) = multipart(&fields, &[("a.png", png(40, 30)), ("b.png", png(10, 10))]);
    let (status, headers, _) = send(&app, post(ct, body)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = headers.get(header::LOCATION).unwrap().to_str().unwrap().to_string();
    assert!(location.starts_with("/track/"), "{location}");
    let rows = sqlx::query("SELECT width, height, data FROM report_photos ORDER BY position")
        .fetch_all(db.reader())
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    let data: Vec<u8> = rows[0].try_get(2).unwrap();
    assert_eq!(&data[..2], &[0xFF, 0xD8], "re-encoded as JPEG");
    assert_eq!((rows[0].try_get::<i64, _>(0).unwrap(), rows[0].try_get::<i64, _>(1).unwrap()), (40, 30));
    let (_, _, page) = send(&app, get(&location)).await;
    assert!(page.contains("2 photos"));

    // Not a picture, or too many: told so, nothing stored, the text kept.
    let (ct, body) = multipart(&fields, &[("notes.txt", b"just some text".to_vec())]);
    let (_, headers, _) = send(&app, post(ct, body)).await;
    let location = headers.get(header::LOCATION).unwrap().to_str().unwrap().to_string();
    let (_, _, page) = send(&app, get(&location)).await;
    assert!(
        page.contains("Photos must be JPEG, PNG or WebP pictures.") && page.contains("Fridge and mattress")
    );
    let (ct, body) = multipart(
        &fields,
        &[("1.png", png(4, 4)), ("2.png", png(4, 4)), ("3.png", png(4, 4)), ("4.png", png(4, 4))],
    );
    let (_, headers, _) = send(&app, post(ct, body)).await;
    let (_, _, page) = send(&app, get(headers.get(header::LOCATION).unwrap().to_str().unwrap())).await;
    assert!(page.contains("Choose 3 photos or fewer."));
    let total: i64 =
        sqlx::query("SELECT COUNT(*) FROM reports").fetch_one(db.reader()).await.unwrap().try_get(0).unwrap();
    assert_eq!(total, 1);
});

both_backends!(behind_a_trusted_proxy_the_client_address_is_audited, |db: Db, url: String| async move {
    for (trust, expected) in [(false, "unknown"), (true, "203.0.113.9")] {
        let settings = app::config::Settings { trust_proxy: trust, ..common::settings(&url) };
        let app = hub_with(db.clone(), settings).await;
        let body = "email=officer@demo.cymuned.cymru&password=wrong&lang=en";
        let req = form("/sign-in")
            .header("x-forwarded-for", "198.51.100.1, 203.0.113.9")
            .body(Body::from(body))
            .unwrap();
        send(&app, req).await;
        let cardiff = db::reference::csp_by_slug(&db, "cardiff").await.unwrap().unwrap();
        let log = db::audit::page_for_csp(&db, cardiff.id, 1, 1).await.unwrap();
        assert_eq!(log.entries[0].ip.as_deref(), Some(expected), "trust_proxy = {trust}");
    }
});

both_backends!(places_are_found_by_name_and_shown_on_the_map, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    // By ward name in Welsh, without JavaScript: a link that starts the form at that ward.
    let (status, _, page) = send(&app, get("/report?place=Treganna")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("1 place matches") || page.contains("places match"), "a count of matches");
    let canton = db::reporting::area_wards(&db, "W06000015")
        .await
        .unwrap()
        .into_iter()
        .find(|w| w.name.en == "Canton")
        .unwrap()
        .code;
    let link = format!("/report?area=W06000015&amp;ward={canton}");
    assert!(page.contains(&link), "a link to the form at Canton");
    let (_, _, form_page) = send(&app, get(&link.replace("&amp;", "&"))).await;
    assert!(
        form_page.contains(&format!("<option value=\"{canton}\" selected")),
        "the ward is chosen already"
    );
    // A council's name, in Welsh and without its accent, offers the whole council area.
    let (_, _, page) = send(&app, get("/cy/report?place=ynys%20mon")).await;
    assert!(page.contains("Ynys Môn (ardal gyfan y cyngor)"), "{}", &page[page.len().saturating_sub(3000)..]);
    // Nothing found, and typed markup, are answered plainly.
    let (_, _, page) = send(&app, get("/report?place=%3Cscript%3Ealert(1)%3C%2Fscript%3E")).await;
    assert!(page.contains("No places match") && !page.contains("<script>alert(1)"));

    // The map's data: the area's wards in the page's language, small enough for a phone.
    let path = <app::reporting::map::AreaMap as ServerFn>::PATH;
    let req = form(path)
        .header(header::ACCEPT, "application/json")
        .body(Body::from("area=W06000015&lang=cy"))
        .unwrap();
    let (status, _, body) = send(&app, req).await;
    assert_eq!(status, StatusCode::OK);
    let data = json(&body);
    assert_eq!(data["tile_url"], "https://tile.openstreetmap.org/{z}/{x}/{y}.png");
    let outlines = json(data["outlines"].as_str().unwrap());
    let features = outlines["features"].as_array().unwrap();
    assert_eq!(features.len(), db::reporting::area_wards(&db, "W06000015").await.unwrap().len());
    assert!(features.iter().any(|f| f["properties"]["name"] == "Treganna"));
    assert!(body.len() < 200_000, "Cardiff's outlines are {} bytes", body.len());
    // The tile server is the only other origin images may come from.
    let (_, headers, _) = send(&app, get("/report?area=W06000015")).await;
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("img-src 'self' data: https://tile.openstreetmap.org;"), "{csp}");
});

/// A valid PNG of `side` × `side` 16-bit RGB pixels, all black: about 1 MB for 12000, and
/// 864 MB once decoded. Built row by row. `truncated` leaves the pixel data unfinished (the
/// header is good, decoding fails).
fn png_bomb(side: u32, truncated: bool) -> Vec<u8> {
    use std::io::Write;
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    let row = vec![0u8; 1 + side as usize * 6];
    for _ in 0..side {
        zlib.write_all(&row).unwrap();
    }
    let mut idat = zlib.finish().unwrap();
    if truncated {
        idat.truncate(idat.len() / 2);
    }
    let chunk = |out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]| {
        out.extend((data.len() as u32).to_be_bytes());
        out.extend(kind);
        out.extend(data);
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend(crc.sum().to_be_bytes());
    };
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(side.to_be_bytes());
    ihdr.extend(side.to_be_bytes());
    ihdr.extend([16, 2, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"IDAT", &idat);
    chunk(&mut png, b"IEND", &[]);
    png
}

/// Made once for the tests on both databases.
static BOMB: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| png_bomb(12_000, false));

fn photo_post(content_type: String, body: Vec<u8>) -> Request<Body> {
    Request::post("/report")
        .header(header::CONTENT_TYPE, content_type)
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body))
        .unwrap()
}

both_backends!(
    a_decompression_bomb_is_refused_as_too_large_in_both_languages,
    |db: Db, url: String| async move {
        use sqlx::Row;
        let app = hub(db.clone(), &url).await;
        let bomb = BOMB.clone();
        assert!(bomb.len() < 2 * 1024 * 1024, "{} bytes", bomb.len());
        for (lang, message) in [
            ("en", "A photo is too large to process: each must be 40 megapixels or fewer"),
            ("cy", "Mae llun yn rhy fawr i"),
        ] {
            let fields = [
                ("lang", lang),
                ("area", "W06000015"),
                ("category", "fly-tipping"),
                ("ward", "W05000857"),
                ("ongoing", "on"),
                ("description", "Fridge and mattress dumped by the lane"),
                ("anonymous", "yes"),
            ];
            let (ct, body) = multipart(&fields, &[("huge.png", bomb.clone())]);
            let (status, headers, _) = send(&app, photo_post(ct, body)).await;
            assert_eq!(status, StatusCode::SEE_OTHER);
            let location = headers[header::LOCATION].to_str().unwrap().to_string();
            assert!(location.contains("draft="), "{location}");
            let (_, _, page) = send(&app, get(&location)).await;
            assert!(
                page.contains(message),
                "{lang}: {}",
                visible_text(&page).split_whitespace().collect::<Vec<_>>().join(" ")
            );
            assert!(page.contains("Fridge and mattress"), "the text is kept");
        }
        let total: i64 = sqlx::query("SELECT COUNT(*) FROM reports")
            .fetch_one(db.reader())
            .await
            .unwrap()
            .try_get(0)
            .unwrap();
        assert_eq!(total, 0);
    }
);

both_backends!(the_address_limit_comes_before_any_photo_is_decoded, |db: Db, url: String| async move {
    let settings = app::config::Settings { reports_per_hour_per_address: 1, ..common::settings(&url) };
    let app = hub_with(db.clone(), settings).await;
    let fields = [
        ("lang", "en"),
        ("area", "W06000015"),
        ("category", "fly-tipping"),
        ("ward", "W05000857"),
        ("ongoing", "on"),
        ("description", "Fridge and mattress dumped by the lane"),
        ("anonymous", "yes"),
    ];
    let (ct, body) = multipart(&fields, &[("a.png", png(8, 8))]);
    let (_, headers, _) = send(&app, photo_post(ct, body)).await;
    assert!(headers[header::LOCATION].to_str().unwrap().starts_with("/track/"));
    // A form to correct costs nothing, photos or not (they are judged by their headers).
    let mut short = fields;
    short[5] = ("description", "Fridge");
    let (ct, body) = multipart(&short, &[("a.png", png(8, 8))]);
    let (_, headers, _) = send(&app, photo_post(ct, body)).await;
    let (_, _, page) = send(&app, get(headers[header::LOCATION].to_str().unwrap())).await;
    assert!(page.contains("Please add your photos again") && !page.contains("Wait an hour"));
    // Over the limit, a photo that would fail to decode is never decoded: the limit answers.
    let (ct, body) = multipart(&fields, &[("broken.png", png_bomb(64, true))]);
    let (_, headers, _) = send(&app, photo_post(ct, body)).await;
    let (_, _, page) = send(&app, get(headers[header::LOCATION].to_str().unwrap())).await;
    assert!(
        page.contains("Wait an hour"),
        "{}",
        visible_text(&page).split_whitespace().collect::<Vec<_>>().join(" ")
    );
    assert!(!page.contains("Photos must be JPEG, PNG or WebP pictures."));
    // Another address, the same broken photo: decoded, refused, nothing stored.
    let (ct, body) = multipart(&fields, &[("broken.png", png_bomb(64, true))]);
    let other = Request::post("/report")
        .header(header::CONTENT_TYPE, ct)
        .header("sec-fetch-site", "same-origin")
        .extension(axum::extract::ConnectInfo(std::net::SocketAddr::from(([192, 0, 2, 7], 4000))))
        .body(Body::from(body))
        .unwrap();
    let (_, headers, _) = send(&app, other).await;
    let (_, _, page) = send(&app, get(headers[header::LOCATION].to_str().unwrap())).await;
    assert!(page.contains("Photos must be JPEG, PNG or WebP pictures."));
});

/// Where a browser would go with this Location: it drops tabs and newlines and reads `\` as `/`.
fn stays_on_site(location: &str) -> bool {
    let seen: String = location
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect();
    seen.starts_with('/') && !seen.starts_with("//")
}

const OFF_SITE: [&str; 14] = [
    "/%09/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/%2f%2fevil.example",
    "%2f%2fevil.example",
    "/%5cevil.example",
    "/%252f%252fevil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "/cy//evil.example",
    "https:evil.example",
];

both_backends!(sign_in_and_the_language_switch_never_lead_off_site, |db: Db, url: String| async move {
    let settings = app::config::Settings { sign_in_attempts_per_15_minutes: 1000, ..common::settings(&url) };
    let app = hub_with(db, settings).await;
    let enc = app::shell::encode_component;
    for next in OFF_SITE {
        for password in [DEMO_PASSWORD, "wrong"] {
            let body =
                format!("email=officer@demo.cymuned.cymru&password={password}&lang=en&next={}", enc(next));
            let (status, headers, _) = send(&app, form("/sign-in").body(Body::from(body)).unwrap()).await;
            assert_eq!(status, StatusCode::SEE_OTHER);
            let location = headers[header::LOCATION].to_str().unwrap();
            assert!(stays_on_site(location), "sign-in with next={next:?} sent the browser to {location:?}");
            let expected = if password == "wrong" { "/sign-in?error=invalid" } else { "/staff" };
            assert_eq!(location, expected, "next={next:?} is dropped");
        }
        for lang in ["en", "cy"] {
            let (status, headers, _) = send(&app, get(&format!("/language/{lang}?next={}", enc(next)))).await;
            assert_eq!(status, StatusCode::SEE_OTHER);
            let location = headers[header::LOCATION].to_str().unwrap();
            assert!(
                stays_on_site(location),
                "/language/{lang} with next={next:?} sent the browser to {location:?}"
            );
            assert_eq!(location, if lang == "en" { "/" } else { "/cy" });
        }
    }
    // Paths on this site still work, with their queries.
    let body = format!(
        "email=officer@demo.cymuned.cymru&password={DEMO_PASSWORD}&lang=en&next={}",
        enc("/staff/intake?page=2")
    );
    let (_, headers, _) = send(&app, form("/sign-in").body(Body::from(body)).unwrap()).await;
    assert_eq!(headers[header::LOCATION], "/staff/intake?page=2");
    let (_, headers, _) =
        send(&app, get(&format!("/language/cy?next={}", enc("/report?place=ynys%20mon")))).await;
    assert_eq!(headers[header::LOCATION], "/cy/report?place=ynys%20mon");
});

fn forwarded_sign_in(ip: &str, email: &str) -> Request<Body> {
    let body = format!("email={}&password=wrong&lang=en", app::shell::encode_component(email));
    form("/sign-in").header("x-forwarded-for", ip).body(Body::from(body)).unwrap()
}

async fn audit_rows(db: &Db) -> (i64, i64) {
    use sqlx::Row;
    let row = sqlx::query("SELECT COUNT(*), CAST(COALESCE(MAX(LENGTH(actor_label)), 0) AS BIGINT) FROM audit_log WHERE action LIKE 'sign_in%'")
        .fetch_one(db.reader())
        .await
        .unwrap();
    (row.try_get::<i64, _>(0).unwrap(), row.try_get::<i64, _>(1).unwrap())
}

both_backends!(
    sign_in_attempts_are_limited_by_address_first_and_audited_bounded,
    |db: Db, url: String| async move {
        // 2 attempts per account, 8 per address (per IPv6 /64).
        let settings = app::config::Settings {
            trust_proxy: true,
            sign_in_attempts_per_15_minutes: 2,
            ..common::settings(&url)
        };
        let app = hub_with(db.clone(), settings).await;
        // A 60 KB "email" is refused and audited shortened, never whole.
        let huge = format!("{}@example.cymru", "a".repeat(60 * 1024));
        let (status, headers, _) = send(&app, forwarded_sign_in("203.0.113.50", &huge)).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(headers[header::LOCATION], "/sign-in?error=invalid");
        let (rows, longest) = audit_rows(&db).await;
        assert_eq!(rows, 1, "the failed attempt is audited");
        assert!(longest <= 254, "an audit label of {longest} characters");

        // One /64: eight attempts with eight different emails, then every further attempt from
        // anywhere in that /64 is refused and nothing more is written.
        for i in 0..8 {
            let (_, headers, _) = send(
                &app,
                forwarded_sign_in(&format!("2001:db8:77:1::{i:x}"), &format!("guess{i}@example.cymru")),
            )
            .await;
            assert_eq!(headers[header::LOCATION], "/sign-in?error=invalid", "attempt {i}");
        }
        let (before, _) = audit_rows(&db).await;
        assert_eq!(before, 9);
        for i in 0..20 {
            let ip = format!("2001:db8:77:1:{i:x}::99");
            let (_, headers, _) =
                send(&app, forwarded_sign_in(&ip, &format!("another{i}@example.cymru"))).await;
            assert_eq!(
                headers[header::LOCATION],
                "/sign-in?error=rate_limited",
                "{ip} shares the /64's limit"
            );
        }
        assert_eq!(audit_rows(&db).await.0, before, "an address over its limit writes no audit rows");
        let (_, headers, _) = send(&app, forwarded_sign_in("2001:db8:77:2::1", "guess0@example.cymru")).await;
        assert_eq!(headers[header::LOCATION], "/sign-in?error=invalid", "another /64 is another client");
    }
);

/// A tracing subscriber writing into a buffer, for tests that read what would be logged.
#[derive(Clone, Default)]
struct LogBuffer(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for LogBuffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

both_backends!(tokens_never_reach_the_log, |db: Db, url: String| async move {
    use sqlx::Row;
    use tower::ServiceExt;
    use tracing::instrument::WithSubscriber;
    let app = hub(db.clone(), &url).await;
    let buffer = LogBuffer::default();
    let writer = buffer.clone();
    let dispatch = tracing::Dispatch::new(
        tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .with_max_level(tracing::Level::INFO)
            .finish(),
    );
    let run = |req: Request<Body>| {
        let (app, dispatch) = (app.clone(), dispatch.clone());
        async move { app.oneshot(req).with_subscriber(dispatch).await.unwrap() }
    };
    let report = "lang=en&area=W06000015&category=litter&ward=W05000857&ongoing=on&description=Overflowing%20bins%20every%20weekend\
                  &anonymous=no&email=rhian%40example.cymru&consent=on";
    let res = run(form("/report").body(Body::from(report)).unwrap()).await;
    let tracking = res.headers()[header::LOCATION].to_str().unwrap().split('?').next().unwrap().to_string();
    let token = tracking.trim_start_matches("/track/").to_string();
    assert_eq!(token.len(), 64);
    let body: String =
        sqlx::query("SELECT body FROM outbox").fetch_one(db.reader()).await.unwrap().try_get(0).unwrap();
    let check =
        body.split("?e=").nth(1).unwrap().chars().take_while(char::is_ascii_hexdigit).collect::<String>();
    assert_eq!(check.len(), 64);
    let res = run(form("/report")
        .body(Body::from("lang=en&area=W06000015&category=litter&description=x"))
        .unwrap())
    .await;
    let draft_page = res.headers()[header::LOCATION].to_str().unwrap().to_string();
    let draft = draft_page.split("draft=").nth(1).unwrap().to_string();
    let enc = app::shell::encode_component;
    for path in [
        format!("{tracking}?e={check}"),
        format!("/cy{tracking}?new=1"),
        draft_page.clone(),
        format!("/language/cy?next={}", enc(&format!("{tracking}?e={check}"))),
        format!("/open311/v2/tokens/{token}.json?api_key=cym_x_{check}"),
    ] {
        run(get(&path)).await;
    }
    run(form(&format!("{tracking}/reply")).body(Body::from("lang=en&reply=Thanks")).unwrap()).await;
    let log = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("/track/[redacted]") && log.contains("draft=[redacted]"),
        "the requests were logged: {log}"
    );
    for secret in [&token, &check, &draft] {
        assert!(!log.contains(secret.as_str()), "a secret reached the log: {log}");
    }
});

/// (subject, body) of each email the file transport wrote into `dir`, decoded by Python.
fn mail_files(dir: &std::path::Path) -> Vec<(String, String)> {
    let script = "import email, email.header, glob, os, sys, json\n\
        out = []\n\
        for path in sorted(glob.glob(os.path.join(sys.argv[1], '*.eml'))):\n\
        \x20   m = email.message_from_binary_file(open(path, 'rb'))\n\
        \x20   subject = str(email.header.make_header(email.header.decode_header(m['subject'])))\n\
        \x20   out.append([subject, m.get_payload(decode=True).decode('utf-8')])\n\
        print(json.dumps(out))\n";
    let out = std::process::Command::new("python3").args(["-c", script]).arg(dir).output().unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)))
}

both_backends!(a_sent_email_leaves_no_link_in_the_outbox, |db: Db, url: String| async move {
    use sqlx::Row;
    let app = hub(db.clone(), &url).await;
    let dir = std::env::temp_dir().join(format!(
        "cymuned-tests-{}-mail-{}",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    ));
    let settings = app::config::Settings {
        mail_dir: dir.display().to_string(),
        smtp_url: None,
        ..common::settings(&url)
    };
    let mailer = app::mail::Mailer::from_settings(&settings).unwrap();
    let from: lettre::message::Mailbox = settings.mail_from.parse().unwrap();
    let report = "lang=en&area=W06000015&category=litter&ward=W05000857&ongoing=on&description=Overflowing%20bins%20every%20weekend\
                  &anonymous=no&email=rhian%40example.cymru&contact_language=en&consent=on";
    let (_, headers, _) = send(&app, form("/report").body(Body::from(report)).unwrap()).await;
    let token = headers[header::LOCATION]
        .to_str()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .trim_start_matches("/track/")
        .to_string();
    assert_eq!(app::mail::deliver_due(&db, &mailer, &from).await.unwrap(), 1);
    // The resident got the link ...
    let mail = mail_files(&dir);
    assert_eq!(mail.len(), 1);
    assert!(mail[0].1.contains(&format!("/track/{token}?e=")), "{}", mail[0].1);
    // ... and the outbox keeps who and what about, but no link, token or check.
    let row =
        sqlx::query("SELECT body, to_address, sent_at FROM outbox").fetch_one(db.reader()).await.unwrap();
    let body: String = row.try_get(0).unwrap();
    assert_eq!(body, app::db::outbox::SENT_BODY);
    assert!(!body.contains(&token) && !body.contains("/track/") && !body.contains("e="));
    assert_eq!(row.try_get::<String, _>(1).unwrap(), "rhian@example.cymru");
    assert!(row.try_get::<Option<i64>, _>(2).unwrap().is_some());
    let _ = std::fs::remove_dir_all(&dir);
});

both_backends!(an_email_given_up_leaves_no_link_in_the_outbox, |db: Db, url: String| async move {
    use sqlx::Row;
    let app = hub(db.clone(), &url).await;
    let report = "lang=en&area=W06000015&category=litter&ward=W05000857&ongoing=on&description=Overflowing%20bins%20every%20weekend\
                  &anonymous=no&email=rhian%40example.cymru&contact_language=en&consent=on";
    send(&app, form("/report").body(Body::from(report)).unwrap()).await;
    let id: i64 =
        sqlx::query("SELECT id FROM outbox").fetch_one(db.reader()).await.unwrap().try_get(0).unwrap();
    db::outbox::mark_failed(&db, id, 3, "connection refused").await.unwrap();
    let body: String =
        sqlx::query("SELECT body FROM outbox").fetch_one(db.reader()).await.unwrap().try_get(0).unwrap();
    assert!(body.contains("/track/"), "kept while it may still be sent");
    sqlx::query("UPDATE outbox SET attempts = $1 WHERE id = $2")
        .bind(db::outbox::MAX_ATTEMPTS)
        .bind(id)
        .execute(db.writer())
        .await
        .unwrap();
    db::outbox::mark_failed(&db, id, db::outbox::MAX_ATTEMPTS, "connection refused").await.unwrap();
    let row = sqlx::query("SELECT body, last_error FROM outbox").fetch_one(db.reader()).await.unwrap();
    assert_eq!(row.try_get::<String, _>(0).unwrap(), db::outbox::GIVEN_UP_BODY);
    assert_eq!(row.try_get::<String, _>(1).unwrap(), "connection refused");
});

/// A request body that never arrives: a phone that sent the headers and then nothing more.
struct NeverEnds;

impl http_body::Body for NeverEnds {
    type Data = axum::body::Bytes;
    type Error = std::convert::Infallible;
    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Pending
    }
}

#[test]
fn a_report_upload_that_never_finishes_is_cut_off() {
    use tower::ServiceExt;
    assert!(
        server::http::UPLOAD_TIMEOUT > std::time::Duration::from_secs(30),
        "longer than other pages: phones are slow"
    );
    assert!(server::http::UPLOAD_TIMEOUT <= std::time::Duration::from_secs(300), "but not for ever");
    common::RUNTIME.block_on(async {
        let (db, url) = common::database(common::Backend::Sqlite).await;
        let settings = common::settings(&url);
        let wards = server::startup::prepare(&settings, &db).await.unwrap();
        let options = leptos::prelude::LeptosOptions::builder().output_name("cymuned").build();
        let state = app::state::AppState::new(options, db, settings, wards);
        let app = server::http::router_with_upload_timeout(state, std::time::Duration::from_secs(1));
        let req = Request::post("/report")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .body(Body::new(NeverEnds))
            .unwrap();
        let started = std::time::Instant::now();
        let res = tokio::time::timeout(std::time::Duration::from_secs(30), app.oneshot(req))
            .await
            .expect("the hub gave up waiting for the upload")
            .unwrap();
        assert_eq!(res.status(), StatusCode::REQUEST_TIMEOUT);
        assert!(started.elapsed() >= std::time::Duration::from_secs(1));
    });
}
both_backends!(
    private_pages_are_not_kept_and_the_quick_exit_leaves_no_trace,
    |db: Db, url: String| async move {
        let app = hub(db.clone(), &url).await;
        let ward = db::reporting::area_wards(&db, "W06000015").await.unwrap()[0].code.clone();
        // A form that needs correcting comes back as a draft; the report, as a tracking page.
        let bad = format!("lang=en&area=W06000015&category=&ward={ward}&ongoing=on&description=Shouting%20in%20the%20street%20at%20night&anonymous=yes");
        let (_, headers, _) = send(&app, form("/report").body(Body::from(bad)).unwrap()).await;
        let draft = headers[header::LOCATION].to_str().unwrap().to_string();
        assert!(draft.contains("draft="), "{draft}");
        let good = format!("lang=cy&area=W06000015&category=asb-noise&ward={ward}&ongoing=on&description=Shouting%20in%20the%20street%20at%20night&anonymous=yes");
        let (_, headers, _) = send(&app, form("/report").body(Body::from(good)).unwrap()).await;
        let track = headers[header::LOCATION].to_str().unwrap().to_string();
        assert!(track.starts_with("/cy/track/"), "{track}");
        for path in [
            draft.as_str(),
            track.as_str(),
            &track.replacen("/cy", "", 1),
            "/report?area=W06000015",
            "/cy/case-review",
        ] {
            let (status, headers, _) = send(&app, get(path)).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            assert_eq!(
                headers.get(header::CACHE_CONTROL).map(|v| v.to_str().unwrap()),
                Some("no-store"),
                "{path} is not kept by the browser"
            );
        }
        // The quick exit replaces the page in the history where JavaScript runs (an inline script
        // with the response's nonce), and the safety text says so, in English and Welsh.
        let (_, headers, page) = send(&app, get("/report?area=W06000015")).await;
        let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_string();
        let nonce = policy.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap();
        let script = page
            .split(&format!("<script nonce=\"{nonce}\">"))
            .nth(1)
            .map(|s| s.split("</script>").next().unwrap().to_string())
            .unwrap_or_default();
        assert!(script.contains("location.replace(a.href)") && script.contains("a.quick-exit"), "{page}");
        let at = page.find(r#"class="quick-exit""#).expect("the quick exit");
        let link = &page[page[..at].rfind("<a ").unwrap()..at];
        assert!(
            link.contains(r#"href="https://www.bbc.co.uk/weather""#),
            "the link works without JavaScript: {link}"
        );
        assert!(page.contains("takes this page out of the Back button"));
        let (_, _, page) = send(&app, get("/cy/report?area=W06000015")).await;
        assert!(
            page.contains("tynnu&#x27;r dudalen hon o&#x27;r botwm Yn ôl")
                || page.contains("tynnu'r dudalen hon o'r botwm Yn ôl"),
            "in Welsh"
        );
    }
);

both_backends!(the_hidden_anti_spam_field_speaks_the_pages_language, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let (_, _, page) = send(&app, get("/report?area=W06000015")).await;
    assert!(page.contains(r#"<label for="website">Website (leave this empty)"#));
    let (_, _, page) = send(&app, get("/cy/report?area=W06000015")).await;
    assert!(
        page.contains(r#"<label for="website">Gwefan (gadewch hwn yn wag)"#) && !page.contains(">Website<"),
        "in Welsh on Welsh pages"
    );
});

both_backends!(a_deactivated_account_and_a_revoked_key_stop_at_once, |db: Db, url: String| async move {
    use app::staff::accounts;
    use sqlx::Row;
    let app = hub(db.clone(), &url).await;
    let officer = common::http::cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let (status, _, _) = send(&app, get_with_cookie("/staff/intake", &officer)).await;
    assert_eq!(status, StatusCode::OK);
    // Deactivated: the open session ends at once, and signing in again is refused.
    let (id, ended) = accounts::deactivate_account(&db, "Officer@demo.cymuned.cymru ")
        .await
        .unwrap()
        .expect("an active account");
    assert_eq!(ended, 1);
    let (status, headers, _) = send(&app, get_with_cookie("/staff/intake", &officer)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(headers[header::LOCATION].to_str().unwrap().starts_with("/sign-in"), "{headers:?}");
    let (_, headers) = sign_in(&app, "officer@demo.cymuned.cymru", accounts::DEMO_PASSWORD).await;
    assert!(session_cookie(&headers).is_none(), "sign-in refused");
    assert_eq!(
        accounts::deactivate_account(&db, "officer@demo.cymuned.cymru").await.unwrap(),
        None,
        "already deactivated"
    );
    let row =
        sqlx::query("SELECT record_id, actor_label FROM audit_log WHERE action = 'account_deactivated'")
            .fetch_one(db.reader())
            .await
            .unwrap();
    assert_eq!(
        (row.try_get::<String, _>(0).unwrap(), row.try_get::<String, _>(1).unwrap()),
        (id.to_string(), "cli".to_string())
    );

    // A revoked key is refused from the next request on; another partnership's key of the
    // same name is not touched.
    let key = accounts::create_api_key(&db, "cardiff", "analyst", "Dashboard", None).await.unwrap();
    let swansea_key = accounts::create_api_key(&db, "swansea", "analyst", "Dashboard", None).await.unwrap();
    let call = |k: &str| {
        Request::get("/api/v1/me")
            .header(header::AUTHORIZATION, format!("Bearer {k}"))
            .body(Body::empty())
            .unwrap()
    };
    assert_eq!(send(&app, call(&key)).await.0, StatusCode::OK);
    let revoked =
        accounts::revoke_api_key(&db, "cardiff", db::staff::ApiKeyChoice::Name("Dashboard")).await.unwrap();
    assert_eq!(revoked.len(), 1);
    assert_eq!(send(&app, call(&key)).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(send(&app, call(&swansea_key)).await.0, StatusCode::OK);
    assert!(
        accounts::revoke_api_key(&db, "cardiff", db::staff::ApiKeyChoice::Name("Dashboard"))
            .await
            .unwrap()
            .is_empty(),
        "already revoked"
    );
    let swansea_id: i64 =
        sqlx::query("SELECT id FROM api_keys WHERE csp_id = (SELECT id FROM csps WHERE slug = 'swansea')")
            .fetch_one(db.reader())
            .await
            .unwrap()
            .try_get(0)
            .unwrap();
    assert!(
        accounts::revoke_api_key(&db, "cardiff", db::staff::ApiKeyChoice::Id(swansea_id))
            .await
            .unwrap()
            .is_empty(),
        "only the CSP's own keys"
    );
    assert_eq!(
        accounts::revoke_api_key(&db, "swansea", db::staff::ApiKeyChoice::Id(swansea_id)).await.unwrap(),
        vec![swansea_id]
    );
    assert_eq!(send(&app, call(&swansea_key)).await.0, StatusCode::UNAUTHORIZED);
    let audited: i64 = sqlx::query("SELECT COUNT(*) FROM audit_log WHERE action = 'api_key_revoked'")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_eq!(audited, 2);
});

// Residents' pages are light: only a page holding an island (the report form's map) loads the
// browser bundle, with the response's nonce; static files go out as stored precompressed and,
// when their names carry a hash of their contents, are kept by browsers for a year.
both_backends!(islands_and_precompressed_static_files, |db: Db, url: String| async move {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let site = std::env::temp_dir().join(format!("cymuned-site-{}-{nanos}", std::process::id()));
    let pkg = site.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let hashed = "cymuned.Bx3f_9kQ-2mZ7wYt1aPq0c.wasm";
    std::fs::write(pkg.join(hashed), "plain wasm").unwrap();
    std::fs::write(pkg.join(format!("{hashed}.br")), "brotli wasm").unwrap();
    std::fs::write(pkg.join(format!("{hashed}.gz")), "gzip wasm").unwrap();
    std::fs::write(pkg.join("cymuned.css"), "body { margin: 0 }").unwrap();
    let settings = common::settings(&url);
    let wards = server::startup::prepare(&settings, &db).await.unwrap();
    let options = leptos::prelude::LeptosOptions::builder()
        .output_name("cymuned")
        .site_root(site.to_string_lossy().to_string())
        .build();
    let app = server::http::router(app::state::AppState::new(options, db, settings, wards));

    let fetch = |path: &str, encoding: &str| {
        Request::get(path).header(header::ACCEPT_ENCODING, encoding).body(Body::empty()).unwrap()
    };
    let path = format!("/pkg/{hashed}");
    for (accepts, encoding, stored) in [
        ("gzip, deflate, br", Some("br"), "brotli wasm"),
        ("gzip", Some("gzip"), "gzip wasm"),
        ("identity", None, "plain wasm"),
    ] {
        let (status, headers, body) = send(&app, fetch(&path, accepts)).await;
        assert_eq!(status, StatusCode::OK, "{accepts}");
        assert_eq!(headers.get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap()), encoding, "{accepts}");
        assert_eq!(body, stored, "{accepts}");
        assert!(headers
            .get_all(header::VARY)
            .iter()
            .any(|v| v.to_str().unwrap().contains("accept-encoding")));
        assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
    }
    // A name without a hash may change contents: not kept for a year.
    let (status, headers, _) = send(&app, fetch("/pkg/cymuned.css", "br")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.get(header::CACHE_CONTROL).is_none_or(|v| !v.to_str().unwrap().contains("immutable")));
    assert_eq!(send(&app, get("/pkg/cymuned.nothing.js")).await.0, StatusCode::NOT_FOUND);

    // The report form holds the map (an island): its script carries the response's nonce.
    let (status, headers, page) = send(&app, get("/cy/report?area=W06000015")).await;
    assert_eq!(status, StatusCode::OK);
    let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_string();
    let nonce = policy.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap();
    assert!(page.contains("<leptos-island"), "the map is an island");
    let at = page.find("hydrateIslands").expect("the islands' script");
    let tag = &page[page[..at].rfind("<script").unwrap()..at];
    assert!(tag.contains(&format!("nonce=\"{nonce}\"")), "{tag}");
    // Pages without an island load no bundle.
    for path in ["/", "/cy", "/report", "/cy/partnerships", "/sign-in"] {
        let (status, _, page) = send(&app, get(path)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(!page.contains("<leptos-island") && !page.contains("/pkg/cymuned.js"), "{path}");
    }
    let _ = std::fs::remove_dir_all(&site);
});

// The last string codes are outcomes: the same addresses, the words in the reader's language.
both_backends!(sign_in_report_and_reply_codes_are_outcomes, |db: Db, url: String| async move {
    let app = hub(db, &url).await;
    let (_, _, page) = send(&app, get("/cy/sign-in?error=missing")).await;
    assert!(page.contains(r#"id="sign-in-error""#), "the Welsh sign-in page says what is missing");
    let (_, _, page) = send(&app, get("/sign-in?error=nonsense")).await;
    assert!(!page.contains(r#"id="sign-in-error""#), "a code it does not know says nothing");
    // A report form that could not even be kept says so, in the reader's language.
    let (_, _, page) = send(&app, get("/cy/report?area=W06000015&error=unavailable")).await;
    assert!(
        page.contains("Aeth rhywbeth o&#39;i le ar ein hochr ni")
            || page.contains("Aeth rhywbeth o'i le ar ein hochr ni"),
        "the Welsh notice"
    );
    let (_, _, page) = send(&app, get("/report?area=W06000015")).await;
    assert!(!page.contains("Something went wrong on our side"));
});
