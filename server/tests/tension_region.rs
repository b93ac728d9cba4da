//! The cohesion coordinator's cross-border view and rights (issue 15, part 6): the demo
//! coordinator of Dyfed-Powys sees Ceredigion, Powys, Carmarthenshire and Pembrokeshire (not
//! Cardiff) with levels, signals in words, narratives and sanitised notes; bordering
//! neighbourhoods in different partnerships side by side, a side outside the region with its
//! level only; records an assessment without seeing (or losing) its linked items; never sees a
//! report, a reporter, an item's text or its reference on any page or in the page source. Other
//! roles' rights unchanged; signed out sent to sign in; every read audited; Welsh in Welsh. Each
//! test runs on SQLite and on PostgreSQL.

mod common;

use app::{
    db::{
        self,
        tension_signals::{NewSignal, WeekRun},
        Db,
    },
    staff::accounts::{self, NewAccount, DEMO_PASSWORD},
    tension::{
        assessments::{AssessInput, IndicatorInput},
        assessments_actions::{save_assessment, Who},
    },
};
use axum::{body::Body, Router};
use common::http::{cookie_for, form, hub, page, send, with_cookie};
use http::{header, StatusCode};
use std::collections::HashMap;

const DAY: i64 = 86_400;
const COORDINATOR: &str = "cohesion-coordinator@demo.cymuned.cymru";
/// What the Ceredigion resident wrote and who they are; the item's summary.
const PLANTED: [&str; 5] =
    ["Gwilym", "gwilym@example.com", "outside the chapel", "Stickers put up overnight", "INT-"];

async fn add_account(db: &Db, email: &str, role: &str, csp: &str) {
    let account = NewAccount {
        email,
        display_name: email,
        password: DEMO_PASSWORD,
        role,
        csp_slug: csp,
        organisation: None,
        language: app::i18n::Lang::En,
        is_demo: false,
    };
    accounts::create_account(db, account, "test").await.unwrap();
}

async fn post(app: &Router, path: &str, cookie: &Option<String>, body: &str) -> (StatusCode, String) {
    let (status, headers, _) =
        send(app, with_cookie(form(path), cookie).body(Body::from(body.to_string())).unwrap()).await;
    (status, headers.get(header::LOCATION).map(|l| l.to_str().unwrap().to_string()).unwrap_or_default())
}

/// A report in Aberystwyth by a named resident, graded by Ceredigion's officer: (reference,
/// its neighbourhood's slug).
async fn ceredigion_report(app: &Router, db: &Db, officer: &Option<String>) -> (String, String) {
    let body = "lang=en&area=W06000008&category=drugs&ward=&lat=52.4153&lon=-4.0829&ongoing=on\
         &description=Young%20men%20shouting%20outside%20the%20chapel&anonymous=no&name=Gwilym%20Price\
         &email=gwilym%40example.com&contact_language=en&consent=on";
    let (status, _) = post(app, "/report", &None, body).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (reference, version, slug, csp): (String, i64, String, String) = sqlx::query_as(
        "SELECT r.reference, r.version, n.public_slug, c.slug FROM reports r JOIN neighbourhoods n ON n.id = r.neighbourhood_id \
         JOIN csps c ON c.id = r.csp_id ORDER BY r.id DESC LIMIT 1",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
    assert_eq!(csp, "ceredigion");
    let (_, location) = post(
        app,
        &format!("/staff/reports/{reference}/grade"),
        officer,
        &format!("lang=en&version={version}&summary=Stickers%20put%20up%20overnight&source=2&intelligence=B&handling=P"),
    )
    .await;
    assert!(location.contains("done=graded"), "{location}");
    (reference, slug)
}

fn input(level: u8, narrative: &str, note: &str, items: &str) -> AssessInput {
    AssessInput {
        level: level.to_string(),
        narrative: narrative.into(),
        owner: "Insp. Evans".into(),
        review_on: app::time::iso_date(db::now() + 5 * DAY),
        indicators: vec![IndicatorInput {
            kind: "symbolic_disputes".into(),
            tag: "experienced".into(),
            note: note.into(),
            source: "neighbourhood officer".into(),
            source_grade: "2".into(),
            intelligence: "B".into(),
            handling: "P".into(),
            conditions: String::new(),
            media: "no".into(),
            items: items.into(),
        }],
    }
}

async fn assess(db: &Db, email: &str, slug: &str, input: &AssessInput) {
    let n = db::tension::neighbourhood(db, slug).await.unwrap().unwrap();
    let user = db::staff::user_id_by_email(db, email).await.unwrap().unwrap();
    let who = Who { user_id: user, label: email, ip: "127.0.0.1" };
    let (from, _) = db::tension::current(db, n.id).await.unwrap().unwrap_or((0, 0));
    save_assessment(db, &who, &n, from, input, db::now().div_euclid(DAY) * DAY, "https://hub.example")
        .await
        .unwrap();
}

/// Neighbourhood id -> (public slug, CSP slug).
async fn neighbourhoods(db: &Db) -> HashMap<i64, (String, String)> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT n.id, n.public_slug, c.slug FROM neighbourhoods n JOIN csps c ON c.id = n.csp_id",
    )
    .fetch_all(db.reader())
    .await
    .unwrap();
    rows.into_iter().map(|(id, slug, csp)| (id, (slug, csp))).collect()
}

