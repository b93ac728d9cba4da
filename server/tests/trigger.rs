//! The Community Trigger over HTTP: verified contact details link one person's reports, the
//! threshold flags them in the queue, residents apply for a case review, the CSP acknowledges
//! and decides within its deadlines, and the yearly figures are published. Managers set the
//! rules. Each test runs on SQLite and on PostgreSQL.

mod common;

use app::db::{self, Db};
use axum::{body::Body, Router};
use common::http::{form, get, hub, send};
use http::{header, Request, StatusCode};
use sqlx::Row as _;

async fn cookie_for(app: &Router, email: &str) -> Option<String> {
    Some(common::http::cookie_for(app, email).await)
}

async fn post(app: &Router, path: &str, cookie: &Option<String>, body: &str) -> (StatusCode, String) {
    let mut req = form(path);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let (status, headers, _) = send(app, req.body(Body::from(body.to_string())).unwrap()).await;
    (status, headers.get(header::LOCATION).map(|l| l.to_str().unwrap().to_string()).unwrap_or_default())
}

async fn page(app: &Router, path: &str, cookie: &Option<String>) -> (StatusCode, String) {
    let mut req = Request::get(path);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let (status, _, body) = send(app, req.body(Body::empty()).unwrap()).await;
    (status, body)
}

/// An ASB report by a named resident; returns its reference.
async fn asb_report(app: &Router, db: &Db, email: &str, category: &str) -> String {
    let body = format!(
        "lang=en&area=W06000015&category={category}&asb_qualifier=personal&ward=&lat=51.4943&lon=-3.1812&ongoing=on\
         &description=Shouting%20and%20banging%20next%20door%20again&anonymous=no&name=Alun&email={}&consent=on",
        email.replace('@', "%40")
    );
    let (status, location) = post(app, "/report", &None, &body).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.starts_with("/track/"), "{location}");
    sqlx::query("SELECT reference FROM reports ORDER BY id DESC LIMIT 1")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap()
}

/// Opens the link in the confirmation email for `reference`, as the resident would.
async fn open_email_link(app: &Router, db: &Db, reference: &str) {
    let body: String = sqlx::query("SELECT body FROM outbox WHERE subject LIKE $1")
        .bind(format!("%{reference}"))
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    let link = body.split_whitespace().find(|w| w.contains("/track/")).unwrap();
    let path = &link[link.find("/track/").unwrap()..];
    assert!(path.contains("?e="), "the emailed link proves the address: {path}");
    let (status, _) = page(app, path, &None).await;
    assert_eq!(status, StatusCode::OK);
}

async fn flags(db: &Db) -> Vec<(String, Option<String>)> {
    sqlx::query("SELECT reference, trigger_rule FROM reports ORDER BY id")
        .fetch_all(db.reader())
        .await
        .unwrap()
        .iter()
        .map(|r| (r.try_get(0).unwrap(), r.try_get(1).unwrap()))
        .collect()
}

