//! Problem solving over HTTP: a profile opened from intelligence items and worked through SARA
//! to a closed profile whose residents are told in their language; who sees which profiles (every
//! role, partners by sharing, another CSP, API keys); hotspot suggestions on generated data with
//! a planted cluster. Each test runs on SQLite and on PostgreSQL.

mod common;

use app::{
    db::{self, Db},
    staff::accounts::{self, NewAccount, DEMO_PASSWORD},
};
use axum::{body::Body, Router};
use common::http::{form, hub, json, page, send, with_cookie};
use http::{header, Request, StatusCode};
use sqlx::Row as _;

const DAY: i64 = 86_400;

async fn cookie_for(app: &Router, email: &str) -> Option<String> {
    Some(common::http::cookie_for(app, email).await)
}

async fn post(app: &Router, path: &str, cookie: &Option<String>, body: &str) -> (StatusCode, String) {
    let (status, headers, _) =
        send(app, with_cookie(form(path), cookie).body(Body::from(body.to_string())).unwrap()).await;
    (status, headers.get(header::LOCATION).map(|l| l.to_str().unwrap().to_string()).unwrap_or_default())
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn one<T: for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any>>(
    db: &Db,
    sql: &str,
    bind: &str,
) -> T {
    sqlx::query(sql).bind(bind.to_string()).fetch_one(db.reader()).await.unwrap().try_get(0).unwrap()
}

/// A drugs report in Cardiff by a named resident who agreed to be contacted, in `lang`.
async fn report(app: &Router, db: &Db, lang: &str, name: &str, email: &str) -> String {
    let body = format!(
        "lang={lang}&area=W06000015&category=drugs&ward=&lat=51.4943&lon=-3.1812&ongoing=on\
         &description=Dealing%20from%20the%20corner%20house%20every%20night&anonymous=no&name={}&email={}&contact_language={lang}&consent=on",
        encode(name),
        encode(email)
    );
    let (status, _) = post(app, "/report", &None, &body).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    sqlx::query("SELECT reference FROM reports ORDER BY id DESC LIMIT 1")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap()
}

async fn grade(app: &Router, db: &Db, officer: &Option<String>, reference: &str) {
    let v: i64 = one(db, "SELECT version FROM reports WHERE reference = $1", reference).await;
    let (_, location) = post(app, &format!("/staff/reports/{reference}/grade"), officer, &format!("lang=en&version={v}&summary=Drug%20dealing%20from%20a%20house%20at%20night&source=2&intelligence=B&handling=P")).await;
    assert!(location.contains("done=graded"), "{location}");
}

async fn profile_version(db: &Db, reference: &str) -> i64 {
    one(db, "SELECT version FROM problem_profiles WHERE reference = $1", reference).await
}

/// Opens a Cardiff profile over the neighbourhood and category of `report` linking the reports.
async fn open_profile(app: &Router, db: &Db, cookie: &Option<String>, references: &[&str]) -> String {
    let neighbourhood: i64 =
        one(db, "SELECT neighbourhood_id FROM reports WHERE reference = $1", references[0]).await;
    let category: i64 = one(db, "SELECT category_id FROM reports WHERE reference = $1", references[0]).await;
    let today = app::time::iso_date(db::now());
    let from = app::time::iso_date(db::now() - 364 * DAY);
    let body = format!(
        "lang=en&csp=cardiff&title=Drug%20dealing%20around%20the%20corner%20house&priority=high&neighbourhood={neighbourhood}&category={category}\
         &period_from={from}&period_to={today}&requester=Tactical%20tasking&aim=Stop%20the%20dealing&references={}",
        references.join(",")
    );
    let (status, location) = post(app, "/staff/problems", cookie, &body).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.contains("done=opened"), "{location}");
    location.split("/staff/problems/").nth(1).unwrap().split('?').next().unwrap().to_string()
}