/// A pair of bordering neighbourhoods (public slugs), the first of partnership `a`, the second of `b`.
fn border(
    bordering: &HashMap<i64, Vec<i64>>,
    all: &HashMap<i64, (String, String)>,
    a: &str,
    b: &str,
) -> (String, String) {
    let mut pairs: Vec<(String, String)> = bordering
        .iter()
        .filter(|(n, _)| all[n].1 == a)
        .flat_map(|(n, others)| {
            others.iter().filter(|o| all[o].1 == b).map(|o| (all[n].0.clone(), all[o].0.clone()))
        })
        .collect();
    pairs.sort();
    pairs.into_iter().next().unwrap_or_else(|| panic!("{a} borders {b}"))
}

/// The table row of `body` holding all of `needles`.
fn row_with<'a>(body: &'a str, needles: &[&str]) -> Option<&'a str> {
    body.split("<tr").find(|row| needles.iter().all(|n| row.contains(n)))
}

both_backends!(the_coordinator_sees_the_region_and_never_the_reports, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let wards = server::startup::prepare(&common::settings(&url), &db).await.unwrap();
    let all = neighbourhoods(&db).await;
    add_account(&db, "officer@ceredigion.example", "officer", "ceredigion").await;
    add_account(&db, "officer@swansea.example", "officer", "swansea").await;
    let officer = Some(cookie_for(&app, "officer@ceredigion.example").await);
    let (report, slug) = ceredigion_report(&app, &db, &officer).await;
    let item = app::triage::item_reference(
        sqlx::query_scalar("SELECT MAX(id) FROM intelligence_items").fetch_one(db.reader()).await.unwrap(),
    );
    assess(
        &db,
        "officer@ceredigion.example",
        &slug,
        &input(
            2,
            "Tension after the meeting at the hall",
            "Stickers on lampposts in the town centre",
            &report,
        ),
    )
    .await;
    // A signal of the neighbourhood's cluster.
    let n = db::tension::neighbourhood(&db, &slug).await.unwrap().unwrap();
    let run = WeekRun {
        csp_id: n.csp_id,
        week_start: db::now().div_euclid(7 * DAY) * 7 * DAY,
        tests: 20,
        budget: 1.0 / 52.0,
        signals: vec![NewSignal {
            series: format!("reports_hate:cluster:{}:weekly", n.id),
            counted: "reports_hate".into(),
            neighbourhood_id: Some(n.id),
            four_weeks: false,
            method: "farrington",
            history_weeks: 150,
            observed: 7,
            usual: 1.2,
            upper_bound: 4.0,
            p_value: 0.0004,
            threshold: 0.001,
        }],
    };
    db::tension_signals::store_run(&db, &run, db::now()).await.unwrap();
    // Across the border: a Swansea neighbourhood next to Carmarthenshire at level 2, whose
    // narrative stays in Swansea; and Cardiff, outside the region and not bordering it.
    let bordering = wards.bordering();
    let (carmarthenshire_side, swansea_side) = border(bordering, &all, "carmarthenshire", "swansea");
    assess(
        &db,
        "officer@swansea.example",
        &swansea_side,
        &input(2, "Swansea only narrative", "Swansea only note", ""),
    )
    .await;
    let cardiff: String = all.values().find(|(_, csp)| csp == "cardiff").unwrap().0.clone();
    assess(
        &db,
        "officer@demo.cymuned.cymru",
        &cardiff,
        &input(1, "Cardiff only narrative", "Cardiff only note", ""),
    )
    .await;
    let (ceredigion_side, powys_side) = border(bordering, &all, "ceredigion", "powys");

    let coordinator = Some(cookie_for(&app, COORDINATOR).await);
    let (status, body) = page(&app, "/staff/tension/region", &coordinator).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    for csp in ["Ceredigion CSP", "Powys CSP", "Carmarthenshire CSP", "Pembrokeshire CSP"] {
        assert!(body.contains(&format!("Neighbourhoods of {csp}")), "{csp}");
    }
    assert!(
        !body.contains("Cardiff CSP") && !body.contains(&cardiff) && !body.contains("Cardiff only"),
        "not Cardiff"
    );
    // The neighbourhood's level, signal in words, narrative and sanitised note, in one row.
    let row = row_with(&body, &[&format!("/staff/tension/{slug}\"")]).expect("the neighbourhood's row");
    assert!(row.contains("2 Medium") && row.contains("Tension after the meeting at the hall"), "{row}");
    assert!(row.contains("Stickers on lampposts in the town centre") && row.contains("Experienced"), "{row}");
    assert!(
        row.contains("7 hate incident reports in and around") && row.contains("willing people are to report"),
        "{row}"
    );
    // Across the border: inside pairs and a side outside the region with its level only.
    assert!(body.contains("Across the border"));
    let pair = row_with(
        &body,
        &[&format!("/staff/tension/{ceredigion_side}\""), &format!("/staff/tension/{powys_side}\"")],
    );
    assert!(pair.is_some(), "{ceredigion_side} and {powys_side} side by side");
    let name: String = sqlx::query_scalar("SELECT name_en FROM neighbourhoods WHERE public_slug = $1")
        .bind(&swansea_side)
        .fetch_one(db.reader())
        .await
        .unwrap();
    let pair = row_with(
        &body,
        &[
            &format!("/staff/tension/{carmarthenshire_side}\""),
            &format!(">{name}<"),
            "(Safer Swansea CSP, outside your region)",
        ],
    )
    .unwrap_or_else(|| {
        let at = body.find(&format!(">{name}<")).unwrap_or(0);
        panic!(
            "{carmarthenshire_side} beside {swansea_side}: {}",
            &body[at.saturating_sub(700)..(at + 300).min(body.len())]
        )
    });
    assert!(pair.contains("2 Medium"), "the far side's level: {pair}");
    assert!(!body.contains(&format!("/staff/tension/{swansea_side}")), "no link outside the region");
    assert!(!body.contains("Swansea only"), "only the level of a neighbourhood outside the region");

    // The reports, reporters and items are nowhere a coordinator looks (page source included),
    // while Ceredigion's officer sees the linked item on the same page.
    let pages = [
        "/staff/tension/region".to_string(),
        "/cy/staff/tension/region".to_string(),
        "/staff/tension?csp=ceredigion".to_string(),
        format!("/staff/tension/{slug}"),
        format!("/staff/tension/{slug}/assess"),
        format!("/cy/staff/tension/{slug}"),
    ];
    for path in &pages {
        let (status, body) = page(&app, path, &coordinator).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        for planted in PLANTED.iter().chain([&report.as_str(), &item.as_str()]) {
            assert!(!body.contains(planted), "{path} shows {planted}");
        }
    }
    let (_, body) = page(&app, &format!("/staff/tension/{slug}"), &officer).await;
    assert!(body.contains(&report), "the officer sees the linked item");
    let (_, body) = page(&app, &format!("/staff/tension/{slug}/assess"), &coordinator).await;
    assert!(!body.contains("name=\"items\""), "no field for items");
    assert!(body.contains("Stickers on lampposts in the town centre"), "the notes to update");

    // The coordinator records a new version (posting an item is ignored); the links stay.
    let review = app::time::iso_date(db::now() + 2 * DAY);
    let (_, location) = post(
        &app,
        &format!("/staff/tension/{slug}/assess"),
        &coordinator,
        &format!(
            "lang=en&version=1&level=3&narrative=Raised%20by%20the%20region&owner=Cohesion%20coordinator&review_on={review}\
             &kind=symbolic_disputes&tag=experienced&note=Stickers%20on%20lampposts&source=regional%20meeting&source_grade=2\
             &intelligence=B&handling=P&conditions=&media=no&items=INT-1\
             &kind=leaders_calming&tag=evidenced&note=Chapel%20elders%20met&source=regional%20meeting&source_grade=2\
             &intelligence=B&handling=P&conditions=&media=no"
        ),
    )
    .await;
    assert!(location.contains("done=saved"), "{location}");
    let links: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT t.position, ti.item_id FROM tension_indicator_items ti JOIN tension_indicators t ON t.id = ti.indicator_id \
         JOIN tension_assessments a ON a.id = t.assessment_id WHERE a.neighbourhood_id = $1 AND a.version = 2",
    )
    .bind(n.id)
    .fetch_all(db.reader())
    .await
    .unwrap();
    let item_id: i64 =
        sqlx::query_scalar("SELECT MAX(id) FROM intelligence_items").fetch_one(db.reader()).await.unwrap();
    assert_eq!(
        links.iter().map(|l| l.1).collect::<Vec<_>>(),
        vec![item_id],
        "the first row keeps its item only"
    );
    let (_, body) = page(&app, "/staff/tension/region", &coordinator).await;
    let row = row_with(&body, &[&format!("/staff/tension/{slug}\"")]).unwrap();
    assert!(
        row.contains("3 High") && row.contains("Raised by the region") && row.contains("Chapel elders met"),
        "{row}"
    );

    // Cardiff is not the coordinator's; nor are the partnership's settings, events or rota.
    for (path, expected) in [
        ("/staff/tension?csp=cardiff".to_string(), StatusCode::FORBIDDEN),
        (format!("/staff/tension/{cardiff}"), StatusCode::NOT_FOUND),
        (format!("/staff/tension/{cardiff}/assess"), StatusCode::NOT_FOUND),
        (format!("/staff/tension/{swansea_side}"), StatusCode::NOT_FOUND),
        ("/staff/tension/levels?csp=ceredigion".to_string(), StatusCode::FORBIDDEN),
        ("/staff/tension/events?csp=ceredigion".to_string(), StatusCode::FORBIDDEN),
        ("/staff/tension/rota?csp=ceredigion".to_string(), StatusCode::FORBIDDEN),
    ] {
        let (status, body) = page(&app, &path, &coordinator).await;
        assert_eq!(status, expected, "{path}");
        assert!(!body.contains("Cardiff only") && !body.contains("Swansea only"), "{path}");
    }
    let v: i64 = sqlx::query_scalar("SELECT MAX(a.version) FROM tension_assessments a JOIN neighbourhoods n ON n.id = a.neighbourhood_id WHERE n.public_slug = $1")
        .bind(&cardiff)
        .fetch_one(db.reader())
        .await
        .unwrap();
    let (status, _) = post(
        &app,
        &format!("/staff/tension/{cardiff}/assess"),
        &coordinator,
        &format!("lang=en&version={v}&level=0&narrative=Calm&owner=&review_on={review}"),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "not Cardiff's assessments");

    // Every partnership of the region shown is audited, for the coordinator.
    let audited: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT c.slug FROM audit_log a JOIN csps c ON c.id = a.csp_id \
         WHERE a.record_type = 'tension_region' AND a.actor_label = $1 ORDER BY c.slug",
    )
    .bind(COORDINATOR)
    .fetch_all(db.reader())
    .await
    .unwrap();
    assert_eq!(audited, ["carmarthenshire", "ceredigion", "pembrokeshire", "powys"]);
});