both_backends!(three_verified_reports_meet_the_threshold, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let alun = "alun@example.cymru";
    let first = asb_report(&app, &db, alun, "asb-noise").await;
    let second = asb_report(&app, &db, alun, "asb-neighbours").await;
    let third = asb_report(&app, &db, alun, "asb-noise").await;
    // Someone else's, and one that is not ASB: never counted with Alun's.
    let other = asb_report(&app, &db, "bethan@example.cymru", "asb-noise").await;
    open_email_link(&app, &db, &other).await;
    // Unverified: no flags, however many reports.
    assert!(flags(&db).await.iter().all(|(_, f)| f.is_none()));
    open_email_link(&app, &db, &first).await;
    open_email_link(&app, &db, &second).await;
    assert!(
        flags(&db).await.iter().all(|(_, f)| f.is_none()),
        "two verified reports are below the threshold"
    );
    open_email_link(&app, &db, &third).await;
    let now = flags(&db).await;
    for r in [&first, &second, &third] {
        assert_eq!(now.iter().find(|(x, _)| x == r).unwrap().1.as_deref(), Some("same_person"), "{r}");
    }
    assert_eq!(now.iter().find(|(x, _)| *x == other).unwrap().1, None);
    // Opening the link again changes nothing.
    open_email_link(&app, &db, &third).await;

    // The queue shows and filters the flag.
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let (_, body) = page(&app, "/staff/intake?trigger=on", &officer).await;
    assert!(
        body.contains(&first)
            && body.contains(&third)
            && !body.contains(&other)
            && body.contains("Community Trigger")
    );
    let (_, body) = page(&app, &format!("/staff/reports/{first}"), &officer).await;
    assert!(body.contains("enough ASB reports from the same person"));

    // Apply for a case review: mistakes first (nothing stored, what was typed kept).
    for (body, message) in [
        (format!("lang=en&name=&email=alun%40example.cymru&references={first}&impact=It%20never%20stops%20at%20night"), "Enter your name."),
        (format!("lang=en&name=Alun&email=&phone=&references={first}&impact=It%20never%20stops%20at%20night"), "Enter an email address or a phone number"),
        ("lang=en&name=Alun&email=alun%40example.cymru&references=CYM-1&impact=It%20never%20stops%20at%20night".to_string(), "Report references look like CYM-26-000123."),
        ("lang=en&name=Alun&email=alun%40example.cymru&references=CYM-99-999999&impact=It%20never%20stops%20at%20night".to_string(), "were not found"),
        (format!("lang=en&name=Alun&email=alun%40example.cymru&references={first}&impact=bad"), "at least 10 characters"),
    ] {
        let (_, location) = post(&app, "/case-review", &None, &body).await;
        assert!(location.starts_with("/case-review?draft="), "{location}");
        let (_, page_body) = page(&app, &location, &None).await;
        assert!(page_body.contains(message), "{message}");
        assert!(page_body.contains("Alun") || body.contains("name=&"), "what was typed is kept");
    }
    let stored: i64 = sqlx::query("SELECT COUNT(*) FROM case_reviews")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_eq!(stored, 0);
    // Reports of two partnerships in one application: refused.
    let swansea = {
        let body = "lang=en&area=W06000011&category=asb-noise&ward=&lat=51.6214&lon=-3.9436&ongoing=on&description=Noise%20on%20the%20front&anonymous=yes";
        post(&app, "/report", &None, body).await;
        sqlx::query("SELECT reference FROM reports ORDER BY id DESC LIMIT 1")
            .fetch_one(db.reader())
            .await
            .unwrap()
            .try_get::<String, _>(0)
            .unwrap()
    };
    let (_, location) = post(&app, "/case-review", &None, &format!("lang=en&name=Alun&email=alun%40example.cymru&references={first},{swansea}&impact=It%20never%20stops%20at%20night")).await;
    let (_, page_body) = page(&app, &location, &None).await;
    assert!(page_body.contains("belong to different partnerships"));
    // Nor one that is not about anti-social behaviour (or a hate incident): the same answer.
    let graffiti = {
        let body = "lang=en&area=W06000015&category=graffiti&ward=&lat=51.4943&lon=-3.1812&ongoing=on&description=Graffiti%20on%20the%20wall&anonymous=yes";
        post(&app, "/report", &None, body).await;
        sqlx::query("SELECT reference FROM reports ORDER BY id DESC LIMIT 1")
            .fetch_one(db.reader())
            .await
            .unwrap()
            .try_get::<String, _>(0)
            .unwrap()
    };
    let (_, location) = post(&app, "/case-review", &None, &format!("lang=en&name=Alun&email=alun%40example.cymru&references={first},{graffiti}&impact=It%20never%20stops%20at%20night")).await;
    let (_, page_body) = page(&app, &location, &None).await;
    assert!(page_body.contains("belong to different partnerships"));

    // A good application, in Welsh.
    let (_, location) = post(&app, "/case-review", &None, &format!("lang=cy&name=Alun&email=alun%40example.cymru&contact_language=cy&references={first}%2C%20{second}%2C%20{third}&impact=Mae%27n%20digwydd%20bob%20nos")).await;
    assert!(location.starts_with("/cy/case-review?done=CR-"), "{location}");
    let reference = location.split("done=").nth(1).unwrap().to_string();
    let (_, page_body) = page(&app, &location, &None).await;
    assert!(page_body.contains(&format!("Mae eich cais {reference} wedi dod i law")));
    let (threshold, status): (i64, String) = {
        let r = sqlx::query("SELECT threshold_met, status FROM case_reviews WHERE reference = $1")
            .bind(&reference)
            .fetch_one(db.reader())
            .await
            .unwrap();
        (r.try_get(0).unwrap(), r.try_get(1).unwrap())
    };
    assert_eq!((threshold, status.as_str()), (1, "received"));
    let subject: String = sqlx::query(
        "SELECT subject FROM outbox WHERE to_address = 'alun@example.cymru' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(db.reader())
    .await
    .unwrap()
    .try_get(0)
    .unwrap();
    assert_eq!(subject, format!("Eich cais am adolygiad achos YG {reference}"));

    // The CSP acknowledges, then holds the review with recommendations; a partner cannot; a stale form is refused.
    let version = |db: Db, r: String| async move {
        sqlx::query("SELECT version FROM case_reviews WHERE reference = $1")
            .bind(r)
            .fetch_one(db.reader())
            .await
            .unwrap()
            .try_get::<i64, _>(0)
            .unwrap()
    };
    let partner = cookie_for(&app, "partner@demo.cymuned.cymru").await;
    let (status, _) = post(
        &app,
        &format!("/staff/case-reviews/{reference}"),
        &partner,
        "lang=en&csp=cardiff&version=0&status=review_held",
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, body) = page(&app, "/staff/case-reviews", &officer).await;
    assert!(body.contains(&reference) && body.contains("Received"));
    let v = version(db.clone(), reference.clone()).await;
    let (_, location) = post(
        &app,
        &format!("/staff/case-reviews/{reference}"),
        &officer,
        &format!("lang=en&csp=cardiff&version={v}&status=acknowledged"),
    )
    .await;
    assert!(location.ends_with("done=1"), "{location}");
    let (_, location) = post(
        &app,
        &format!("/staff/case-reviews/{reference}"),
        &officer,
        &format!("lang=en&csp=cardiff&version={v}&status=review_held"),
    )
    .await;
    assert!(location.ends_with("error=stale"), "{location}");
    let (_, location) = post(
        &app,
        &format!("/staff/case-reviews/{reference}"),
        &officer,
        &format!("lang=en&csp=cardiff&version={}&status=approved", v + 1),
    )
    .await;
    assert!(location.ends_with("error=invalid"));
    let (_, location) = post(&app, &format!("/staff/case-reviews/{reference}"), &officer, &format!("lang=en&csp=cardiff&version={}&status=review_held&recommendations=Joint%20visit%20by%20police%20and%20housing", v + 1)).await;
    assert!(location.ends_with("done=1"));
    // A decision is final: acknowledging it again is refused, nothing changes.
    let (_, location) = post(
        &app,
        &format!("/staff/case-reviews/{reference}"),
        &officer,
        &format!("lang=en&csp=cardiff&version={}&status=acknowledged", v + 2),
    )
    .await;
    assert!(location.ends_with("error=stale"), "{location}");
    let email: String = sqlx::query(
        "SELECT body FROM outbox WHERE to_address = 'alun@example.cymru' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(db.reader())
    .await
    .unwrap()
    .try_get(0)
    .unwrap();
    assert!(
        email.contains("Bydd y bartneriaeth yn cynnal adolygiad achos"),
        "the applicant is told in Welsh"
    );
    // Published: one application, one review held with recommendations.
    let (_, body) = page(&app, "/partnerships/cardiff", &None).await;
    assert!(body.contains("ASB case reviews (Community Trigger)"));
    let row = body.split("<th scope=\"row\">").nth(1).unwrap();
    let cells: Vec<&str> = row.split("<td>").skip(1).map(|c| c.split('<').next().unwrap()).collect();
    assert_eq!(cells, vec!["1", "0", "1", "1"], "{row}");
    let audited: i64 = sqlx::query("SELECT COUNT(*) FROM audit_log WHERE action = 'case_review_updated'")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_eq!(audited, 2);
});

both_backends!(managers_set_the_rules, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let manager = cookie_for(&app, "csp-manager@demo.cymuned.cymru").await;
    let settings = "lang=en&csp=cardiff&acknowledge_days=3&trigger_reports=3&trigger_window_days=183&review_acknowledge_days=5&review_decide_days=15&trigger_hate_rule=on";
    let (status, _) = post(&app, "/staff/settings", &officer, settings).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "only managers set the rules");
    let (_, location) = post(
        &app,
        "/staff/settings",
        &manager,
        &settings.replace("acknowledge_days=3", "acknowledge_days=0"),
    )
    .await;
    assert!(location.ends_with("error=invalid"));
    let (_, location) = post(&app, "/staff/settings", &manager, settings).await;
    assert!(location.contains("done=settings&flagged=0&cleared=0"), "{location}");
    let cardiff = db::reference::csp_by_slug(&db, "cardiff").await.unwrap().unwrap().id;
    assert_eq!(db::triage::acknowledge_days(&db, cardiff).await.unwrap(), 3);
    assert!(db::trigger::rules(&db, cardiff).await.unwrap().hate_rule);
    // With the hate rule on, one hate incident is flagged.
    let body = "lang=en&area=W06000015&category=hate&hate_strands=religion&ward=&lat=51.4943&lon=-3.1812&ongoing=on&description=Abuse%20shouted%20at%20the%20mosque%20door&anonymous=yes";
    post(&app, "/report", &None, body).await;
    let rule: Option<String> = sqlx::query("SELECT trigger_rule FROM reports ORDER BY id DESC LIMIT 1")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_eq!(rule.as_deref(), Some("hate_incident"));
    // An officer can verify a resident's contact details after a call; the audit log says so.
    let body = "lang=en&area=W06000015&category=asb-noise&ward=&lat=51.4943&lon=-3.1812&ongoing=on&description=Music%20all%20night%20long&anonymous=no&phone=029%202087%201234&consent=on";
    post(&app, "/report", &None, body).await;
    let reference: String = sqlx::query("SELECT reference FROM reports ORDER BY id DESC LIMIT 1")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    let show_contact = || async {
        let req = form(&format!("/staff/reports/{reference}/contact"))
            .header(header::COOKIE, officer.clone().unwrap())
            .body(Body::from("lang=en"))
            .unwrap();
        send(&app, req).await.2
    };
    let body = show_contact().await;
    assert!(body.contains("Mark the contact details as verified"));
    let v: i64 = sqlx::query("SELECT version FROM reports WHERE reference = $1")
        .bind(&reference)
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    let (_, location) = post(
        &app,
        &format!("/staff/reports/{reference}/verify_contact"),
        &officer,
        &format!("lang=en&version={v}"),
    )
    .await;
    assert!(location.ends_with("done=verified"), "{location}");
    let body = show_contact().await;
    assert!(body.contains("These contact details are verified."));
    let (_, _, public) = send(&app, get("/cy/partnerships/cardiff")).await;
    assert!(public.contains("Adolygiadau achos YG (Trothwy Cymunedol)"));
});

