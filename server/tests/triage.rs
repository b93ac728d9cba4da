//! Triage over HTTP: who may do what (every role, signed out, another CSP, API keys), grading
//! rules, sanitisation, stale edits, partner sharing by handling code, the audited view of
//! contact details, and the resident told in their language. Each test runs on SQLite and on
//! PostgreSQL.

mod common;

use app::{
    db::{self, Db},
    staff::accounts::{self, NewAccount, DEMO_PASSWORD},
};
use axum::{body::Body, Router};
use common::http::{cookie_for, form, get, hub, json, page, send, with_cookie};
use http::{header, Request, StatusCode};
use sqlx::Row as _;

/// A named Welsh-speaking resident's report in Cardiff, who agreed to be contacted.
async fn welsh_report(app: &Router, db: &Db) -> String {
    let body = "lang=cy&area=W06000015&category=drugs&ward=&lat=51.4943&lon=-3.1812&ongoing=on\
                &description=Gwerthu%20cyffuriau%20o%20rif%204%20bob%20nos.%20Siân%20Roberts%20ydw%20i%2C%2007700%20900123\
                &anonymous=no&name=Si%C3%A2n%20Roberts&email=sian%40example.cymru&phone=07700%20900123&contact_language=cy&consent=on";
    let (status, _, _) = send(app, form("/report").body(Body::from(body)).unwrap()).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    sqlx::query("SELECT reference FROM reports ORDER BY id DESC LIMIT 1")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap()
}

async fn post(app: &Router, path: &str, cookie: &Option<String>, body: &str) -> (StatusCode, String) {
    let (status, headers, _) =
        send(app, with_cookie(form(path), cookie).body(Body::from(body.to_string())).unwrap()).await;
    (status, headers.get(header::LOCATION).map(|l| l.to_str().unwrap().to_string()).unwrap_or_default())
}

async fn version(db: &Db, reference: &str) -> i64 {
    sqlx::query("SELECT version FROM reports WHERE reference = $1")
        .bind(reference)
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap()
}

async fn extra_accounts(db: &Db) {
    for (email, role, csp, organisation) in [
        ("officer@swansea.example", "officer", "swansea", None),
        ("housing@cardiff.example", "partner", "cardiff", Some(("housing", "Cardiff Community Housing"))),
    ] {
        let account = NewAccount {
            email,
            display_name: email,
            password: DEMO_PASSWORD,
            role,
            csp_slug: csp,
            organisation,
            language: app::i18n::Lang::En,
            is_demo: false,
        };
        accounts::create_account(db, account, "test").await.unwrap();
    }
}