both_backends!(the_region_view_in_welsh_and_for_other_roles, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let coordinator = Some(cookie_for(&app, COORDINATOR).await);
    // The demo coordinator's page is not empty even before anyone assesses anything.
    let (status, body) = page(&app, "/cy/staff/tension/region", &coordinator).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Tensiwn ar draws y rhanbarth") && body.contains("Dros y ffin"), "Welsh");
    assert!(body.contains("Cymdogaethau Partneriaeth Diogelwch Cymunedol Ceredigion"), "Welsh names");
    assert!(!body.contains("Across the border") && !body.contains("Latest assessment"), "no English left");
    // Border pairs exist with the neighbouring forces' partnerships, outside the region.
    assert!(
        body.contains("Cymdogaethau cyfagos mewn partneriaethau gwahanol") && body.contains("y tu allan i"),
        "pairs"
    );
    // The staff home links to it for the coordinator only.
    let (_, home) = page(&app, "/staff", &coordinator).await;
    assert!(home.contains("/staff/tension/region"));
    for email in [
        "officer@demo.cymuned.cymru",
        "analyst@demo.cymuned.cymru",
        "engagement-lead@demo.cymuned.cymru",
        "partner@demo.cymuned.cymru",
        "csp-manager@demo.cymuned.cymru",
        "admin@demo.cymuned.cymru",
    ] {
        let cookie = Some(cookie_for(&app, email).await);
        let (status, _) = page(&app, "/staff/tension/region", &cookie).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{email}: a coordinator's page");
        let (_, home) = page(&app, "/staff", &cookie).await;
        assert!(!home.contains("/staff/tension/region"), "{email}");
    }
    // Other roles' tension rights are unchanged: Cardiff's officer reads Cardiff's table; the partner does not.
    let officer = Some(cookie_for(&app, "officer@demo.cymuned.cymru").await);
    assert_eq!(page(&app, "/staff/tension?csp=cardiff", &officer).await.0, StatusCode::OK);
    let partner = Some(cookie_for(&app, "partner@demo.cymuned.cymru").await);
    assert_eq!(page(&app, "/staff/tension", &partner).await.0, StatusCode::FORBIDDEN);
    // Signed out: to the sign-in page.
    let (status, headers, _) = send(&app, common::http::get("/staff/tension/region")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(headers[header::LOCATION].to_str().unwrap().contains("sign-in"));
});