both_backends!(changing_the_rules_checks_open_reports_again, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let manager = cookie_for(&app, "csp-manager@demo.cymuned.cymru").await;
    let rules = |reports: i64, hate: bool| {
        format!(
            "lang=en&csp=cardiff&acknowledge_days=2&trigger_reports={reports}&trigger_window_days=183&review_acknowledge_days=5&review_decide_days=15{}",
            if hate { "&trigger_hate_rule=on" } else { "" }
        )
    };
    // Two verified reports from one person: below the default threshold of three.
    let alun = "alun@example.cymru";
    let first = asb_report(&app, &db, alun, "asb-noise").await;
    let second = asb_report(&app, &db, alun, "asb-noise").await;
    open_email_link(&app, &db, &first).await;
    open_email_link(&app, &db, &second).await;
    let flag =
        |db: Db, r: String| async move { flags(&db).await.into_iter().find(|(x, _)| *x == r).unwrap().1 };
    assert_eq!(flag(db.clone(), first.clone()).await, None);
    // The manager lowers the threshold to two: both are flagged at once, and told on the page.
    let (_, location) = post(&app, "/staff/settings", &manager, &rules(2, false)).await;
    assert!(location.contains("done=settings&flagged=2&cleared=0"), "{location}");
    assert_eq!(flag(db.clone(), first.clone()).await.as_deref(), Some("same_person"));
    assert_eq!(flag(db.clone(), second.clone()).await.as_deref(), Some("same_person"));
    let (_, body) = page(&app, &location, &manager).await;
    assert!(body.contains("Open reports were checked again against the rules: 2 now meet a Community Trigger rule, and 0 no longer do."), "told in words");
    let (_, body) = page(&app, &format!("/cy{location}"), &manager).await;
    assert!(body.contains("Yn bodloni rheol y Trothwy Cymunedol nawr: 2."), "and in Welsh");
    // A closed report keeps its flag; open ones lose theirs when the threshold goes back up.
    let closed: i64 = sqlx::query("SELECT id FROM reports WHERE reference = $1")
        .bind(&first)
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    sqlx::query("UPDATE reports SET status = 'fixed', closed_at = created_at + 60 WHERE id = $1")
        .bind(closed)
        .execute(db.writer())
        .await
        .unwrap();
    let (_, location) = post(&app, "/staff/settings", &manager, &rules(3, false)).await;
    assert!(location.contains("done=settings&flagged=0&cleared=1"), "{location}");
    assert_eq!(
        flag(db.clone(), first.clone()).await.as_deref(),
        Some("same_person"),
        "closed: kept as it was"
    );
    assert_eq!(flag(db.clone(), second.clone()).await, None);
    // The hate rule switched on flags an open hate incident reported before it.
    let body = "lang=en&area=W06000015&category=hate&hate_strands=race&ward=&lat=51.4943&lon=-3.1812&ongoing=on&description=Racist%20abuse%20at%20the%20bus%20stop&anonymous=yes";
    post(&app, "/report", &None, body).await;
    let hate: String = sqlx::query("SELECT reference FROM reports ORDER BY id DESC LIMIT 1")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_eq!(flag(db.clone(), hate.clone()).await, None);
    let (_, location) = post(&app, "/staff/settings", &manager, &rules(3, true)).await;
    assert!(location.contains("done=settings&flagged=1&cleared=0"), "{location}");
    assert_eq!(flag(db.clone(), hate.clone()).await.as_deref(), Some("hate_incident"));
    // Audited with the counts.
    let detail: String = sqlx::query(
        "SELECT detail FROM audit_log WHERE action = 'settings_changed' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(db.reader())
    .await
    .unwrap()
    .try_get(0)
    .unwrap();
    assert!(detail.ends_with("reports flagged 1, cleared 0"), "{detail}");
});