both_backends!(a_profile_from_intelligence_to_closed_with_residents_told, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let analyst = cookie_for(&app, "analyst@demo.cymuned.cymru").await;
    let welsh = report(&app, &db, "cy", "Siân Roberts", "sian@example.cymru").await;
    let english = report(&app, &db, "en", "Gareth Jones", "gareth@example.com").await;
    grade(&app, &db, &officer, &welsh).await;
    grade(&app, &db, &officer, &english).await;
    let profile = open_profile(&app, &db, &analyst, &[&welsh, &english]).await;
    assert!(profile.starts_with("PP-"), "{profile}");
    let path = format!("/staff/problems/{profile}");

    let (status, body) = page(&app, &path, &analyst).await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        &welsh,
        &english,
        "Problem analysis triangle",
        "Reports by week",
        "<svg",
        "Drug dealing from a house at night",
    ] {
        assert!(body.contains(expected), "the profile shows {expected}");
    }

    // Analysis, an action done, and the stages.
    let v = profile_version(&db, &profile).await;
    let (_, location) = post(&app, &format!("{path}/analysis"), &analyst, &format!("lang=en&version={v}&offender=Young%20men%20from%20outside%20the%20area&place=Empty%20house%20on%20the%20corner&manager=Housing%20association&hypothesis=The%20empty%20house%20gives%20cover")).await;
    assert!(location.contains("done=saved"), "{location}");
    let v = profile_version(&db, &profile).await;
    let (_, location) = post(&app, &format!("{path}/add-action"), &analyst, &format!("lang=en&version={v}&title=Board%20up%20the%20empty%20house&organisation=&owner=Estates&due_on=2026-01-15&notes=")).await;
    assert!(location.contains("done=saved"), "{location}");
    let action_id: i64 = one(&db, "SELECT a.id FROM problem_actions a JOIN problem_profiles p ON p.id = a.profile_id WHERE p.reference = $1", &profile).await;
    let (_, body) = page(&app, &path, &analyst).await;
    assert!(body.contains("Overdue"), "an open action past its due day stands out");
    let v = profile_version(&db, &profile).await;
    let (_, location) = post(
        &app,
        &format!("{path}/action"),
        &analyst,
        &format!(
            "lang=en&version={v}&action_id={action_id}&status=done&due_on=2026-01-15&notes=Boarded%20up"
        ),
    )
    .await;
    assert!(location.contains("done=saved"), "{location}");
    // Deciding before the Assessment stage is refused.
    let v = profile_version(&db, &profile).await;
    let (_, location) = post(
        &app,
        &format!("{path}/decide"),
        &analyst,
        &format!("lang=en&version={v}&decision=close&outcome_en=x&outcome_cy=y"),
    )
    .await;
    assert!(location.contains("error=not_started"), "{location}");
    let v = profile_version(&db, &profile).await;
    let (_, location) =
        post(&app, &format!("{path}/stage"), &analyst, &format!("lang=en&version={v}&stage=response")).await;
    assert!(location.contains("done=saved"), "{location}");
    // The response started 60 days ago; with 28-day windows the after window is over. One of
    // the two reports falls in the before window.
    let started = db::now() - 60 * DAY;
    sqlx::query("UPDATE reports SET created_at = $1 WHERE reference = $2")
        .bind(started - 10 * DAY)
        .bind(&english)
        .execute(db.writer())
        .await
        .unwrap();
    let v = profile_version(&db, &profile).await;
    let (_, location) = post(
        &app,
        &format!("{path}/assessment"),
        &analyst,
        &format!(
            "lang=en&version={v}&response_started={}&window_days=28&process_review=Done%20as%20planned",
            app::time::iso_date(started)
        ),
    )
    .await;
    assert!(location.contains("done=saved"), "{location}");
    let v = profile_version(&db, &profile).await;
    let (_, location) =
        post(&app, &format!("{path}/stage"), &analyst, &format!("lang=en&version={v}&stage=assessment"))
            .await;
    assert!(location.contains("done=saved"), "{location}");
    let (_, body) = page(&app, &path, &analyst).await;
    assert!(
        body.contains("Reports of the profile&#x27;s categories before and after the response")
            || body.contains("Reports of the profile's categories before and after the response"),
        "the computed assessment is shown"
    );

    // Closing: both languages needed, no reporter named, a stale form refused.
    let v = profile_version(&db, &profile).await;
    let (_, location) = post(
        &app,
        &format!("{path}/decide"),
        &analyst,
        &format!(
            "lang=en&version={v}&decision=close&outcome_en=The%20house%20was%20boarded%20up&outcome_cy="
        ),
    )
    .await;
    assert!(location.contains("error=outcome_required"), "{location}");
    let (_, location) = post(&app, &format!("{path}/decide"), &analyst, &format!("lang=en&version={v}&decision=close&outcome_en=Thanks%20to%20Gareth%2C%20the%20house%20was%20boarded%20up&outcome_cy=Caewyd%20y%20ty")).await;
    assert!(location.contains("error=outcome_identifies"), "{location}");
    let (_, location) = post(&app, &format!("{path}/decide"), &analyst, &format!("lang=en&version={}&decision=close&outcome_en=Typed%20before%20a%20colleague%20saved&outcome_cy=b", v - 1)).await;
    assert!(location.contains("error=stale&kept="), "{location}");
    let (_, body) = page(&app, &location, &analyst).await;
    assert!(
        body.contains("Typed before a colleague saved")
            && body.contains("See what is saved now (opens in a new tab)"),
        "kept as typed"
    );
    let outcome_cy = "Cafodd y tŷ gwag ei gau a daeth y delio i ben.";
    let (_, location) = post(&app, &format!("{path}/decide"), &analyst, &format!("lang=en&version={v}&decision=close&decision_notes=Reports%20fell&outcome_en=The%20empty%20house%20was%20boarded%20up%20and%20the%20dealing%20stopped.&outcome_cy={}", encode(outcome_cy))).await;
    assert!(location.contains("done=closed"), "{location}");

    // Each resident told once, in their language: the tracking page and the email.
    let mail: Vec<(String, String, String)> =
        sqlx::query("SELECT to_address, subject, body FROM outbox WHERE subject LIKE '%(%' ORDER BY id")
            .fetch_all(db.reader())
            .await
            .unwrap()
            .iter()
            .map(|r| (r.try_get(0).unwrap(), r.try_get(1).unwrap(), r.try_get(2).unwrap()))
            .collect();
    let to_sian: Vec<_> = mail
        .iter()
        .filter(|(to, s, _)| to == "sian@example.cymru" && s.starts_with("Beth a wnaed"))
        .collect();
    assert_eq!(to_sian.len(), 1, "{mail:?}");
    assert!(to_sian[0].2.contains(outcome_cy) && to_sian[0].1.contains(&welsh));
    let to_gareth: Vec<_> = mail
        .iter()
        .filter(|(to, s, _)| to == "gareth@example.com" && s.starts_with("What was done"))
        .collect();
    assert_eq!(to_gareth.len(), 1, "{mail:?}");
    let update: String = one(&db, "SELECT u.message FROM report_updates u JOIN reports r ON r.id = u.report_id WHERE r.reference = $1 ORDER BY u.id DESC LIMIT 1", &welsh).await;
    assert_eq!(update, outcome_cy, "the Welsh tracking page says what was done in Welsh");

    // Closed: no more changes, and no second message.
    let v = profile_version(&db, &profile).await;
    let (_, location) = post(
        &app,
        &format!("{path}/decide"),
        &analyst,
        &format!("lang=en&version={v}&decision=close&outcome_en=a&outcome_cy=b"),
    )
    .await;
    assert!(location.contains("error=closed"), "{location}");
    let notices: i64 = one(&db, "SELECT COUNT(*) FROM problem_profile_notices n JOIN problem_profiles p ON p.id = n.profile_id WHERE p.reference = $1", &profile).await;
    assert_eq!(notices, 2);
    // Every change is in the history, newest first, with who made it.
    let changes: i64 = one(&db, "SELECT COUNT(*) FROM problem_profile_history h JOIN problem_profiles p ON p.id = h.profile_id WHERE p.reference = $1", &profile).await;
    assert!(changes >= 8, "{changes} history entries");
    let (_, body) = page(&app, &path, &analyst).await;
    assert!(
        body.contains("Decision recorded")
            && body.contains("Analysis changed")
            && body.contains("Board up the empty house")
    );
    // The API gives the computed numbers: one report before, none after.
    let key = accounts::create_api_key(&db, "cardiff", "analyst", "analyst key", None).await.unwrap();
    let (status, _, body) = send(
        &app,
        Request::get(format!("/api/v1/problems/{profile}"))
            .header(header::AUTHORIZATION, format!("Bearer {key}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let v = json(&body);
    assert_eq!(v["stage"], "closed");
    assert_eq!(v["assessment"]["area"]["before"], 1, "{body}");
    assert_eq!(v["assessment"]["area"]["after"], 0, "{body}");
    assert_eq!(v["response"]["actions"][0]["status"], "done");
    assert_eq!(v["scanning"]["intelligence_items"].as_array().unwrap().len(), 2);
    // A grade is written one way everywhere, as triage writes it.
    assert_eq!(v["scanning"]["intelligence_items"][0]["grade"], "2B P", "{body}");
    // And the Welsh page is in Welsh.
    let (_, body) = page(&app, &format!("/cy{path}"), &analyst).await;
    assert!(
        body.contains("Triongl dadansoddi problemau") && body.contains("Penderfyniad"),
        "Welsh profile page"
    );
});

both_backends!(who_sees_which_profiles, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
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
        accounts::create_account(&db, account, "test").await.unwrap();
    }
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let analyst = cookie_for(&app, "analyst@demo.cymuned.cymru").await;
    let reference = report(&app, &db, "en", "Gareth Jones", "gareth@example.com").await;
    grade(&app, &db, &officer, &reference).await;
    let profile = open_profile(&app, &db, &analyst, &[&reference]).await;
    let path = format!("/staff/problems/{profile}");
    let v = profile_version(&db, &profile).await;
    let people = [
        ("signed out", None),
        ("officer", officer.clone()),
        ("analyst", analyst.clone()),
        ("engagement lead", cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await),
        ("partner (fire, not shared)", cookie_for(&app, "partner@demo.cymuned.cymru").await),
        ("partner (housing)", cookie_for(&app, "housing@cardiff.example").await),
        ("manager", cookie_for(&app, "csp-manager@demo.cymuned.cymru").await),
        ("another CSP's officer", cookie_for(&app, "officer@swansea.example").await),
    ];
    // (page, edit) before sharing: 200 = sees it, 404 = not there for them.
    for (who, cookie) in &people {
        let (status, body) = page(&app, &path, cookie).await;
        let (edit, _) = post(
            &app,
            &format!("{path}/scanning"),
            cookie,
            &format!("lang=en&version={v}&statement=x&affected=y"),
        )
        .await;
        let expected = match *who {
            "signed out" => (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER),
            "officer" | "analyst" | "manager" => (StatusCode::OK, StatusCode::SEE_OTHER),
            "engagement lead" => (StatusCode::OK, StatusCode::FORBIDDEN),
            _ => (StatusCode::NOT_FOUND, StatusCode::NOT_FOUND),
        };
        assert_eq!((status, edit), expected, "{who}");
        if status == StatusCode::OK {
            assert!(body.contains(&reference), "{who} sees the intelligence items");
        }
        let (_, list) = page(&app, "/staff/problems", cookie).await;
        let listed = list.contains(&profile);
        assert_eq!(listed, expected.0 == StatusCode::OK, "{who}: the list");
    }
    // Shared with the housing partner: they see the profile without its intelligence.
    let housing: i64 =
        one(&db, "SELECT id FROM organisations WHERE name = $1", "Cardiff Community Housing").await;
    let v = profile_version(&db, &profile).await;
    let (_, location) = post(
        &app,
        &format!("{path}/share"),
        &analyst,
        &format!("lang=en&version={v}&organisation={housing}"),
    )
    .await;
    assert!(location.contains("done=saved"), "{location}");
    let housing_cookie = &people[5].1;
    let (status, body) = page(&app, &path, housing_cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !body.contains(&reference) && !body.contains("Drug dealing from a house at night"),
        "partners never see the items"
    );
    assert!(body.contains("Drug dealing around the corner house"));
    let (edit, _) = post(
        &app,
        &format!("{path}/scanning"),
        housing_cookie,
        &format!("lang=en&version={}&statement=x", v + 1),
    )
    .await;
    assert_eq!(edit, StatusCode::NOT_FOUND, "partners cannot change profiles");
    let (status, _) = page(&app, &path, &people[4].1).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the fire service still does not see it");
    let viewed: i64 = one(
        &db,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'problem_viewed_by_partner' AND record_id = $1",
        &profile,
    )
    .await;
    assert_eq!(viewed, 1, "a partner's view is audited");

    // The API: by role and CSP.
    let key = |role: &'static str, csp: &'static str, organisation: Option<(&'static str, &'static str)>| {
        let db = db.clone();
        async move {
            accounts::create_api_key(&db, csp, role, &format!("{csp} {role}"), organisation).await.unwrap()
        }
    };
    for (role, csp, organisation, (list_status, listed, one_status)) in [
        ("analyst", "cardiff", None, (200, true, 200)),
        ("engagement_lead", "cardiff", None, (200, true, 200)),
        ("partner", "cardiff", Some(("housing", "Cardiff Community Housing")), (200, true, 200)),
        ("partner", "cardiff", Some(("fire", "South Wales Fire and Rescue Service")), (200, false, 404)),
        ("analyst", "swansea", None, (200, false, 404)),
    ] {
        let k = key(role, csp, organisation).await;
        let call = |path: String| {
            Request::get(path)
                .header(header::AUTHORIZATION, format!("Bearer {k}"))
                .body(Body::empty())
                .unwrap()
        };
        let (status, _, body) = send(&app, call("/api/v1/problems".into())).await;
        assert_eq!(status.as_u16(), list_status, "{role} {csp} {organisation:?}: list");
        assert_eq!(body.contains(&profile), listed, "{role} {csp} {organisation:?}: listed");
        let (status, _, body) = send(&app, call(format!("/api/v1/problems/{profile}"))).await;
        assert_eq!(status.as_u16(), one_status, "{role} {csp} {organisation:?}: one");
        if status == StatusCode::OK && role == "partner" {
            assert!(json(&body)["scanning"]["intelligence_items"].is_null(), "no items for partners");
        }
    }
    let (status, _, _) = send(&app, Request::get("/api/v1/problems").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
});