both_backends!(who_may_do_what, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    extra_accounts(&db).await;
    let reference = welsh_report(&app, &db).await;
    // A cohesion coordinator of South Wales holds the role in Cardiff (through the region).
    accounts::create_regional_account(
        &db,
        accounts::NewRegionalAccount {
            email: "coordinator@south-wales.example",
            display_name: "Coordinator",
            password: DEMO_PASSWORD,
            role: "cohesion_coordinator",
            region_slug: "south-wales",
            language: app::i18n::Lang::En,
            is_demo: false,
        },
        "test",
    )
    .await
    .unwrap();
    let people = [
        ("signed out", None),
        ("officer", Some(cookie_for(&app, "officer@demo.cymuned.cymru").await)),
        ("analyst", Some(cookie_for(&app, "analyst@demo.cymuned.cymru").await)),
        ("engagement lead", Some(cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await)),
        ("partner", Some(cookie_for(&app, "partner@demo.cymuned.cymru").await)),
        ("manager", Some(cookie_for(&app, "csp-manager@demo.cymuned.cymru").await)),
        ("admin", Some(cookie_for(&app, "admin@demo.cymuned.cymru").await)),
        ("Swansea officer", Some(cookie_for(&app, "officer@swansea.example").await)),
        ("cohesion coordinator", Some(cookie_for(&app, "coordinator@south-wales.example").await)),
    ];
    let report_path = format!("/staff/reports/{reference}");
    for (who, cookie) in &people {
        // (queue, report page, contact details, acknowledge, intelligence page)
        let expected: (u16, u16, bool, u16, u16) = match *who {
            "signed out" => (303, 303, false, 303, 303),
            "officer" | "manager" | "admin" => (200, 200, true, 303, 200),
            "analyst" => (200, 200, false, 403, 200),
            "engagement lead" => (403, 404, false, 404, 200),
            "partner" => (403, 404, false, 404, 200),
            "cohesion coordinator" => (403, 404, false, 404, 403),
            _ => (200, 404, false, 404, 200),
        };
        let (status, body) = page(&app, "/staff/intake", cookie).await;
        assert_eq!(status.as_u16(), expected.0, "{who}: queue");
        if status == StatusCode::OK {
            assert_eq!(
                body.contains(&reference),
                *who != "Swansea officer",
                "{who}: the queue lists only their CSP's reports"
            );
        }
        let (status, body) = page(&app, &format!("{report_path}?contact=show"), cookie).await;
        assert_eq!(status.as_u16(), expected.1, "{who}: report page");
        assert!(!body.contains("sian@example.cymru"), "{who}: no contact details from a link");
        let (_, _, body) = send(
            &app,
            with_cookie(form(&format!("{report_path}/contact")), cookie).body(Body::from("lang=en")).unwrap(),
        )
        .await;
        assert_eq!(
            body.contains("sian@example.cymru"),
            expected.2,
            "{who}: contact details, asked for with the button"
        );
        let (status, _) = page(&app, "/staff/intelligence", cookie).await;
        assert_eq!(status.as_u16(), expected.4, "{who}: intelligence page");
        let before = version(&db, &reference).await;
        let (status, location) =
            post(&app, &format!("{report_path}/acknowledge"), cookie, &format!("lang=en&version={before}"))
                .await;
        assert_eq!(status.as_u16(), expected.3, "{who}: acknowledge");
        if status == StatusCode::SEE_OTHER && cookie.is_some() {
            assert!(
                location.contains("done=acknowledged") || location.contains("error=stale"),
                "{who}: {location}"
            );
        } else {
            assert_eq!(version(&db, &reference).await, before, "{who}: nothing changed");
        }
    }
    // Every view of the contact details is in the audit log, by whom.
    let viewed: Vec<String> = sqlx::query("SELECT actor_label FROM audit_log WHERE action = 'reporter_contact_viewed' AND record_id = $1 ORDER BY id")
        .bind(&reference).fetch_all(db.reader()).await.unwrap().iter().map(|r| r.try_get(0).unwrap()).collect();
    assert_eq!(
        viewed,
        vec!["officer@demo.cymuned.cymru", "csp-manager@demo.cymuned.cymru", "admin@demo.cymuned.cymru"]
    );
    // A forged reference is not found; an unknown action too.
    let officer = &people[1].1;
    assert_eq!(page(&app, "/staff/reports/CYM-99-999999", officer).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        post(&app, "/staff/reports/CYM-99-999999/acknowledge", officer, "lang=en&version=0").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        post(
            &app,
            &format!("{report_path}/delete"),
            officer,
            &format!("lang=en&version={}", version(&db, &reference).await)
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
});

both_backends!(grading_sharing_and_stale_edits, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    extra_accounts(&db).await;
    let reference = welsh_report(&app, &db).await;
    let officer = Some(cookie_for(&app, "officer@demo.cymuned.cymru").await);
    let path = format!("/staff/reports/{reference}");
    // The suggested summary has the resident's name and numbers taken out.
    let (_, body) = page(&app, &path, &officer).await;
    assert!(
        body.contains("Gwerthu cyffuriau o rif 4 bob nos.") && body.contains("[removed]"),
        "a sanitised draft is offered"
    );
    let grade_body = |summary: &str, handling: &str, conditions: &str, shares: &[i64], v: i64| {
        let shares: String = shares.iter().map(|s| format!("&share={s}")).collect();
        format!("lang=en&version={v}&summary={summary}&source=2&intelligence=B&handling={handling}&conditions={conditions}&tension={shares}")
    };
    let fire: i64 =
        sqlx::query("SELECT id FROM organisations WHERE name = 'South Wales Fire and Rescue Service'")
            .fetch_one(db.reader())
            .await
            .unwrap()
            .try_get(0)
            .unwrap();
    let items = |db: Db| async move {
        sqlx::query("SELECT COUNT(*) FROM intelligence_items")
            .fetch_one(db.reader())
            .await
            .unwrap()
            .try_get::<i64, _>(0)
            .unwrap()
    };

    // Refused, nothing saved: C without conditions, a summary naming the resident, bad codes, a share outside the CSP.
    let v = version(&db, &reference).await;
    for (body, error) in [
        (grade_body("Dealing%20from%20a%20house", "C", "", &[fire], v), "conditions_required"),
        (grade_body("Si%C3%A2n%20Roberts%20saw%20dealing", "P", "", &[], v), "summary_identifies"),
        (grade_body("Dealing%20seen%2C%20call%2007700%20900123", "P", "", &[], v), "summary_identifies"),
        (grade_body("", "P", "", &[], v), "summary_required"),
        (grade_body("Dealing", "X", "", &[], v), "handling"),
        (grade_body("Dealing", "C", "Fire%20only", &[99_999], v), "share_unknown"),
        (format!("lang=en&version={v}&summary=Dealing&source=5&intelligence=B&handling=P"), "source"),
        (format!("lang=en&version={v}&summary=Dealing&source=1&intelligence=F&handling=P"), "intelligence"),
    ] {
        let (status, location) = post(&app, &format!("{path}/grade"), &officer, &body).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert!(location.contains(&format!("error={error}&kept=")), "{error}: {location}");
        // Back to the form as it was typed: nothing is lost.
        if error == "conditions_required" {
            let (_, page_body) = page(&app, &location, &officer).await;
            assert!(page_body.contains(">Dealing from a house</textarea>"), "the summary is kept");
            assert!(page_body.contains(&format!(r#"value="{fire}" checked"#)), "the share stays ticked");
            assert!(page_body.contains(r#"value="C" checked"#), "the handling code stays chosen");
        }
        if body.contains("Roberts") {
            let (_, page_body) = page(&app, &location, &officer).await;
            assert!(
                page_body.contains(">Siân Roberts saw dealing</textarea>"),
                "the refused summary is shown again to correct"
            );
        }
    }
    assert_eq!(items(db.clone()).await, 0);
    assert_eq!(version(&db, &reference).await, v, "nothing changed");

    // A C item shared with the fire service only.
    let (_, location) = post(
        &app,
        &format!("{path}/grade"),
        &officer,
        &grade_body(
            "Drug%20dealing%20from%20a%20house%20on%20the%20street%20most%20nights",
            "C",
            "Fire%20service%20only%3B%20not%20for%20onward%20sharing",
            &[fire],
            v,
        ),
    )
    .await;
    assert!(location.ends_with("done=graded"), "{location}");
    assert_eq!(items(db.clone()).await, 1);
    // The same form again (its version is now stale): refused, and the first grade stands.
    let (_, location) =
        post(&app, &format!("{path}/grade"), &officer, &grade_body("Something%20else", "P", "", &[], v))
            .await;
    assert!(location.contains("error=stale&kept="), "{location}");
    let summary: String = sqlx::query("SELECT summary FROM intelligence_items")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert!(summary.starts_with("Drug dealing"));
    // What was typed comes back in the form, with a link to the page as it is saved now.
    let (_, body) = page(&app, &location, &officer).await;
    assert!(
        body.contains(">Something else</textarea>")
            && body.contains("Someone else saved a change here while you were working"),
        "{body}"
    );
    assert!(body.contains(&format!(r#"href="/staff/reports/{reference}" target="_blank""#)), "{body}");
    let (_, body) = page(&app, &path, &officer).await;
    assert!(body.contains(">Drug dealing from a house"), "the page itself shows what is saved");
    // The grade and its share are audited with the change itself; the refused one left no entry.
    let graded: Vec<String> =
        sqlx::query("SELECT detail FROM audit_log WHERE action = 'report_graded' AND record_id = $1")
            .bind(&reference)
            .fetch_all(db.reader())
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get(0).unwrap())
            .collect();
    assert_eq!(graded, vec!["2B C → South Wales Fire and Rescue Service".to_string()]);

    // Partners: the fire service sees it with its conditions; housing does not; neither sees the resident.
    let fire_partner = Some(cookie_for(&app, "partner@demo.cymuned.cymru").await);
    let housing = Some(cookie_for(&app, "housing@cardiff.example").await);
    let (_, body) = page(&app, "/staff/intelligence", &fire_partner).await;
    assert!(
        body.contains("Drug dealing from a house") && body.contains("Fire service only"),
        "shared with the fire service"
    );
    for private in ["Siân", "sian@example.cymru", "07700", "Gwerthu cyffuriau"] {
        assert!(!body.contains(private), "partner sees {private}");
    }
    let (_, body) = page(&app, "/staff/intelligence", &housing).await;
    assert!(!body.contains("Drug dealing from a house"), "a C item is not shared with housing");
    // Re-graded P: every partner of the CSP sees it.
    let v = version(&db, &reference).await;
    let (_, location) = post(
        &app,
        &format!("{path}/grade"),
        &officer,
        &grade_body("Drug%20dealing%20from%20a%20house", "P", "", &[], v),
    )
    .await;
    assert!(location.ends_with("done=graded"), "{location}");
    let (_, body) = page(&app, "/staff/intelligence", &housing).await;
    assert!(body.contains("Drug dealing from a house"));
    let partner_views: i64 =
        sqlx::query("SELECT COUNT(*) FROM audit_log WHERE action = 'intelligence_viewed_by_partner'")
            .fetch_one(db.reader())
            .await
            .unwrap()
            .try_get(0)
            .unwrap();
    assert_eq!(partner_views, 3, "every partner view is audited");

    // Assign to an organisation of another CSP: refused. To the fire service: done.
    let swansea_org = db::staff::ensure_organisation(
        &db,
        db::reference::csp_by_slug(&db, "swansea").await.unwrap().unwrap().id,
        "police",
        "Swansea Police",
    )
    .await
    .unwrap();
    let v = version(&db, &reference).await;
    let (_, location) = post(
        &app,
        &format!("{path}/assign"),
        &officer,
        &format!("lang=en&version={v}&assignee=organisation:{swansea_org}"),
    )
    .await;
    assert!(location.ends_with("error=assignee"), "{location}");
    let (_, location) = post(
        &app,
        &format!("{path}/assign"),
        &officer,
        &format!("lang=en&version={v}&assignee=organisation:{fire}"),
    )
    .await;
    assert!(location.ends_with("done=assigned"), "{location}");
});

both_backends!(the_resident_is_told_in_welsh, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let reference = welsh_report(&app, &db).await;
    let officer = Some(cookie_for(&app, "officer@demo.cymuned.cymru").await);
    let path = format!("/staff/reports/{reference}");
    let v = version(&db, &reference).await;
    let (_, location) = post(
        &app,
        &format!("{path}/update"),
        &officer,
        &format!("lang=en&version={v}&status=action_scheduled&message="),
    )
    .await;
    assert!(location.ends_with("done=updated"), "{location}");
    // The standard wording in the resident's language, on the timeline and by email.
    let (status, message): (String, String) = {
        let r = sqlx::query(
            "SELECT status, message FROM report_updates WHERE message IS NOT NULL ORDER BY id DESC LIMIT 1",
        )
        .fetch_one(db.reader())
        .await
        .unwrap();
        (r.try_get(0).unwrap(), r.try_get(1).unwrap())
    };
    assert_eq!(status, "action_scheduled");
    assert_eq!(message, "Mae camau wedi'u cynllunio mewn ymateb i'ch adroddiad.");
    let email = sqlx::query("SELECT to_address, subject, body FROM outbox WHERE subject LIKE 'Diweddariad%'")
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert_eq!(email.try_get::<String, _>(0).unwrap(), "sian@example.cymru");
    assert!(email.try_get::<String, _>(1).unwrap().contains(&reference));
    assert!(email.try_get::<String, _>(2).unwrap().contains("Mae camau wedi'u cynllunio"));
    let (state, acknowledged): (String, Option<i64>) = {
        let r = sqlx::query("SELECT status, acknowledged_at FROM reports WHERE reference = $1")
            .bind(&reference)
            .fetch_one(db.reader())
            .await
            .unwrap();
        (r.try_get(0).unwrap(), r.try_get(1).unwrap())
    };
    assert_eq!(state, "action_scheduled");
    assert!(acknowledged.is_some(), "an update acknowledges the report");
    // A message over the limit and an unknown status: refused.
    let v = version(&db, &reference).await;
    let (_, location) = post(
        &app,
        &format!("{path}/update"),
        &officer,
        &format!("lang=en&version={v}&status=fixed&message={}", "x".repeat(2001)),
    )
    .await;
    assert!(location.contains("error=message_too_long&kept="), "{location}");
    // The long message comes back to be shortened, with the status chosen.
    let (_, body) = page(&app, &location, &officer).await;
    assert!(
        body.contains(&format!(">{}</textarea>", "x".repeat(2001)))
            && body.contains(r#"value="fixed" selected"#),
        "the update is kept"
    );
    let (_, location) =
        post(&app, &format!("{path}/update"), &officer, &format!("lang=en&version={v}&status=solved")).await;
    assert!(location.contains("error=status&kept="), "{location}");
    assert_eq!(version(&db, &reference).await, v);
    // The queue: counts, filters.
    let (_, body) = page(&app, "/staff/intake?status=closed", &officer).await;
    assert!(!body.contains(&reference));
    let (_, body) = page(&app, "/staff/intake?status=open&category=drugs&sort=risk", &officer).await;
    assert!(body.contains(&reference));
    let (_, body) = page(&app, "/staff/intake?status=new", &officer).await;
    assert!(!body.contains(&reference), "acknowledged reports are not new");
    let (_, body) = page(&app, "/staff/intake?status=all&older_than=7", &officer).await;
    assert!(!body.contains(&reference), "a report of today is not older than a week");
    let (_, body) = page(&app, "/staff/intake?status=all&older_than=", &officer).await;
    assert!(body.contains(&reference));
});

both_backends!(the_rest_api_by_role, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let reference = welsh_report(&app, &db).await;
    let officer = Some(cookie_for(&app, "officer@demo.cymuned.cymru").await);
    let v = version(&db, &reference).await;
    let path = format!("/staff/reports/{reference}");
    post(
        &app,
        &format!("{path}/grade"),
        &officer,
        &format!("lang=en&version={v}&summary=Dealing%20at%20a%20house&source=2&intelligence=B&handling=P"),
    )
    .await;
    let key = |role: &'static str, csp: &'static str| {
        let db = db.clone();
        async move {
            let organisation = (role == "partner").then_some(("fire", "South Wales Fire and Rescue Service"));
            accounts::create_api_key(&db, csp, role, &format!("{csp} {role}"), organisation).await.unwrap()
        }
    };
    let call = |method: &str, path: &str, key: &str, body: Option<&str>| {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {key}"));
        if body.is_some() {
            req = req.header(header::CONTENT_TYPE, "application/json");
        }
        req.body(Body::from(body.unwrap_or("").to_string())).unwrap()
    };
    let update = r#"{"status": "in_progress", "message": "Patrols booked for this week."}"#;
    // (role, csp) -> (intelligence, report, update, audit)
    for (role, csp, expected) in [
        ("officer", "cardiff", (200, 200, 201, 403)),
        ("analyst", "cardiff", (200, 200, 403, 403)),
        ("engagement_lead", "cardiff", (200, 403, 403, 403)),
        ("partner", "cardiff", (200, 200, 404, 403)),
        ("csp_manager", "cardiff", (200, 200, 201, 200)),
        ("officer", "swansea", (200, 404, 404, 403)),
    ] {
        let k = key(role, csp).await;
        let (status, _, body) = send(&app, call("GET", "/api/v1/intelligence", &k, None)).await;
        assert_eq!(status.as_u16(), expected.0, "{role} {csp}: intelligence");
        let items = json(&body)["items"].as_array().unwrap().len();
        assert_eq!(items, usize::from(csp == "cardiff"), "{role} {csp}: items of its own CSP only");
        let (status, _, body) =
            send(&app, call("GET", &format!("/api/v1/reports/{reference}"), &k, None)).await;
        assert_eq!(status.as_u16(), expected.1, "{role} {csp}: report: {body}");
        assert!(
            !body.contains("sian@example.cymru") && !body.contains("Roberts\""),
            "{role}: never the reporter"
        );
        if role == "partner" {
            assert!(json(&body).get("description").is_none(), "a partner never gets the resident's words");
        }
        let (status, _, body) =
            send(&app, call("POST", &format!("/api/v1/reports/{reference}/updates"), &k, Some(update))).await;
        assert_eq!(status.as_u16(), expected.2, "{role} {csp}: update: {body}");
        let (status, _, _) = send(&app, call("GET", "/api/v1/audit", &k, None)).await;
        assert_eq!(status.as_u16(), expected.3, "{role} {csp}: audit");
    }
    // A partner system may update a report once it is assigned to its organisation.
    let fire: i64 =
        sqlx::query("SELECT id FROM organisations WHERE name = 'South Wales Fire and Rescue Service'")
            .fetch_one(db.reader())
            .await
            .unwrap()
            .try_get(0)
            .unwrap();
    let v = version(&db, &reference).await;
    post(
        &app,
        &format!("{path}/assign"),
        &officer,
        &format!("lang=en&version={v}&assignee=organisation:{fire}"),
    )
    .await;
    let partner = key("partner", "cardiff").await;
    let (status, _, body) = send(
        &app,
        call(
            "POST",
            &format!("/api/v1/reports/{reference}/updates"),
            &partner,
            Some(r#"{"status": "fixed", "message": ""}"#),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(
        json(&body)["message"],
        "Mae'r broblem y rhoesoch wybod amdani wedi'i datrys. Diolch am ddweud wrthym.",
        "the template in the resident's language"
    );
    // Bad input: a clear error, nothing changed.
    let manager = key("csp_manager", "cardiff").await;
    let v = version(&db, &reference).await;
    for (body, code) in [
        (r#"{"status": "solved"}"#, "invalid_status"),
        ("not json", "invalid_body"),
        (r#"{"message": "no status"}"#, "invalid_body"),
    ] {
        let (status, _, answer) =
            send(&app, call("POST", &format!("/api/v1/reports/{reference}/updates"), &manager, Some(body)))
                .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(json(&answer)["code"], code);
    }
    let (status, _, _) =
        send(&app, call("POST", "/api/v1/reports/CYM-99-999999/updates", &manager, Some(update))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(version(&db, &reference).await, v);
    // The update reached the public side: the tracking timeline and Open311.
    let (_, _, body) = send(&app, get(&format!("/open311/v2/requests/{reference}.json"))).await;
    assert_eq!(json(&body)[0]["status"], "closed");
    let (status, _, _) = send(&app, get("/api/v1/audit")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
});

both_backends!(questions_categories_and_links, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let reference = welsh_report(&app, &db).await;
    let second = welsh_report(&app, &db).await;
    let officer = Some(cookie_for(&app, "officer@demo.cymuned.cymru").await);
    let path = format!("/staff/reports/{reference}");
    // Ask the resident: on their tracking page, and by email in Welsh.
    let v = version(&db, &reference).await;
    let (_, location) =
        post(&app, &format!("{path}/ask"), &officer, &format!("lang=en&version={v}&question=")).await;
    assert!(location.contains("error=question_required&kept="), "{location}");
    let (_, location) = post(
        &app,
        &format!("{path}/ask"),
        &officer,
        &format!("lang=en&version={v}&question=Pa%20amser%20mae'n%20digwydd%3F"),
    )
    .await;
    assert!(location.ends_with("done=asked"), "{location}");
    let subject: String = sqlx::query("SELECT subject FROM outbox WHERE subject LIKE 'Cwestiwn%'")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_eq!(subject, format!("Cwestiwn am eich adroddiad {reference}"));
    // The resident answers through their private link (the token is known only to them: the
    // test reads it from the redirect the report form gave).
    let token = {
        let body = "lang=cy&area=W06000015&category=graffiti&ward=&lat=51.4943&lon=-3.1812&ongoing=on&description=Graffiti%20ar%20y%20wal&anonymous=yes";
        let (_, headers, _) = send(&app, form("/report").body(Body::from(body)).unwrap()).await;
        headers[header::LOCATION]
            .to_str()
            .unwrap()
            .split('/')
            .nth(3)
            .unwrap()
            .split('?')
            .next()
            .unwrap()
            .to_string()
    };
    let third: String = sqlx::query("SELECT reference FROM reports ORDER BY id DESC LIMIT 1")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    // No question yet: a reply is not taken.
    let (_, headers, _) =
        send(&app, form(&format!("/track/{token}/reply")).body(Body::from("lang=cy&reply=Helo")).unwrap())
            .await;
    assert!(!headers[header::LOCATION].to_str().unwrap().contains("replied"));
    let v = version(&db, &third).await;
    post(
        &app,
        &format!("/staff/reports/{third}/ask"),
        &officer,
        &format!("lang=en&version={v}&question=Ble%20yn%20union%3F"),
    )
    .await;
    let (_, _, page_before) = send(&app, get(&format!("/cy/track/{token}"))).await;
    assert!(
        page_before.contains("Cwestiwn gan y bartneriaeth")
            && page_before.contains("Ble yn union?")
            && page_before.contains("Anfon ateb")
    );
    let (_, headers, _) = send(
        &app,
        form(&format!("/track/{token}/reply"))
            .body(Body::from(format!("lang=cy&reply={}", "x".repeat(2001))))
            .unwrap(),
    )
    .await;
    assert!(headers[header::LOCATION].to_str().unwrap().contains("reply_error=1"));
    let (_, headers, _) = send(
        &app,
        form(&format!("/track/{token}/reply"))
            .body(Body::from("lang=cy&reply=Ar%20wal%20y%20llyfrgell"))
            .unwrap(),
    )
    .await;
    assert!(headers[header::LOCATION].to_str().unwrap().ends_with("?replied=1"));
    let (_, _, page_after) = send(&app, get(&format!("/cy/track/{token}?replied=1"))).await;
    assert!(
        page_after.contains("Eich ateb")
            && page_after.contains("Ar wal y llyfrgell")
            && !page_after.contains("Anfon ateb")
    );
    let (_, body) = page(&app, &format!("/staff/reports/{third}"), &officer).await;
    assert!(body.contains("The resident replied") && body.contains("Ar wal y llyfrgell"));
    assert_eq!(
        send(&app, form("/track/not-a-token/reply").body(Body::from("lang=en&reply=hi")).unwrap()).await.0,
        StatusCode::NOT_FOUND
    );
    // Questions and replies stay between the resident and the partnership: never in Open311.
    let (_, _, public) = send(&app, get(&format!("/open311/v2/requests/{third}.json"))).await;
    assert!(
        public.contains(&third) && !public.contains("Ble yn union") && !public.contains("llyfrgell"),
        "{public}"
    );
    let (_, _, updates) =
        send(&app, get("/open311/v2/servicerequestupdates.xml?start_date=2020-01-01")).await;
    assert!(!updates.contains("Ble yn union") && !updates.contains("llyfrgell"), "{updates}");

    // Reclassify: a hate incident becomes sensitive.
    let v = version(&db, &reference).await;
    let (_, location) = post(
        &app,
        &format!("{path}/classify"),
        &officer,
        &format!("lang=en&version={v}&category=hate&hate_strands=race"),
    )
    .await;
    assert!(location.ends_with("done=classified"), "{location}");
    let sensitive: i64 = sqlx::query("SELECT sensitive FROM reports WHERE reference = $1")
        .bind(&reference)
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_eq!(sensitive, 1);
    let v = version(&db, &reference).await;
    for body in [
        format!("lang=en&version={v}&category=potholes"),
        format!("lang=en&version={v}&category=asb-noise&asb_qualifier=loud"),
    ] {
        let (_, location) = post(&app, &format!("{path}/classify"), &officer, &body).await;
        assert!(location.ends_with("error=category"), "{location}");
    }

    // Links: suggested (same place, same family, the next minute), linked as a duplicate; never to itself or across CSPs.
    let second_path = format!("/staff/reports/{second}");
    let (_, body) = page(&app, &second_path, &officer).await;
    assert!(body.contains("Possible duplicates and repeats"));
    let v = version(&db, &second).await;
    let (_, location) = post(
        &app,
        &format!("{second_path}/link"),
        &officer,
        &format!("lang=en&version={v}&other={second}&kind=duplicate"),
    )
    .await;
    assert!(location.ends_with("error=link_self"));
    let swansea = welsh_swansea_report(&app, &db).await;
    let (_, location) = post(
        &app,
        &format!("{second_path}/link"),
        &officer,
        &format!("lang=en&version={v}&other={swansea}&kind=repeat"),
    )
    .await;
    assert!(location.ends_with("error=link_unknown"), "another CSP's report is unknown here");
    let (_, location) = post(
        &app,
        &format!("{second_path}/link"),
        &officer,
        &format!("lang=en&version={v}&other={reference}&kind=duplicate"),
    )
    .await;
    assert!(location.ends_with("done=linked"), "{location}");
    let status: String = sqlx::query("SELECT status FROM reports WHERE reference = $1")
        .bind(&second)
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_eq!(status, "duplicate", "a duplicate is closed as one");
    let (_, body) = page(&app, &path, &officer).await;
    assert!(body.contains(&second) && body.contains("a duplicate of this report"));
    // The other way round would close both: refused.
    let v = version(&db, &reference).await;
    let (_, location) = post(
        &app,
        &format!("{path}/link"),
        &officer,
        &format!("lang=en&version={v}&other={second}&kind=duplicate"),
    )
    .await;
    assert!(location.ends_with("error=link_loop"), "{location}");
});

async fn welsh_swansea_report(app: &Router, db: &Db) -> String {
    let body = "lang=en&area=W06000011&category=litter&ward=&lat=51.6214&lon=-3.9436&ongoing=on&description=Litter%20on%20the%20beach%20front&anonymous=yes";
    let (status, _, _) = send(app, form("/report").body(Body::from(body)).unwrap()).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    sqlx::query("SELECT reference FROM reports ORDER BY id DESC LIMIT 1")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap()
}

both_backends!(teams_take_reports, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let reference = welsh_report(&app, &db).await;
    let manager = Some(cookie_for(&app, "csp-manager@demo.cymuned.cymru").await);
    let officer = Some(cookie_for(&app, "officer@demo.cymuned.cymru").await);
    // A manager makes a team and puts the officer in it; officers cannot.
    let (_, location) =
        post(&app, "/staff/teams/create", &officer, "lang=en&csp=cardiff&name=Night-time%20economy").await;
    assert!(location.ends_with("error=forbidden"), "{location}");
    let (_, location) =
        post(&app, "/staff/teams/create", &manager, "lang=en&csp=cardiff&name=Night-time%20economy").await;
    assert!(location.ends_with("done=team_created"), "{location}");
    let (_, location) =
        post(&app, "/staff/teams/create", &manager, "lang=en&csp=cardiff&name=Night-time%20economy").await;
    assert!(location.ends_with("error=team_exists"));
    let team: i64 =
        sqlx::query("SELECT id FROM teams").fetch_one(db.reader()).await.unwrap().try_get(0).unwrap();
    let (_, location) = post(
        &app,
        "/staff/teams/add",
        &manager,
        &format!("lang=en&csp=cardiff&team={team}&email=officer%40demo.cymuned.cymru"),
    )
    .await;
    assert!(location.ends_with("done=team_changed"), "{location}");
    let (_, location) = post(
        &app,
        "/staff/teams/add",
        &manager,
        &format!("lang=en&csp=cardiff&team={team}&email=nobody%40example.org"),
    )
    .await;
    assert!(location.ends_with("error=no_account"));
    let (_, body) = page(&app, "/staff/team", &manager).await;
    assert!(body.contains("Night-time economy") && body.contains("Demo officer"));
    // The report goes to the team; its members see it as theirs.
    let v = version(&db, &reference).await;
    let (_, location) = post(
        &app,
        &format!("/staff/reports/{reference}/assign"),
        &officer,
        &format!("lang=en&version={v}&assignee=team:{team}"),
    )
    .await;
    assert!(location.ends_with("done=assigned"), "{location}");
    let (_, body) = page(&app, "/staff/intake?mine=on", &officer).await;
    assert!(body.contains(&reference) && body.contains("Night-time economy"));
    let (_, body) = page(&app, "/staff/intake?mine=on", &manager).await;
    assert!(!body.contains(&reference), "not the manager's: they are not in the team");
    // Another CSP's team cannot take this report.
    let swansea = db::reference::csp_by_slug(&db, "swansea").await.unwrap().unwrap().id;
    db::staff::create_team(&db, swansea, "Swansea team").await.unwrap();
    let other: i64 = sqlx::query("SELECT id FROM teams WHERE name = 'Swansea team'")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    let v = version(&db, &reference).await;
    let (_, location) = post(
        &app,
        &format!("/staff/reports/{reference}/assign"),
        &officer,
        &format!("lang=en&version={v}&assignee=team:{other}"),
    )
    .await;
    assert!(location.ends_with("error=assignee"), "{location}");
    // Managers set how far apart duplicates may be suggested.
    let settings = "lang=en&csp=cardiff&acknowledge_days=2&trigger_reports=3&trigger_window_days=183&review_acknowledge_days=5&review_decide_days=15&link_window_days=30&link_distance_metres=250";
    let (_, location) = post(&app, "/staff/settings", &manager, settings).await;
    assert!(location.contains("done=settings"), "{location}");
    let cardiff = db::reference::csp_by_slug(&db, "cardiff").await.unwrap().unwrap().id;
    let rules = db::trigger::rules(&db, cardiff).await.unwrap();
    assert_eq!((rules.link_window_days, rules.link_distance_metres), (30, 250));
    let (_, location) = post(
        &app,
        "/staff/settings",
        &manager,
        &settings.replace("link_distance_metres=250", "link_distance_metres=99999"),
    )
    .await;
    assert!(location.ends_with("error=invalid"));
});

both_backends!(an_officer_finds_a_report_by_its_reference, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    extra_accounts(&db).await;
    let reference = welsh_report(&app, &db).await;
    let officer = Some(cookie_for(&app, "officer@demo.cymuned.cymru").await);
    // Closed, so the queue's usual filter (open reports) would not show it.
    let v = version(&db, &reference).await;
    let (_, location) = post(
        &app,
        &format!("/staff/reports/{reference}/update"),
        &officer,
        &format!("lang=en&version={v}&status=fixed&message="),
    )
    .await;
    assert!(location.ends_with("done=updated"), "{location}");
    let link = format!(r#"href="/staff/reports/{reference}""#);
    let (_, body) = page(&app, "/staff/intake", &officer).await;
    assert!(!body.contains(&link), "closed reports are not in the usual queue");
    // As read out on the phone: lower case, spaces, no leading zeros.
    let (year, sequence) = (&reference[4..6], reference[7..].trim_start_matches('0'));
    let (status, body) =
        page(&app, &format!("/staff/intake?reference=cym%20{year}%20{sequence}"), &officer).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(&link), "found whatever its status");
    assert!(body.contains(&format!("Report {reference} is shown below, whatever its status.")), "{body}");
    assert!(
        body.contains(&format!(r#"value="cym {year} {sequence}""#)),
        "the search box keeps what was typed"
    );
    // Another partnership's officer: not there, and told so.
    let swansea = Some(cookie_for(&app, "officer@swansea.example").await);
    let (status, body) = page(&app, &format!("/staff/intake?reference={reference}"), &swansea).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains(&link));
    assert!(body.contains(&format!("There is no report {reference} in Safer Swansea CSP.")), "{body}");
    // Not a reference at all: said on the field, in Welsh on a Welsh page; the queue is still shown.
    let (_, body) = page(&app, "/cy/staff/intake?reference=PP-26-0001", &officer).await;
    assert!(body.contains("Nid yw “PP-26-0001” yn gyfeirnod adroddiad."), "{body}");
    assert!(body.contains(r#"aria-invalid="true""#));
    assert!(body.contains(r#"id="queue-caption""#));
});

async fn outbox_to(db: &Db, address: &str) -> i64 {
    sqlx::query("SELECT COUNT(*) FROM outbox WHERE to_address = $1")
        .bind(address)
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap()
}

async fn report_of(app: &Router, db: &Db, body: &str) -> String {
    let (status, headers, _) = send(app, form("/report").body(Body::from(body.to_string())).unwrap()).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(headers[header::LOCATION].to_str().unwrap().contains("/track/"), "{headers:?}");
    sqlx::query("SELECT reference FROM reports ORDER BY id DESC LIMIT 1")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap()
}

// Residents' safety: no email about a report without the resident's consent, and none at all
// when they left a safe-contact note ("phone only, my partner reads my email"); such a report
// is flagged for a person and officers see why no email went.
both_backends!(
    no_email_without_consent_and_none_with_a_safe_contact_note,
    |db: Db, url: String| async move {
        let app = hub(db.clone(), &url).await;
        let officer = Some(cookie_for(&app, "officer@demo.cymuned.cymru").await);
        let place = "lang=en&area=W06000015&ward=&lat=51.4943&lon=-3.1812&ongoing=on&anonymous=no";
        // An address, consent not ticked: no confirmation, no update, no question by email.
        let unticked = report_of(
            &app,
            &db,
            &format!(
                "{place}&category=litter&description=Overflowing%20bins%20again&email=owain%40example.cymru"
            ),
        )
        .await;
        // A hate incident, consent ticked, with a safe-contact note: nothing by email either.
        let victim = report_of(
        &app,
        &db,
        &format!("{place}&category=hate&hate_strands=race&description=Abuse%20shouted%20at%20us%20again&email=amira%40example.cymru&consent=on&safe_contact=Phone%20only%2C%20my%20partner%20reads%20my%20email"),
    )
    .await;
        // The control: consent ticked, no note: emailed.
        let agreed = report_of(&app, &db, &format!("{place}&category=graffiti&description=Tags%20on%20the%20school%20wall&email=bryn%40example.cymru&consent=on")).await;
        assert_eq!(outbox_to(&db, "owain@example.cymru").await, 0, "no confirmation without consent");
        assert_eq!(
            outbox_to(&db, "amira@example.cymru").await,
            0,
            "no confirmation with a safe-contact note"
        );
        assert_eq!(outbox_to(&db, "bryn@example.cymru").await, 1, "the confirmation when they agreed");
        for reference in [&unticked, &victim, &agreed] {
            let path = format!("/staff/reports/{reference}");
            let v = version(&db, reference).await;
            let (_, location) = post(
                &app,
                &format!("{path}/update"),
                &officer,
                &format!("lang=en&version={v}&status=investigating&message=We%20are%20looking%20into%20it"),
            )
            .await;
            assert!(location.ends_with("done=updated"), "{location}");
            let v = version(&db, reference).await;
            let (_, location) = post(
                &app,
                &format!("{path}/ask"),
                &officer,
                &format!("lang=en&version={v}&question=When%20does%20it%20happen%3F"),
            )
            .await;
            assert!(location.ends_with("done=asked"), "{location}");
        }
        assert_eq!(
            outbox_to(&db, "owain@example.cymru").await,
            0,
            "no update or question email without consent"
        );
        assert_eq!(
            outbox_to(&db, "amira@example.cymru").await,
            0,
            "no update or question email with a safe-contact note"
        );
        assert_eq!(
            outbox_to(&db, "bryn@example.cymru").await,
            3,
            "confirmation, update and question when they agreed"
        );
        // A duplicate's closing message follows the same rule.
        let v = version(&db, &victim).await;
        let (_, location) = post(
            &app,
            &format!("/staff/reports/{victim}/link"),
            &officer,
            &format!("lang=en&version={v}&other={agreed}&kind=duplicate"),
        )
        .await;
        assert!(location.ends_with("done=linked"), "{location}");
        assert_eq!(outbox_to(&db, "amira@example.cymru").await, 0, "nor when closed as a duplicate");
        // Officers see why no email goes, and the safe-contact report is flagged for a person.
        let (_, body) = page(&app, &format!("/staff/reports/{unticked}"), &officer).await;
        assert!(body.contains("did not agree to be emailed"), "the reason is shown");
        let (_, body) = page(&app, &format!("/staff/reports/{victim}"), &officer).await;
        assert!(
            body.contains("left a safe-contact note") && body.contains("Safe contact"),
            "flagged on the report"
        );
        let (_, body) = page(&app, &format!("/cy/staff/reports/{victim}"), &officer).await;
        assert!(body.contains("nodyn cyswllt diogel"), "and in Welsh");
        let (_, queue) = page(&app, "/staff/intake?status=all", &officer).await;
        let row =
            queue.split("<tr").find(|r| r.contains(victim.as_str())).expect("the report is in the queue");
        assert!(row.contains("Safe contact"), "flagged in the queue: {row}");
        let row =
            queue.split("<tr").find(|r| r.contains(agreed.as_str())).expect("the report is in the queue");
        assert!(!row.contains("Safe contact"), "only that one: {row}");
    }
);

// Residents' safety: a message to the resident is theirs alone. Only an explicit public note,
// checked for the reporter's identity, reaches Open311; the API's updates follow the same rule;
// a question, a reply or an app's comment never moves the public `updated_datetime`.
both_backends!(messages_to_the_resident_are_never_published, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let officer = Some(cookie_for(&app, "officer@demo.cymuned.cymru").await);
    let body = "lang=en&area=W06000015&category=graffiti&ward=&lat=51.4943&lon=-3.1812&ongoing=on&description=Tags%20on%20the%20chapel%20wall\
                &anonymous=no&name=Gwilym%20Prys&email=gwilym%40example.cymru&phone=07700%20900456&consent=on";
    let reference = report_of(&app, &db, body).await;
    let path = format!("/staff/reports/{reference}");
    let open311 = || async { send(&app, get(&format!("/open311/v2/requests/{reference}.json"))).await.2 };
    let updates =
        || async { send(&app, get("/open311/v2/servicerequestupdates.json?start_date=2020-01-01")).await.2 };
    // The message names the resident (it is for them): kept from the public.
    let v = version(&db, &reference).await;
    let (_, location) = post(
        &app,
        &format!("{path}/update"),
        &officer,
        &format!(
            "lang=en&version={v}&status=in_progress&message=Thank%20you%20Gwilym%2C%20we%20will%20ring%20you"
        ),
    )
    .await;
    assert!(location.ends_with("done=updated"), "{location}");
    let (public, listed) = (open311().await, updates().await);
    assert!(
        !public.contains("Gwilym") && !listed.contains("Gwilym"),
        "the resident's message is not published: {public} {listed}"
    );
    assert_eq!(json(&public)[0]["status"], "open");
    assert!(json(&public)[0]["status_notes"].is_null(), "{public}");
    // A public note naming the resident, or giving their phone, is refused and kept as typed.
    for note in ["Gwilym%20Prys%20reported%20it", "Call%2007700%20900456"] {
        let v = version(&db, &reference).await;
        let (_, location) = post(
            &app,
            &format!("{path}/update"),
            &officer,
            &format!("lang=en&version={v}&status=in_progress&message=&public_note={note}"),
        )
        .await;
        assert!(location.contains("error=public_note_identifies&kept="), "{location}");
        let (_, page_body) = page(&app, &location, &officer).await;
        assert!(page_body.contains("The public note still names the resident"), "explained");
    }
    // A clean public note is published, and only it.
    let v = version(&db, &reference).await;
    let (_, location) = post(&app, &format!("{path}/update"), &officer, &format!("lang=en&version={v}&status=action_scheduled&message=Diolch%20Gwilym&public_note=Cleaning%20booked%20for%20Friday.")).await;
    assert!(location.ends_with("done=updated"), "{location}");
    let (public, listed) = (open311().await, updates().await);
    assert_eq!(json(&public)[0]["status_notes"], "Cleaning booked for Friday.");
    assert!(
        listed.contains("Cleaning booked for Friday.")
            && !listed.contains("Gwilym")
            && !public.contains("Gwilym"),
        "{listed}"
    );
    // The form says which text goes where.
    let (_, form_page) = page(&app, &path, &officer).await;
    assert!(
        form_page.contains("Only for the resident")
            && form_page.contains("Published for other apps and the public")
    );

    // The API: the same rule for its updates.
    let key = accounts::create_api_key(&db, "cardiff", "officer", "case system", None).await.unwrap();
    let call = |body: &'static str| {
        Request::post(format!("/api/v1/reports/{reference}/updates"))
            .header(header::AUTHORIZATION, format!("Bearer {key}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap()
    };
    let (status, _, answer) = send(
        &app,
        call(
            r#"{"status": "fixed", "message": "All done, Gwilym", "public_note": "Gwilym's wall is clean"}"#,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert_eq!(json(&answer)["code"], "public_note_identifies");
    let (status, _, answer) = send(&app, call(r#"{"status": "fixed", "message": "All done, Gwilym"}"#)).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let public = open311().await;
    assert_eq!(json(&public)[0]["status"], "closed");
    assert!(
        !public.contains("All done") && !updates().await.contains("All done"),
        "the API's message stays the resident's"
    );

    // A question, the resident's reply and an app's comment do not move updated_datetime.
    let before = json(&open311().await)[0]["updated_datetime"].clone();
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let v = version(&db, &reference).await;
    let (_, location) = post(
        &app,
        &format!("{path}/ask"),
        &officer,
        &format!("lang=en&version={v}&question=Which%20wall%3F"),
    )
    .await;
    assert!(location.ends_with("done=asked"), "{location}");
    let report_id: i64 = sqlx::query("SELECT id FROM reports WHERE reference = $1")
        .bind(&reference)
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    sqlx::query("INSERT INTO report_updates (report_id, at, status, message, public, kind) VALUES ($1, $2, 'fixed', 'The chapel one', 1, 'reply')")
        .bind(report_id).bind(db::now() + 5).execute(db.writer()).await.unwrap();
    sqlx::query("INSERT INTO report_updates (report_id, at, status, message, public, kind) VALUES ($1, $2, 'fixed', 'Seen from the app', 0, 'comment')")
        .bind(report_id).bind(db::now() + 10).execute(db.writer()).await.unwrap();
    assert_eq!(
        json(&open311().await)[0]["updated_datetime"],
        before,
        "private exchanges leave no public trace"
    );
});

// Each change to a CSP's teams has its own address and form; each refuses someone who may not
// manage roles there (an officer, another CSP's manager) and changes nothing then.
both_backends!(team_changes_have_one_route_each, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let account = NewAccount {
        email: "manager@swansea.example",
        display_name: "Swansea manager",
        password: DEMO_PASSWORD,
        role: "csp_manager",
        csp_slug: "swansea",
        organisation: None,
        language: app::i18n::Lang::En,
        is_demo: false,
    };
    accounts::create_account(&db, account, "test").await.unwrap();
    let manager = Some(cookie_for(&app, "csp-manager@demo.cymuned.cymru").await);
    let officer = Some(cookie_for(&app, "officer@demo.cymuned.cymru").await);
    let elsewhere = Some(cookie_for(&app, "manager@swansea.example").await);
    let count = |sql: &'static str| {
        let db = db.clone();
        async move {
            let n: i64 = sqlx::query(sql).fetch_one(db.reader()).await.unwrap().try_get(0).unwrap();
            n
        }
    };
    let teams = "SELECT COUNT(*) FROM teams";
    let members = "SELECT COUNT(*) FROM team_members";

    // Create.
    let create = "lang=en&csp=cardiff&name=Night-time%20economy";
    for cookie in [&officer, &elsewhere] {
        let (_, location) = post(&app, "/staff/teams/create", cookie, create).await;
        assert!(location.ends_with("error=forbidden"), "{location}");
    }
    assert_eq!(count(teams).await, 0);
    let (_, location) = post(&app, "/staff/teams/create", &manager, "lang=en&csp=cardiff&name=%20").await;
    assert!(location.ends_with("error=team_name"), "{location}");
    let (_, location) = post(&app, "/staff/teams/create", &manager, create).await;
    assert_eq!(location, "/staff/team?csp=cardiff&done=team_created");
    let team: i64 =
        sqlx::query("SELECT id FROM teams").fetch_one(db.reader()).await.unwrap().try_get(0).unwrap();
    let officer_id =
        app::db::staff::user_id_by_email(&db, "officer@demo.cymuned.cymru").await.unwrap().unwrap();

    // Add a member.
    let add = format!("lang=cy&csp=cardiff&team={team}&email=officer%40demo.cymuned.cymru");
    for cookie in [&officer, &elsewhere] {
        let (_, location) = post(&app, "/staff/teams/add", cookie, &add).await;
        assert!(location.ends_with("error=forbidden"), "{location}");
    }
    assert_eq!(count(members).await, 0);
    let (_, location) = post(&app, "/staff/teams/add", &manager, &add).await;
    assert_eq!(location, "/cy/staff/team?csp=cardiff&done=team_changed");
    assert_eq!(count(members).await, 1);
    let (_, location) = post(&app, "/staff/teams/add", &manager, "lang=en&csp=cardiff&team=0&email=x").await;
    assert!(location.ends_with("error=invalid"), "{location}");

    // The old address of every team form: checked, then refused; nothing changes.
    let old = format!("lang=en&csp=cardiff&action=remove&team={team}&user={officer_id}");
    let (_, location) = post(&app, "/staff/teams", &officer, &old).await;
    assert!(location.ends_with("error=forbidden"), "{location}");
    let (_, location) = post(&app, "/staff/teams", &manager, &old).await;
    assert!(location.ends_with("error=invalid"), "{location}");
    assert_eq!(count(members).await, 1);

    // Remove a member.
    let remove = format!("lang=en&csp=cardiff&team={team}&user={officer_id}");
    for cookie in [&officer, &elsewhere] {
        let (_, location) = post(&app, "/staff/teams/remove", cookie, &remove).await;
        assert!(location.ends_with("error=forbidden"), "{location}");
    }
    assert_eq!(count(members).await, 1);
    let (_, location) = post(&app, "/staff/teams/remove", &manager, &remove).await;
    assert!(location.ends_with("done=team_changed"), "{location}");
    assert_eq!(count(members).await, 0);

    // The page's forms post to their own addresses.
    let (_, body) = page(&app, "/staff/team?csp=cardiff", &manager).await;
    assert!(
        body.contains(r#"action="/staff/teams/create""#) && body.contains(r#"action="/staff/teams/add""#)
    );
    assert!(!body.contains(r#"name="action""#));
});

both_backends!(staff_read_times_in_uk_local_time_in_their_language, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let reference = welsh_report(&app, &db).await;
    // Received at 23:30 UTC on 14 July 2026: 00:30 on the 15th in the UK (summer time).
    sqlx::query("UPDATE reports SET created_at = $1 WHERE reference = $2")
        .bind(1_784_071_800_i64)
        .bind(&reference)
        .execute(db.writer())
        .await
        .unwrap();
    let officer = Some(cookie_for(&app, "officer@demo.cymuned.cymru").await);
    for (path, expected) in [
        ("/staff/intake", "15 July 2026, 00:30"),
        ("/cy/staff/intake", "15 Gorffennaf 2026, 00:30"),
        (&format!("/staff/reports/{reference}") as &str, "15 July 2026, 00:30"),
        (&format!("/cy/staff/reports/{reference}") as &str, "15 Gorffennaf 2026, 00:30"),
    ] {
        let (status, body) = page(&app, path, &officer).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(body.contains(expected), "{path} shows {expected}");
        assert!(!body.contains(" UTC"), "{path} shows no UTC time");
    }
    // The audit log, to the second, in the manager's language.
    let manager = Some(cookie_for(&app, "csp-manager@demo.cymuned.cymru").await);
    let (_, body) = page(&app, "/cy/staff/audit", &manager).await;
    let today = app::time::date(
        app::i18n::Lang::Cy,
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64,
    );
    assert!(
        !body.contains(" UTC") && body.contains(&format!("{today}, ")),
        "audit times read as local times"
    );
});