/// The error summary of an application page: what the hub said, without what was typed.
fn answer(page: &str) -> String {
    let start = page.find("class=\"error-summary\"").expect("an error summary");
    let end = start + page[start..].find("</div>").unwrap();
    page[start..end].to_string()
}

both_backends!(the_application_form_tells_nothing_about_references, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let cardiff = asb_report(&app, &db, "alun@example.cymru", "asb-noise").await;
    let cardiff_too = asb_report(&app, &db, "alun@example.cymru", "asb-neighbours").await;
    let swansea = {
        let body = "lang=en&area=W06000011&category=asb-noise&ward=&lat=51.6214&lon=-3.9436&ongoing=on&description=Noise%20on%20the%20front&anonymous=yes";
        post(&app, "/report", &None, body).await;
        sqlx::query("SELECT reference FROM reports ORDER BY id DESC LIMIT 1")
            .fetch_one(db.reader())
            .await
            .unwrap()
            .try_get::<String, _>(0)
            .unwrap()
    };
    let apply = |references: String| {
        format!("lang=en&name=Alun&email=alun%40example.cymru&references={references}&impact=It%20never%20stops%20at%20night")
    };
    // An unknown reference (of the right shape) and two real references of two partnerships:
    // word for word the same answer.
    let unknown = if cardiff.ends_with("999999") {
        cardiff.replace("999999", "999998")
    } else {
        format!("{}999999", &cardiff[..7])
    };
    let (_, location) = post(&app, "/case-review", &None, &apply(format!("{cardiff},{unknown}"))).await;
    assert!(location.starts_with("/case-review?draft="), "{location}");
    let (_, unknown_page) = page(&app, &location, &None).await;
    let (_, location) = post(&app, "/case-review", &None, &apply(format!("{cardiff},{swansea}"))).await;
    assert!(location.starts_with("/case-review?draft="), "{location}");
    let (_, mixed_page) = page(&app, &location, &None).await;
    assert_eq!(answer(&unknown_page), answer(&mixed_page));
    assert!(answer(&mixed_page).contains("were not found"));

    // Every post counts, refused or not, before anything is checked or looked up.
    for _ in 2..app::trigger::actions::CASE_REVIEW_TRIES_PER_HOUR {
        let (_, location) =
            post(&app, "/case-review", &None, "lang=en&name=&email=&references=&impact=").await;
        assert!(location.starts_with("/case-review?draft="), "{location}");
    }
    // Past the limit: a good application is held back (kept as typed), and a bad one is told
    // only to wait, not what is wrong with it.
    let (_, location) = post(&app, "/case-review", &None, &apply(format!("{cardiff},{cardiff_too}"))).await;
    assert!(location.starts_with("/case-review?draft="), "{location}");
    let (_, body) = page(&app, &location, &None).await;
    assert!(answer(&body).contains("Wait an hour"), "{}", answer(&body));
    assert!(body.contains(&cardiff_too), "what was typed is kept");
    let (_, location) = post(&app, "/case-review", &None, &apply(format!("{cardiff},{unknown}"))).await;
    let (_, body) = page(&app, &location, &None).await;
    assert!(
        answer(&body).contains("Wait an hour") && !answer(&body).contains("were not found"),
        "{}",
        answer(&body)
    );
    let (_, location) = post(&app, "/case-review", &None, "lang=cy&name=&references=").await;
    let (_, body) = page(&app, &location, &None).await;
    assert!(answer(&body).contains("Mae sawl cais wedi"), "in Welsh: {}", answer(&body));
    let stored: i64 = sqlx::query("SELECT COUNT(*) FROM case_reviews")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_eq!(stored, 0);
});