both_backends!(suggestions_find_a_planted_cluster, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let wards = server::startup::prepare(&common::settings(&url), &db).await.unwrap();
    // The same year of reports whatever day the test runs: generated as on 6 December 2026 (the
    // summer peak makes the generator's draws depend on the date) and moved forward by whole
    // days, so "the last 28 days" always holds the same reports.
    const GENERATED_AT: i64 = 1_796_558_400; // 2026-12-06 12:00 UTC
    let days = (db::now() - GENERATED_AT).div_euclid(86_400).max(0);
    let mut categories = std::collections::HashMap::new();
    for csp in db::reference::list_csps(&db).await.unwrap() {
        categories.insert(csp.id, db::reporting::categories(&db, csp.id).await.unwrap());
    }
    let mut background = app::reporting::generate::reports(20_000, 7, GENERATED_AT, &wards, &categories);
    for r in &mut background {
        r.created_at += days * 86_400;
        r.acknowledged_at = r.acknowledged_at.map(|t| t + days * 86_400);
    }
    for batch in background.chunks(10_000) {
        db::reporting::insert_synthetic(&db, batch).await.unwrap();
    }
    db.analyze().await.unwrap();
    // Plant 14 drug reports from the last fortnight at one corner of one Cardiff neighbourhood.
    let now = db::now();
    let template = app::reporting::generate::reports(1, 1, now, &wards, &{
        let mut c = std::collections::HashMap::new();
        let cardiff: i64 = one(&db, "SELECT id FROM csps WHERE slug = $1", "cardiff").await;
        c.insert(
            cardiff,
            db::reporting::categories(&db, cardiff)
                .await
                .unwrap()
                .into_iter()
                .filter(|c| c.code == "drugs")
                .collect(),
        );
        c
    });
    let base = template.into_iter().next().unwrap();
    let planted: Vec<_> = (0..14)
        .map(|i| {
            let mut r = base.clone();
            r.tracking_hash = format!("planted-{i}");
            r.point = Some((51.4943, -3.1812));
            r.created_at = now - (i + 1) * DAY;
            r
        })
        .collect();
    let location = wards.locate(app::reference::Coordinates { lat: 51.4943, lon: -3.1812 }).unwrap().clone();
    let drugs: i64 = sqlx::query("SELECT id FROM report_categories WHERE csp_id = $1 AND code = 'drugs'")
        .bind(location.csp_id)
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    let planted: Vec<_> = planted
        .into_iter()
        .map(|mut r| {
            r.csp_id = location.csp_id;
            r.category_id = drugs;
            r.ward_code = location.ward.code.clone();
            r.neighbourhood_id = location.neighbourhood_id;
            r.status = app::reporting::ReportStatus::Open;
            r
        })
        .collect();
    db::reporting::insert_synthetic(&db, &planted).await.unwrap();
    let analyst = cookie_for(&app, "analyst@demo.cymuned.cymru").await;
    let (status, body) = page(&app, "/staff/problems?csp=cardiff", &analyst).await;
    assert_eq!(status, StatusCode::OK);
    let area = location.neighbourhood_name.en.replace('\'', "&#x27;");
    let suggestions =
        body.split("Suggested problems").nth(1).unwrap_or("").split("new-heading").next().unwrap_or("");
    assert!(
        body.contains(&format!("More drugs reports in {area}")),
        "the planted rise is found: {area}: {suggestions}"
    );
    assert!(
        body.contains(&format!("Repeated drugs reports at one place in {area}")),
        "the planted place is found"
    );
    // Ordinary generated reports (steady through the year, busier in summer) are not proposed as rises.
    let rises = body.matches("\">More ").count();
    assert_eq!(rises, 1, "only the planted rise: {suggestions}");
});