both_backends!(
    new_rules_are_checked_against_reports_as_they_are_when_saved,
    |db: Db, url: String| async move {
        use sqlx::Connection as _;
        let app = hub(db.clone(), &url).await;
        let cardiff = db::reference::csp_by_slug(&db, "cardiff").await.unwrap().unwrap().id;
        let rules = app::trigger::TriggerRules::default();
        app::trigger::flags::save_settings(&db, cardiff, 2, &rules).await.unwrap();
        let alun = "alun@example.cymru";
        let first = asb_report(&app, &db, alun, "asb-noise").await;
        let second = asb_report(&app, &db, alun, "asb-noise").await;
        let third = asb_report(&app, &db, alun, "asb-noise").await;
        open_email_link(&app, &db, &first).await;
        open_email_link(&app, &db, &second).await;
        // Someone else is changing the partnership's settings and, in the same transaction,
        // verifying the third report's contact details; the manager saves the rules meanwhile.
        let mut other = sqlx::AnyConnection::connect(&url).await.unwrap();
        sqlx::query("BEGIN").execute(&mut other).await.unwrap();
        sqlx::query("UPDATE csp_settings SET acknowledge_working_days = 3 WHERE csp_id = $1")
            .bind(cardiff)
            .execute(&mut other)
            .await
            .unwrap();
        sqlx::query("UPDATE report_reporters SET contact_verified_at = $1 WHERE report_id = (SELECT id FROM reports WHERE reference = $2)")
        .bind(db::now())
        .bind(&third)
        .execute(&mut other)
        .await
        .unwrap();
        let saving = {
            let db = db.clone();
            tokio::spawn(async move { app::trigger::flags::save_settings(&db, cardiff, 2, &rules).await })
        };
        tokio::time::sleep(std::time::Duration::from_millis(700)).await;
        sqlx::query("COMMIT").execute(&mut other).await.unwrap();
        // The rules were checked against the reports as they were when the settings were written:
        // three verified reports from Alun, all flagged.
        let (flagged, cleared) = saving.await.unwrap().unwrap();
        assert_eq!((flagged, cleared), (3, 0));
        let now = flags(&db).await;
        for r in [&first, &second, &third] {
            assert_eq!(now.iter().find(|(x, _)| x == r).unwrap().1.as_deref(), Some("same_person"), "{r}");
        }
    }
);