both_backends!(tasking_control_strategy_and_the_strategic_assessment, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    accounts::create_account(
        &db,
        NewAccount {
            email: "officer@swansea.example",
            display_name: "Swansea officer",
            password: DEMO_PASSWORD,
            role: "officer",
            csp_slug: "swansea",
            organisation: None,
            language: app::i18n::Lang::En,
            is_demo: false,
        },
        "test",
    )
    .await
    .unwrap();
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let analyst = cookie_for(&app, "analyst@demo.cymuned.cymru").await;
    let reference = report(&app, &db, "en", "Gareth Jones", "gareth@example.com").await;
    grade(&app, &db, &officer, &reference).await;
    let profile = open_profile(&app, &db, &analyst, &[&reference]).await;
    let v = profile_version(&db, &profile).await;
    post(&app, &format!("/staff/problems/{profile}/add-action"), &analyst, &format!("lang=en&version={v}&title=Lighting%20survey&organisation=&owner=Council&due_on=2026-02-01&notes=")).await;
    let today = app::time::iso_date(db::now());

    // The agenda assembles itself: the open profile, its overdue action, the item graded today.
    let path = format!("/staff/tasking?csp=cardiff&date={today}");
    let (status, body) = page(&app, &path, &analyst).await;
    assert_eq!(status, StatusCode::OK);
    for expected in [profile.as_str(), "Lighting survey", reference.as_str(), "New suggested problems"] {
        assert!(body.contains(expected), "the agenda shows {expected}");
    }
    // The record: saved once; a second form made from the same (empty) version is refused.
    let (_, location) = post(&app, "/staff/tasking", &analyst, &format!("lang=en&csp=cardiff&date={today}&version=0&attendees=CSP%2C%20police%2C%20housing&decisions=Keep%20{profile}%20high")).await;
    assert!(location.contains("done=saved"), "{location}");
    let (_, location) = post(&app, "/staff/tasking", &analyst, &format!("lang=en&csp=cardiff&date={today}&version=0&attendees=x&decisions=Typed%20while%20a%20colleague%20saved")).await;
    assert!(location.contains("error=stale&kept="), "{location}");
    let (_, body) = page(&app, &location, &analyst).await;
    assert!(body.contains("Typed while a colleague saved"), "kept as typed");
    assert!(
        body.contains(&format!(r#"href="/staff/tasking?csp=cardiff&amp;date={today}" target="_blank""#)),
        "the same meeting as saved now: {body}"
    );
    // A new action with a date that is not one: refused, and back as it was typed.
    let (_, location) = post(&app, "/staff/tasking/action", &analyst, &format!("lang=en&csp=cardiff&date={today}&profile={profile}&title=Joint%20patrol%20Friday&owner=Police&due_on=next%20Friday")).await;
    assert!(location.contains("error=due&kept="), "{location}");
    let (_, body) = page(&app, &location, &analyst).await;
    assert!(
        body.contains(r#"value="Joint patrol Friday""#)
            && body.contains(r#"value="next Friday""#)
            && body.contains(&format!(r#"value="{profile}" selected"#)),
        "the new action is kept"
    );
    let (_, location) = post(&app, "/staff/tasking/action", &analyst, &format!("lang=en&csp=cardiff&date={today}&profile={profile}&title=Joint%20patrol%20Friday&owner=Police&due_on=")).await;
    assert!(location.contains("done=action"), "{location}");
    let (_, body) = page(&app, &path, &analyst).await;
    assert!(
        body.contains("CSP, police, housing")
            && body.contains(&format!("Action for {profile}: Joint patrol Friday")),
        "the meeting records decisions and new actions"
    );
    let actions: i64 = one(&db, "SELECT COUNT(*) FROM problem_actions a JOIN problem_profiles p ON p.id = a.profile_id WHERE p.reference = $1", &profile).await;
    assert_eq!(actions, 2);
    // Who may: officers read but do not run the meeting; partners and other CSPs see nothing.
    let (status, _) = page(&app, &path, &officer).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = post(
        &app,
        "/staff/tasking",
        &officer,
        &format!("lang=en&csp=cardiff&date={today}&version=1&attendees=x&decisions=y"),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let partner = cookie_for(&app, "partner@demo.cymuned.cymru").await;
    let swansea = cookie_for(&app, "officer@swansea.example").await;
    for cookie in [&partner, &swansea] {
        let (status, body) = page(&app, &path, cookie).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(!body.contains(&profile));
    }

    // The control strategy: a priority under prevention, served by the profile.
    let (_, location) = post(&app, "/staff/control-strategy/add", &analyst, "lang=en&csp=cardiff&strand=reassurance&title=&description=Visible%20patrols%20where%20residents%20feel%20unsafe").await;
    assert!(location.contains("error=title&kept="), "{location}");
    let (_, body) = page(&app, &location, &analyst).await;
    assert!(
        body.contains("Visible patrols where residents feel unsafe</textarea>")
            && body.contains(r#"value="reassurance" selected"#),
        "the new priority is kept"
    );
    let (_, location) = post(
        &app,
        "/staff/control-strategy/add",
        &analyst,
        "lang=en&csp=cardiff&strand=prevention&title=Drug%20markets%20in%20the%20city%20centre&description=",
    )
    .await;
    assert!(location.contains("done=saved"), "{location}");
    let priority: i64 =
        one(&db, "SELECT id FROM control_priorities WHERE title = $1", "Drug markets in the city centre")
            .await;
    let (_, location) = post(
        &app,
        "/staff/control-strategy/link",
        &analyst,
        &format!("lang=en&csp=cardiff&priority={priority}&profile={profile}"),
    )
    .await;
    assert!(location.contains("done=saved"), "{location}");
    let (_, body) = page(&app, "/staff/control-strategy?csp=cardiff", &analyst).await;
    let prevention =
        body.split("strand-prevention").nth(2).unwrap_or("").split("strand-intelligence").next().unwrap();
    assert!(
        prevention.contains("Drug markets in the city centre") && prevention.contains(&profile),
        "the priority and its profile, under prevention"
    );
    let (status, _) =
        post(&app, "/staff/control-strategy/add", &officer, "lang=en&csp=cardiff&strand=enforcement&title=x")
            .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // The strategic assessment of the last quarter that has ended: drafted from the data.
    let (year, quarter) = app::problems::strategic::last_complete(db::now());
    let (from, _) = app::problems::strategic::quarter_bounds(year, quarter).unwrap();
    sqlx::query("UPDATE reports SET created_at = $1 WHERE reference = $2")
        .bind(from + 20 * DAY)
        .bind(&reference)
        .execute(db.writer())
        .await
        .unwrap();
    let (_, location) = post(
        &app,
        "/staff/strategic-assessments",
        &analyst,
        &format!("lang=en&csp=cardiff&op=draft&year={year}&quarter={quarter}"),
    )
    .await;
    assert!(location.contains("done=drafted") && location.contains("version=1"), "{location}");
    let view = format!("/staff/strategic-assessments/{year}/{quarter}?csp=cardiff");
    let (status, body) = page(&app, &view, &analyst).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("Top problems and their trend") && body.contains("1. drugs: 1 report ("),
        "drafted from the data"
    );
    let id: i64 = one(
        &db,
        "SELECT id FROM strategic_assessments WHERE version = 1 AND year = CAST($1 AS BIGINT)",
        &year.to_string(),
    )
    .await;
    // A section over the limit: refused, and the draft comes back as typed.
    let (_, location) = post(&app, "/staff/strategic-assessments/save", &analyst, &format!("lang=en&csp=cardiff&id={id}&year={year}&quarter={quarter}&summary=Typed%20summary&top_problems={}&emerging=&outcomes=&gaps=&recommendations=&publish=0", "y".repeat(4001))).await;
    assert!(location.contains("error=too_long&kept="), "{location}");
    let (_, body) = page(&app, &location, &analyst).await;
    assert!(
        body.contains(">Typed summary</textarea>")
            && body.contains(&format!(">{}</textarea>", "y".repeat(4001))),
        "the draft is kept"
    );
    let sections = "summary=Edited%20summary&top_problems=1.%20Drugs&emerging=None&outcomes=None&gaps=None&recommendations=Keep%20going";
    let (_, location) = post(
        &app,
        "/staff/strategic-assessments/save",
        &analyst,
        &format!("lang=en&csp=cardiff&id={id}&year={year}&quarter={quarter}&{sections}&publish=1"),
    )
    .await;
    assert!(location.contains("done=published"), "{location}");
    let (_, location) = post(
        &app,
        "/staff/strategic-assessments/save",
        &analyst,
        &format!("lang=en&csp=cardiff&id={id}&year={year}&quarter={quarter}&{sections}&publish=0"),
    )
    .await;
    assert!(location.contains("error=published"), "a published version never changes: {location}");
    let (_, location) = post(
        &app,
        "/staff/strategic-assessments",
        &analyst,
        &format!("lang=en&csp=cardiff&op=revise&year={year}&quarter={quarter}&version=1"),
    )
    .await;
    assert!(location.contains("version=2"), "{location}");
    let (_, body) = page(&app, &format!("{view}&version=1"), &analyst).await;
    assert!(body.contains("Edited summary") && body.contains("published"), "version 1 is kept as published");
    let (_, body) = page(&app, &format!("/cy{view}&version=2"), &analyst).await;
    assert!(
        body.contains("Asesiad strategol") && body.contains("Edited summary"),
        "the new draft starts from the published text; Welsh page"
    );
    // Quarters not yet over cannot be drafted; officers cannot draft; other CSPs cannot read.
    let (this_year, this_quarter) = {
        let (y, q) = app::problems::strategic::last_complete(db::now());
        if q == 4 {
            (y + 1, 1)
        } else {
            (y, q + 1)
        }
    };
    let (_, location) = post(
        &app,
        "/staff/strategic-assessments",
        &analyst,
        &format!("lang=en&csp=cardiff&op=draft&year={this_year}&quarter={this_quarter}"),
    )
    .await;
    assert!(location.contains("error=quarter"), "{location}");
    let (status, _) = post(
        &app,
        "/staff/strategic-assessments",
        &officer,
        &format!("lang=en&csp=cardiff&op=draft&year={year}&quarter={quarter}"),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = page(&app, &view, &swansea).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!body.contains("Edited summary"));

    // The same through the API: the assessments (both versions), one of them, the meetings.
    let api = |key: String, path: String| {
        let app = app.clone();
        async move {
            let (status, _, body) = send(
                &app,
                Request::get(path)
                    .header(header::AUTHORIZATION, format!("Bearer {key}"))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
            (status, body)
        }
    };
    let engagement =
        accounts::create_api_key(&db, "cardiff", "engagement_lead", "engagement key", None).await.unwrap();
    let (status, body) = api(engagement.clone(), "/api/v1/strategic-assessments".into()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let list = serde_json::from_str::<serde_json::Value>(&body).unwrap();
    let listed: Vec<(String, i64, String)> = list["strategic_assessments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["quarter"].as_str().unwrap().to_string(),
                a["version"].as_i64().unwrap(),
                a["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let q = format!("{year}-Q{quarter}");
    assert_eq!(listed, vec![(q.clone(), 2, "draft".into()), (q.clone(), 1, "published".into())]);
    let (status, body) =
        api(engagement.clone(), format!("/api/v1/strategic-assessments/{q}?version=1")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let one = serde_json::from_str::<serde_json::Value>(&body).unwrap();
    assert_eq!(
        (
            one["status"].as_str(),
            one["sections"]["summary"].as_str(),
            one["sections"]["recommendations"].as_str()
        ),
        (Some("published"), Some("Edited summary"), Some("Keep going"))
    );
    let drugs =
        one["figures"].as_array().unwrap().iter().find(|f| f["family"] == "drugs").expect("a drugs row");
    assert_eq!(drugs["this_quarter"], 1);
    let (_, body) =
        api(engagement.clone(), format!("/api/v1/strategic-assessments/{}", q.to_lowercase())).await;
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body).unwrap()["version"],
        2,
        "the latest version by default"
    );
    for (path, expected) in [
        (format!("/api/v1/strategic-assessments/{year}-Q5"), StatusCode::BAD_REQUEST),
        (format!("/api/v1/strategic-assessments/{q}?version=0"), StatusCode::BAD_REQUEST),
        (format!("/api/v1/strategic-assessments/{q}?version=9"), StatusCode::NOT_FOUND),
        ("/api/v1/strategic-assessments/1999-Q1".to_string(), StatusCode::BAD_REQUEST),
    ] {
        assert_eq!(api(engagement.clone(), path.clone()).await.0, expected, "{path}");
    }
    let (status, body) = api(engagement.clone(), "/api/v1/tasking-meetings".into()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let meetings = serde_json::from_str::<serde_json::Value>(&body).unwrap();
    assert_eq!(meetings["meetings"][0]["held_on"].as_str(), Some(today.as_str()));
    assert!(meetings["meetings"][0]["decisions"].as_str().unwrap().contains(&format!("Keep {profile} high")));
    assert_eq!(
        api(engagement.clone(), "/api/v1/tasking-meetings?from=2026-13-01".into()).await.0,
        StatusCode::BAD_REQUEST
    );
    let (_, body) =
        api(engagement.clone(), "/api/v1/tasking-meetings?from=2020-01-01&to=2020-12-31".into()).await;
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body).unwrap()["meetings"].as_array().unwrap().len(),
        0
    );
    // Not for partners (as in the hub); another CSP's key sees none of Cardiff's.
    let partner = accounts::create_api_key(
        &db,
        "cardiff",
        "partner",
        "partner key",
        Some(("police", "South Wales Police")),
    )
    .await
    .unwrap();
    for path in [
        "/api/v1/strategic-assessments".to_string(),
        format!("/api/v1/strategic-assessments/{q}"),
        "/api/v1/tasking-meetings".into(),
    ] {
        assert_eq!(api(partner.clone(), path.clone()).await.0, StatusCode::FORBIDDEN, "{path}");
    }
    let other = accounts::create_api_key(&db, "swansea", "analyst", "swansea key", None).await.unwrap();
    let (_, body) = api(other.clone(), "/api/v1/strategic-assessments".into()).await;
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body).unwrap()["strategic_assessments"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        api(other.clone(), format!("/api/v1/strategic-assessments/{q}")).await.0,
        StatusCode::NOT_FOUND
    );
    let (_, body) = api(other, "/api/v1/tasking-meetings".into()).await;
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body).unwrap()["meetings"].as_array().unwrap().len(),
        0
    );
});

both_backends!(a_refused_profile_form_keeps_what_was_typed, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let analyst = cookie_for(&app, "analyst@demo.cymuned.cymru").await;
    let neighbourhood: i64 = one(&db, "SELECT id FROM neighbourhoods WHERE slug = $1", "cathays").await;
    // The period ends before it starts: refused, in Welsh, with everything kept.
    let body = format!("lang=cy&csp=cardiff&title=Beiciau%20modur%20oddi%20ar%20y%20ffordd&priority=high&neighbourhood={neighbourhood}&category=&period_from=2026-06-01&period_to=2026-01-01&requester=Arolygydd&aim=Lleihau%20niwsans");
    let (status, location) = post(&app, "/staff/problems", &analyst, &body).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(
        location.starts_with("/cy/staff/problems?") && location.contains("error=categories"),
        "{location}"
    );
    let (status, page_body) = page(&app, &location, &analyst).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page_body.contains("Dewiswch o leiaf un categori adroddiad."), "the error in Welsh");
    assert!(page_body.contains(r#"value="Beiciau modur oddi ar y ffordd""#), "the title is kept");
    assert!(
        page_body.contains("Lleihau niwsans") && page_body.contains(r#"value="Arolygydd""#),
        "the aim and requester are kept"
    );
    assert!(
        page_body.contains(&format!(r#"value="{neighbourhood}" checked"#)),
        "the neighbourhood stays chosen"
    );
    assert!(page_body.contains(r#"value="2026-06-01""#), "the dates are kept");
    assert!(
        !location.contains("Arolygydd") && !location.contains("niwsans"),
        "what was typed stays out of the address: {location}"
    );
    let profiles: i64 = one(&db, "SELECT COUNT(*) FROM problem_profiles WHERE title <> $1", "").await;
    assert_eq!(profiles, 0, "nothing half-written");
    // The kept form is its sender's only: a colleague following the same address sees an empty form.
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let (status, colleague) = page(&app, &location, &officer).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !colleague.contains("Beiciau modur oddi ar y ffordd") && !colleague.contains("Arolygydd"),
        "not kept for anyone else"
    );

    // A profile's own forms: a refused one comes back as typed, open, and the others as stored.
    let resident = report(&app, &db, "en", "Gareth Jones", "gareth@example.com").await;
    grade(&app, &db, &officer, &resident).await;
    let profile = open_profile(&app, &db, &analyst, &[&resident]).await;
    let path = format!("/staff/problems/{profile}");
    let v = profile_version(&db, &profile).await;
    let (_, location) = post(&app, &format!("{path}/add-action"), &analyst, &format!("lang=en&version={v}&title=Lighting%20survey%20of%20the%20lane&organisation=&owner=Street%20lighting%20team&due_on=31%2F02%2F2027&notes=Ask%20about%20the%20broken%20lamp")).await;
    assert!(location.contains("error=due") && location.contains("kept="), "{location}");
    let (_, body) = page(&app, &location, &analyst).await;
    assert!(body.contains("Enter the due date as a date."), "says what to put right");
    assert!(
        body.contains(r#"value="Lighting survey of the lane""#)
            && body.contains(r#"value="Street lighting team""#)
            && body.contains("Ask about the broken lamp"),
        "the new action is kept"
    );
    let actions: i64 = one(&db, "SELECT COUNT(*) FROM problem_actions WHERE title <> $1", "").await;
    assert_eq!(actions, 0, "nothing half-written");
    // Deciding before the Assessment stage is refused; the outcome texts and the choice are kept.
    let (_, location) = post(&app, &format!("{path}/decide"), &analyst, &format!("lang=en&version={v}&decision=close&decision_notes=&outcome_en=The%20lane%20is%20lit%20now&outcome_cy=Mae%27r%20l%C3%B4n%20wedi%20ei%20goleuo")).await;
    assert!(location.contains("error=not_started") && location.contains("kept="), "{location}");
    let (_, body) = page(&app, &location, &analyst).await;
    assert!(
        body.contains("The lane is lit now") && body.contains("lôn wedi ei goleuo"),
        "both outcome texts are kept"
    );
    let close = body
        .split(r#"id="decision-close""#)
        .nth(1)
        .and_then(|rest| rest.split('>').next())
        .unwrap_or_default();
    assert!(close.contains("checked"), "the decision stays chosen: {close}");
    assert!(!body.contains("Lighting survey of the lane"), "only the last refused form is shown again");
    assert_eq!(profile_version(&db, &profile).await, v, "nothing changed");
});

/// A Cardiff profile over one graded report, opened by the analyst: (app, analyst, profile).
async fn one_profile(db: &Db, url: &str) -> (Router, Option<String>, String) {
    let app = hub(db.clone(), url).await;
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let analyst = cookie_for(&app, "analyst@demo.cymuned.cymru").await;
    let reference = report(&app, db, "en", "Gareth Jones", "gareth@example.com").await;
    grade(&app, db, &officer, &reference).await;
    let profile = open_profile(&app, db, &analyst, &[&reference]).await;
    (app, analyst, profile)
}

both_backends!(sharing_a_profile_is_audited, |db: Db, url: String| async move {
    let (app, analyst, profile) = one_profile(&db, &url).await;
    let cardiff = db::reference::csp_by_slug(&db, "cardiff").await.unwrap().unwrap().id;
    let housing =
        db::staff::ensure_organisation(&db, cardiff, "housing", "Cardiff Community Housing").await.unwrap();
    let v = profile_version(&db, &profile).await;
    let (_, location) = post(
        &app,
        &format!("/staff/problems/{profile}/share"),
        &analyst,
        &format!("lang=en&version={v}&organisation={housing}"),
    )
    .await;
    assert!(location.contains("done=saved"), "{location}");
    // In the audit log: who shared it, with whom.
    let row = sqlx::query("SELECT detail, actor_label, csp_id FROM audit_log WHERE action = 'problem_shared' AND record_id = $1").bind(&profile).fetch_one(db.reader()).await.unwrap();
    let (detail, actor, csp): (String, String, i64) =
        (row.try_get(0).unwrap(), row.try_get(1).unwrap(), row.try_get(2).unwrap());
    assert!(detail.contains("Cardiff Community Housing"), "{detail}");
    assert_eq!((actor.as_str(), csp), ("analyst@demo.cymuned.cymru", cardiff));
    // The manager's audit log page names the action in words, in English and Welsh.
    let manager = cookie_for(&app, "csp-manager@demo.cymuned.cymru").await;
    let (_, body) = page(&app, "/staff/audit?csp=cardiff", &manager).await;
    assert!(body.contains("Problem profile shared with partner organisations"), "{body}");
    let (_, body) = page(&app, "/cy/staff/audit?csp=cardiff", &manager).await;
    assert!(
        body.contains("Proffil problem wedi&#x27;i rannu") || body.contains("Proffil problem wedi'i rannu")
    );
});

both_backends!(a_meeting_date_that_is_not_one_is_told_never_a_500, |db: Db, url: String| async move {
    let (app, analyst, profile) = one_profile(&db, &url).await;
    for bad in ["2026-02-31", "2026-12-01%0D%0ASet-Cookie:%20x%3Dy", "%0D%0A", "tomorrow"] {
        for (path, body) in [
            ("/staff/tasking/action", format!("lang=en&csp=cardiff&date={bad}&profile={profile}&title=Joint%20patrol&owner=Police&due_on=")),
            ("/staff/tasking", format!("lang=en&csp=cardiff&date={bad}&version=0&attendees=x&decisions=y")),
        ] {
            let (status, location) = post(&app, path, &analyst, &body).await;
            assert_eq!(status, StatusCode::SEE_OTHER, "{path} {bad}");
            assert!(location.contains("error=meeting_date") && !location.contains('\r') && !location.contains('\n'), "{location}");
            let (status, page_body) = page(&app, &location, &analyst).await;
            assert_eq!(status, StatusCode::OK);
            assert!(page_body.contains("Enter the meeting date as a real date"), "{path} {bad}");
        }
    }
    let (_, page_body) = page(&app, "/cy/staff/tasking?csp=cardiff&error=meeting_date", &analyst).await;
    assert!(page_body.contains("Rhowch ddyddiad y cyfarfod fel dyddiad go iawn"));
    let actions: i64 = one(&db, "SELECT COUNT(*) FROM problem_actions a JOIN problem_profiles p ON p.id = a.profile_id WHERE p.reference = $1", &profile).await;
    assert_eq!(actions, 0);
});

both_backends!(tasking_adds_no_action_to_a_closed_profile, |db: Db, url: String| async move {
    let (app, analyst, profile) = one_profile(&db, &url).await;
    let today = app::time::iso_date(db::now());
    sqlx::query("UPDATE problem_profiles SET stage = 'closed', closed_at = $1 WHERE reference = $2")
        .bind(db::now())
        .bind(&profile)
        .execute(db.writer())
        .await
        .unwrap();
    let (_, location) = post(
        &app,
        "/staff/tasking/action",
        &analyst,
        &format!(
            "lang=en&csp=cardiff&date={today}&profile={profile}&title=After%20closing&owner=Police&due_on="
        ),
    )
    .await;
    assert!(location.contains("error=closed&kept="), "{location}");
    let (_, page_body) = page(&app, &location, &analyst).await;
    assert!(page_body.contains("This profile is closed and can no longer be changed."));
    let (_, page_body) = page(&app, &format!("/cy{location}"), &analyst).await;
    assert!(page_body.contains("proffil hwn ar gau"), "in Welsh on the Welsh page");
    let actions: i64 = one(&db, "SELECT COUNT(*) FROM problem_actions a JOIN problem_profiles p ON p.id = a.profile_id WHERE p.reference = $1", &profile).await;
    assert_eq!(actions, 0);
    let decisions: i64 =
        one(&db, "SELECT COUNT(*) FROM tasking_meetings WHERE decisions LIKE $1", "%After closing%").await;
    assert_eq!(decisions, 0, "nor recorded as decided");
});

// Each change to the control strategy has its own address and form; each refuses someone
// without tasking rights and someone with them only in another CSP, and changes nothing then.
both_backends!(control_strategy_changes_have_one_route_each, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    accounts::create_account(
        &db,
        NewAccount {
            email: "analyst@swansea.example",
            display_name: "Swansea analyst",
            password: DEMO_PASSWORD,
            role: "analyst",
            csp_slug: "swansea",
            organisation: None,
            language: app::i18n::Lang::En,
            is_demo: false,
        },
        "test",
    )
    .await
    .unwrap();
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let analyst = cookie_for(&app, "analyst@demo.cymuned.cymru").await;
    let elsewhere = cookie_for(&app, "analyst@swansea.example").await;
    let reference = report(&app, &db, "en", "Gareth Jones", "gareth@example.com").await;
    grade(&app, &db, &officer, &reference).await;
    let profile = open_profile(&app, &db, &analyst, &[&reference]).await;
    let count = |sql: &'static str| {
        let db = db.clone();
        async move {
            let n: i64 = sqlx::query(sql).fetch_one(db.reader()).await.unwrap().try_get(0).unwrap();
            n
        }
    };
    let priorities = "SELECT COUNT(*) FROM control_priorities";
    let links = "SELECT COUNT(*) FROM control_priority_profiles";
    let (p0, l0) = (count(priorities).await, count(links).await);

    // Add.
    let add = "lang=en&csp=cardiff&strand=prevention&title=Drugs%20in%20the%20city%20centre&description=";
    for cookie in [&officer, &elsewhere] {
        let (status, _) = post(&app, "/staff/control-strategy/add", cookie, add).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    assert_eq!(count(priorities).await, p0);
    let (_, location) = post(&app, "/staff/control-strategy/add", &analyst, add).await;
    assert!(location.starts_with("/staff/control-strategy?csp=cardiff&done=saved"), "{location}");
    let priority: i64 =
        one(&db, "SELECT id FROM control_priorities WHERE title = $1", "Drugs in the city centre").await;
    let (_, location) =
        post(&app, "/staff/control-strategy/add", &analyst, "lang=cy&csp=cardiff&strand=nonsense&title=x")
            .await;
    assert!(location.starts_with("/cy/staff/control-strategy?csp=cardiff&error=stage&kept="), "{location}");

    // Link and unlink a profile.
    let body = format!("lang=en&csp=cardiff&priority={priority}&profile={profile}");
    for cookie in [&officer, &elsewhere] {
        let (status, _) = post(&app, "/staff/control-strategy/link", cookie, &body).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    assert_eq!(count(links).await, l0);
    let (_, location) = post(&app, "/staff/control-strategy/link", &analyst, &body).await;
    assert!(location.ends_with("done=saved"), "{location}");
    assert_eq!(count(links).await, l0 + 1);
    let (_, location) =
        post(&app, "/staff/control-strategy/link", &analyst, "lang=en&csp=cardiff&priority=0&profile=PP-0")
            .await;
    assert!(location.ends_with("error=item"), "{location}");
    for cookie in [&officer, &elsewhere] {
        let (status, _) = post(&app, "/staff/control-strategy/unlink", cookie, &body).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    assert_eq!(count(links).await, l0 + 1);
    let (_, location) = post(&app, "/staff/control-strategy/unlink", &analyst, &body).await;
    assert!(location.ends_with("done=saved"), "{location}");
    assert_eq!(count(links).await, l0);

    // The old address of every form: checked, then "unknown"; nothing changes.
    let old = format!("lang=en&csp=cardiff&op=remove&priority={priority}");
    let (status, _) = post(&app, "/staff/control-strategy", &officer, &old).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, location) = post(&app, "/staff/control-strategy", &analyst, &old).await;
    assert!(location.ends_with("error=unknown"), "{location}");
    assert_eq!(count(priorities).await, p0 + 1);

    // Remove.
    let body = format!("lang=en&csp=cardiff&priority={priority}");
    for cookie in [&officer, &elsewhere] {
        let (status, _) = post(&app, "/staff/control-strategy/remove", cookie, &body).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    assert_eq!(count(priorities).await, p0 + 1);
    let (_, location) = post(&app, "/staff/control-strategy/remove", &analyst, &body).await;
    assert!(location.ends_with("done=saved"), "{location}");
    assert_eq!(count(priorities).await, p0);
    let (_, location) = post(&app, "/staff/control-strategy/remove", &analyst, &body).await;
    assert!(location.ends_with("error=item"), "{location}");

    // The page's forms post to their own addresses.
    let (_, page_body) = page(&app, "/staff/control-strategy?csp=cardiff", &analyst).await;
    assert!(page_body.contains(r#"action="/staff/control-strategy/add""#), "the add form");
    assert!(!page_body.contains(r#"name="op""#));
});
