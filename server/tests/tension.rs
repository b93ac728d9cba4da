//! Tension assessments over HTTP (issue 15, part 1): an assessment recorded and updated as new
//! versions, a stale form refused, the refusals (level 3 without owner or near review, a level
//! change without narrative, a note naming a linked reporter, another CSP's intelligence item)
//! each coming back as typed; de-escalation actions added, updated and overdue; a CSP's level
//! names changed and shown; every route against every role, signed out and another CSP; Welsh
//! pages in Welsh; audit rows written. Each test runs on SQLite and on PostgreSQL.

mod common;

use app::{
    db::{self, Db},
    staff::accounts::{self, NewAccount, DEMO_PASSWORD},
    tension::{
        assessments::AssessInput,
        assessments_actions::{save_assessment, Refused, Who},
    },
};
use axum::{body::Body, Router};
use common::http::{form, hub, page, send, with_cookie};
use http::{header, StatusCode};

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

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db.reader()).await.unwrap()
}

async fn add_account(db: &Db, email: &str, role: &str, csp: &str, organisation: Option<(&str, &str)>) {
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

fn day(offset: i64) -> String {
    app::time::iso_date(db::now() + offset * DAY)
}

/// A Cardiff report by a named resident, graded by the officer: (report reference, its
/// neighbourhood's public slug).
async fn graded_report(app: &Router, db: &Db, officer: &Option<String>) -> (String, String) {
    let body = "lang=en&area=W06000015&category=drugs&ward=&lat=51.4943&lon=-3.1812&ongoing=on\
         &description=Leaflets%20on%20cars%20by%20the%20mosque&anonymous=no&name=Gwilym%20Price\
         &email=gwilym%40example.com&contact_language=en&consent=on";
    let (status, _) = post(app, "/report", &None, body).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let reference: String = sqlx::query_scalar("SELECT reference FROM reports ORDER BY id DESC LIMIT 1")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let v: i64 = sqlx::query_scalar("SELECT version FROM reports WHERE reference = $1")
        .bind(&reference)
        .fetch_one(db.reader())
        .await
        .unwrap();
    let (_, location) = post(
        app,
        &format!("/staff/reports/{reference}/grade"),
        officer,
        &format!(
            "lang=en&version={v}&summary=Leaflets%20left%20on%20cars&source=2&intelligence=B&handling=P"
        ),
    )
    .await;
    assert!(location.contains("done=graded"), "{location}");
    let slug: String = sqlx::query_scalar(
        "SELECT n.public_slug FROM reports r JOIN neighbourhoods n ON n.id = r.neighbourhood_id WHERE r.reference = $1",
    )
    .bind(&reference)
    .fetch_one(db.reader())
    .await
    .unwrap();
    (reference, slug)
}

/// An intelligence item of Swansea, recorded by its officer: its `INT-` reference.
async fn swansea_item(app: &Router, db: &Db) -> String {
    let officer = cookie_for(app, "officer@swansea.example").await;
    let neighbourhood: i64 = sqlx::query_scalar(
        "SELECT n.id FROM neighbourhoods n JOIN csps c ON c.id = n.csp_id WHERE c.slug = 'swansea' ORDER BY n.id LIMIT 1",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
    let body = format!(
        "lang=en&csp=swansea&origin=street_briefing&neighbourhood={neighbourhood}&observed_on={}\
         &summary=Flags%20put%20up%20overnight&source=2&intelligence=B&handling=P&conditions=&tension=experienced",
        day(0)
    );
    let (_, location) = post(app, "/staff/intelligence/record", &officer, &body).await;
    assert!(location.contains("done="), "{location}");
    let id: i64 = sqlx::query_scalar(
        "SELECT i.id FROM intelligence_items i JOIN csps c ON c.id = i.csp_id WHERE c.slug = 'swansea' ORDER BY i.id DESC LIMIT 1",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
    app::triage::item_reference(id)
}

async fn version(db: &Db, slug: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT COALESCE(MAX(a.version), 0) FROM tension_assessments a JOIN neighbourhoods n ON n.id = a.neighbourhood_id WHERE n.public_slug = $1",
    )
    .bind(slug)
    .fetch_one(db.reader())
    .await
    .unwrap()
}

/// An assessment form's body: one indicator (with `note` and `items`) and a blank row.
fn assess_body(
    version: i64,
    level: u8,
    narrative: &str,
    owner: &str,
    review: &str,
    note: &str,
    items: &str,
) -> String {
    format!(
        "lang=en&version={version}&level={level}&narrative={}&owner={}&review_on={review}\
         &kind=graffiti_leaflets&tag=evidenced&note={}&source=police%20briefing&source_grade=2&intelligence=B&handling=P&conditions=&media=yes&items={}\
         &kind=&tag=&note=&source=&source_grade=&intelligence=&handling=&conditions=&media=no&items=",
        encode(narrative),
        encode(owner),
        encode(note),
        encode(items)
    )
}

/// The page a refused form went back to, as its sender sees it.
async fn follow(app: &Router, location: &str, cookie: &Option<String>) -> String {
    let (status, body) = page(app, location, cookie).await;
    assert_eq!(status, StatusCode::OK, "{location}");
    body
}

both_backends!(an_assessment_recorded_updated_and_refused, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    add_account(&db, "officer@swansea.example", "officer", "swansea", None).await;
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let (report, slug) = graded_report(&app, &db, &officer).await;
    let foreign = swansea_item(&app, &db).await;
    let path = format!("/staff/tension/{slug}");
    let assess = format!("{path}/assess");

    let (status, body) = page(&app, &path, &officer).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("has not been assessed yet"), "never assessed");
    let (status, body) = page(&app, &assess, &officer).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("name=\"version\" value=\"0\"") && body.contains("Indicator 3"),
        "the form and its rows"
    );

    let note = "Leaflets against new arrivals left on cars";
    let nothing_saved = |db: Db| async move { count(&db, "SELECT COUNT(*) FROM tension_assessments").await };
    // Level 3 without an owner; with a review 10 days away: refused, kept as typed.
    let (_, location) = post(
        &app,
        &assess,
        &officer,
        &assess_body(0, 3, "Rising after the march", "", &day(2), note, &report),
    )
    .await;
    assert!(location.contains("error=owner_required") && location.contains("kept="), "{location}");
    let body = follow(&app, &location, &officer).await;
    assert!(
        body.contains("name the owner") && body.contains("Rising after the march") && body.contains(note),
        "kept"
    );
    let (_, location) = post(
        &app,
        &assess,
        &officer,
        &assess_body(0, 3, "Rising after the march", "Insp. Evans", &day(10), note, &report),
    )
    .await;
    assert!(location.contains("error=review_too_far"), "{location}");
    // A level change without a narrative: refused, and the form comes back as typed.
    let (_, location) =
        post(&app, &assess, &officer, &assess_body(0, 2, "", "", &day(20), note, &report)).await;
    assert!(location.contains("error=narrative_required"), "{location}");
    let body = follow(&app, &location, &officer).await;
    assert!(
        body.contains("write a narrative") && body.contains(note) && body.contains(&day(20)),
        "kept as typed"
    );
    assert!(body.contains("id=\"level-2\" value=\"2\" checked"), "the level as chosen");
    // A note naming the linked report's reporter; another CSP's item.
    let (_, location) = post(
        &app,
        &assess,
        &officer,
        &assess_body(0, 1, "Some leaflets", "", &day(5), "Gwilym Price saw them", &report),
    )
    .await;
    assert!(location.contains("error=identifies"), "{location}");
    // The source and the owner are checked too (every free text of the assessment).
    let body = assess_body(0, 1, "Some leaflets", "", &day(5), note, &report).replacen(
        "source=police%20briefing",
        "source=Gwilym%20Price",
        1,
    );
    let (_, location) = post(&app, &assess, &officer, &body).await;
    assert!(location.contains("error=identifies"), "source: {location}");
    let (_, location) = post(
        &app,
        &assess,
        &officer,
        &assess_body(0, 3, "Rising after the march", "call 029 2087 1234", &day(3), note, &report),
    )
    .await;
    assert!(location.contains("error=identifies"), "owner: {location}");
    let (_, location) =
        post(&app, &assess, &officer, &assess_body(0, 1, "Some leaflets", "", &day(5), note, &foreign)).await;
    assert!(location.contains("error=item"), "{location}");
    let body = follow(&app, &location, &officer).await;
    assert!(body.contains("not one of this partnership"), "said");
    assert_eq!(nothing_saved(db.clone()).await, 0, "nothing saved by refused forms");

    // Saved: version 1 at level 3, then version 2 at level 4.
    let (_, location) = post(
        &app,
        &assess,
        &officer,
        &assess_body(0, 3, "Rising after the march", "Insp. Evans", &day(3), note, &report),
    )
    .await;
    assert!(location.contains("done=saved"), "{location}");
    assert_eq!(version(&db, &slug).await, 1);
    let (_, location) = post(
        &app,
        &assess,
        &officer,
        &assess_body(1, 4, "Disorder at the weekend", "Insp. Evans", &day(1), note, &report),
    )
    .await;
    assert!(location.contains("done=saved"), "{location}");
    assert_eq!(version(&db, &slug).await, 2);
    // A form from version 1 is stale now: nothing overwritten, kept as typed.
    let (_, location) = post(
        &app,
        &assess,
        &officer,
        &assess_body(1, 2, "Calmer now", "Insp. Evans", &day(2), note, &report),
    )
    .await;
    assert!(location.contains("error=stale") && location.contains("kept="), "{location}");
    let body = follow(&app, &location, &officer).await;
    assert!(body.contains("Someone else saved a change here") && body.contains("Calmer now"), "stale, kept");
    assert_eq!(version(&db, &slug).await, 2);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM tension_indicators").await, 2, "one indicator a version");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM tension_indicator_items").await, 2);

    let (_, body) = page(&app, &path, &officer).await;
    for expected in [
        "4 Critical",
        "3 High",
        "Disorder at the weekend",
        "Rising after the march",
        note,
        &report,
        "2B P",
        "Insp. Evans",
    ] {
        assert!(body.contains(expected), "the page shows {expected}");
    }
    let (_, body) = page(&app, "/staff/tension", &officer).await;
    assert!(body.contains(&format!("/staff/tension/{slug}\"")) && body.contains("4 Critical"), "the list");
    // In Welsh.
    let (_, body) = page(&app, &format!("/cy{path}"), &officer).await;
    assert!(
        body.contains("4 Difrifol")
            && body.contains("Hanes yr asesiadau")
            && body.contains("Graffiti neu daflenni"),
        "Welsh"
    );
    let (_, body) = page(&app, &format!("/cy{assess}"), &officer).await;
    assert!(body.contains("Asesu tensiwn cymunedol yn") && body.contains("Dangosydd 3"), "Welsh form");
    let text = common::text_of(&body);
    for phrase in common::english_only_phrases() {
        assert!(!text.contains(phrase.as_str()), "the Welsh form shows English: {phrase:?}");
    }

    // Audited: each save, each page read.
    assert_eq!(count(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'tension_assessed'").await, 2);
    assert!(count(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'tension_viewed'").await >= 6);

    // The alert hook: what each save did to the level.
    let n = db::tension::neighbourhood(&db, &slug).await.unwrap().unwrap();
    let user: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'officer@demo.cymuned.cymru'")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let who = Who { user_id: user, label: "officer@demo.cymuned.cymru", ip: "test" };
    let today = db::now().div_euclid(DAY) * DAY;
    let input = |level: &str, narrative: &str| AssessInput {
        level: level.into(),
        narrative: narrative.into(),
        owner: "Insp. Evans".into(),
        review_on: day(1),
        indicators: vec![],
    };
    // The rota (one member, who reads Welsh) hears when a level reaches 3 or 4, in the same
    // transaction, once per version that reached it, with a link and no detail.
    sqlx::query("UPDATE users SET language = 'cy' WHERE id = $1")
        .bind(user)
        .execute(db.writer())
        .await
        .unwrap();
    let rota_entry = app::audit::NewAuditEntry {
        actor_user_id: Some(user),
        actor_label: "test".into(),
        action: Some(app::audit::AuditAction::TensionRotaChanged),
        record_type: Some("tension_rota".into()),
        record_id: Some(user.to_string()),
        csp_id: Some(n.csp_id),
        ip: None,
        detail: None,
    };
    assert!(db::tension_rota::add(&db, n.csp_id, user, user, &rota_entry).await.unwrap());
    let public = "https://hub.example";
    let mails = || async {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT subject, body FROM outbox WHERE to_address = 'officer@demo.cymuned.cymru' ORDER BY id",
        )
        .fetch_all(db.reader())
        .await
        .unwrap();
        rows
    };
    let before = mails().await.len();
    let saved = save_assessment(&db, &who, &n, 2, &input("1", "Calm again"), today, public).await.unwrap();
    assert_eq!((saved.version, saved.raised_to_high), (3, Some(1)), "a change while at 4");
    let saved =
        save_assessment(&db, &who, &n, 3, &input("2", "A little worse"), today, public).await.unwrap();
    assert_eq!(saved.raised_to_high, None, "1 to 2");
    assert_eq!(mails().await.len(), before, "no alert below 3");
    let saved = save_assessment(&db, &who, &n, 4, &input("3", "High again"), today, public).await.unwrap();
    assert_eq!(saved.raised_to_high, Some(3), "2 to 3");
    let sent = mails().await;
    assert_eq!(sent.len(), before + 1, "the rota member is alerted");
    let (subject, body) = sent.last().unwrap();
    assert!(body.contains("https://hub.example/cy/staff/tension"), "a Welsh link: {body}");
    assert!(!body.contains(&slug), "the link does not name the neighbourhood: {body}");
    for detail in ["High again", "Insp. Evans", n.name_en.as_str()] {
        assert!(!body.contains(detail) && !subject.contains(detail), "{detail} in the alert");
    }
    assert_ne!(body, &app::tension::alerts::alert_email(app::i18n::Lang::En, "x", "y").1);
    let saved = save_assessment(&db, &who, &n, 5, &input("3", "Still high"), today, public).await.unwrap();
    assert_eq!(saved.raised_to_high, None, "3 to 3");
    assert_eq!(mails().await.len(), before + 1, "no alert while it stays at 3");
    let saved = save_assessment(&db, &who, &n, 6, &input("4", "Critical"), today, public).await.unwrap();
    assert_eq!(saved.raised_to_high, Some(4));
    assert_eq!(mails().await.len(), before + 2, "3 to 4 alerts again");
    let keys: Vec<String> = sqlx::query_scalar(
        "SELECT alert_key FROM tension_alerts_sent WHERE alert_key LIKE 'level:%' ORDER BY alert_key",
    )
    .fetch_all(db.reader())
    .await
    .unwrap();
    assert!(
        keys.contains(&format!("level:{}:5", n.id)) && keys.contains(&format!("level:{}:7", n.id)),
        "{keys:?}"
    );
    assert!(matches!(
        save_assessment(&db, &who, &n, 6, &input("3", "x"), today, public).await,
        Err(Refused::Stale)
    ));
});

both_backends!(de_escalation_actions_added_updated_and_overdue, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
    let slug: String = sqlx::query_scalar(
        "SELECT n.public_slug FROM neighbourhoods n JOIN csps c ON c.id = n.csp_id WHERE c.slug = 'cardiff' ORDER BY n.name_en LIMIT 1",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
    let path = format!("/staff/tension/{slug}");
    let add = format!("{path}/actions");

    let (_, location) =
        post(&app, &add, &lead, &format!("lang=en&title=&kind=youth_diversion&owner=&due_on={}", day(2)))
            .await;
    assert!(location.contains("error=action_title"), "{location}");
    let (_, location) = post(
        &app,
        &add,
        &lead,
        &format!("lang=en&title=Football%20nights&kind=tea&owner=&due_on={}", day(2)),
    )
    .await;
    assert!(location.contains("error=action_kind"), "{location}");
    let body = follow(&app, &location, &lead).await;
    assert!(body.contains("Football nights"), "kept as typed");
    // A title or owner with contact details is refused like any sanitised text.
    let (_, location) = post(
        &app,
        &add,
        &lead,
        &format!(
            "lang=en&title=Visit%20her%20on%2007700%20900123&kind=reassurance_patrols&owner=&due_on={}",
            day(2)
        ),
    )
    .await;
    assert!(location.contains("error=identifies"), "{location}");
    let (_, location) = post(&app, &add, &lead, &format!("lang=en&title=Reassurance%20patrols%20by%20the%20mosque&kind=reassurance_patrols&owner=PCSO%20Jones&due_on={}", day(-2))).await;
    assert!(location.contains("done=action_added"), "{location}");
    let (id, v): (i64, i64) =
        sqlx::query_as("SELECT id, version FROM tension_actions").fetch_one(db.reader()).await.unwrap();

    let (_, body) = page(&app, &path, &lead).await;
    assert!(
        body.contains("Reassurance patrols by the mosque") && body.contains("Overdue"),
        "overdue on the page"
    );
    let (_, body) = page(&app, "/staff/tension", &lead).await;
    assert!(body.contains("1 overdue"), "and on the list");

    let update = format!("{path}/actions/{id}");
    let body_with = |v: i64, status: &str, outcome: &str| {
        format!("lang=en&version={v}&title=Reassurance%20patrols%20by%20the%20mosque&kind=reassurance_patrols&owner=PCSO%20Jones&due_on={}&status={status}&outcome={}", day(-2), encode(outcome))
    };
    let (_, location) =
        post(&app, &update, &lead, &body_with(v, "done", "Ask them at someone@example.org")).await;
    assert!(location.contains("error=identifies"), "{location}");
    let (_, location) = post(&app, &update, &lead, &body_with(v, "finished", "")).await;
    assert!(location.contains("error=action_status"), "{location}");
    let (_, location) =
        post(&app, &update, &lead, &body_with(v, "done", "Patrols held every evening; residents reassured"))
            .await;
    assert!(location.contains("done=action_saved"), "{location}");
    let details: Vec<String> = sqlx::query_scalar(
        "SELECT detail FROM audit_log WHERE action = 'tension_action_changed' AND detail IS NOT NULL",
    )
    .fetch_all(db.reader())
    .await
    .unwrap();
    assert!(
        !details.is_empty() && details.iter().all(|d| !d.contains("mosque")),
        "no free text audited: {details:?}"
    );
    let (_, location) = post(&app, &update, &lead, &body_with(v, "dropped", "")).await;
    assert!(location.contains("error=stale"), "{location}");
    let (_, location) = post(&app, &format!("{path}/actions/99999"), &lead, &body_with(1, "done", "")).await;
    assert!(location.contains("error=action_unknown"), "{location}");
    let status: String =
        sqlx::query_scalar("SELECT status FROM tension_actions").fetch_one(db.reader()).await.unwrap();
    assert_eq!(status, "done");
    let (_, body) = page(&app, &path, &lead).await;
    assert!(!body.contains(">Overdue<") && body.contains("residents reassured"), "done: not overdue");
    let (_, body) = page(&app, "/staff/tension", &lead).await;
    assert!(!body.contains("overdue<"), "nothing overdue on the list");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'tension_action_changed'").await, 2);
    // Welsh.
    let (_, body) = page(&app, &format!("/cy{path}"), &lead).await;
    assert!(body.contains("Camau lleihau tensiwn") && body.contains("Patrolau tawelu meddwl"), "Welsh");
});

both_backends!(level_names_set_by_the_partnership, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let manager = cookie_for(&app, "csp-manager@demo.cymuned.cymru").await;
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let (status, body) = page(&app, "/staff/tension/levels?csp=cardiff", &manager).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("value=\"High\"") && body.contains("value=\"Uchel\""), "the defaults");
    let (status, _) = page(&app, "/staff/tension/levels?csp=cardiff", &officer).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let names = ["Normal", "Low", "Medium", "Amber", "Red"];
    let welsh = ["Arferol", "Isel", "Canolig", "Ambr", "Coch"];
    let levels_body = |welsh_3: &str| {
        let mut b = String::from("lang=en&csp=cardiff");
        for i in 0..5 {
            let cy = if i == 3 { welsh_3 } else { welsh[i] };
            b.push_str(&format!(
                "&name_en={}&name_cy={}&meaning_en=Meaning%20{i}&meaning_cy=Ystyr%20{i}&force_en={}&force_cy=",
                names[i],
                encode(cy),
                if i == 3 { "Amber" } else { "" }
            ));
        }
        b
    };
    let (_, location) = post(&app, "/staff/tension/levels", &manager, &levels_body("")).await;
    assert!(location.contains("error=level_name"), "{location}");
    let body = follow(&app, &location, &manager).await;
    assert!(body.contains("value=\"Amber\"") && body.contains("in English and in Welsh"), "kept as typed");
    let (status, _) = post(&app, "/staff/tension/levels", &officer, &levels_body("Ambr")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM tension_levels").await, 0);
    let (_, location) = post(&app, "/staff/tension/levels", &manager, &levels_body("Ambr")).await;
    assert!(location.contains("done=levels_saved"), "{location}");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM tension_levels").await, 5);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'tension_levels_changed'").await, 1);

    // A neighbourhood at level 3 reads "3 Amber" on the list, "3 Ambr" in Welsh.
    let slug: String = sqlx::query_scalar(
        "SELECT n.public_slug FROM neighbourhoods n JOIN csps c ON c.id = n.csp_id WHERE c.slug = 'cardiff' ORDER BY n.name_en LIMIT 1",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
    let (_, location) = post(
        &app,
        &format!("/staff/tension/{slug}/assess"),
        &officer,
        &format!(
            "lang=en&version=0&level=3&narrative=Flags%20dispute&owner=Insp.%20Evans&review_on={}",
            day(2)
        ),
    )
    .await;
    assert!(location.contains("done=saved"), "{location}");
    let (_, body) = page(&app, "/staff/tension", &officer).await;
    assert!(
        body.contains("3 Amber") && body.contains("police scale: Amber"),
        "the list uses the partnership's names"
    );
    let (_, body) = page(&app, "/cy/staff/tension", &officer).await;
    assert!(body.contains("3 Ambr") && body.contains("Tensiwn cymunedol"), "in Welsh");
});

/// The accounts the route tests add (another CSP's officer and manager, a Cardiff partner) and
/// the public slug of Cardiff's first neighbourhood by name.
async fn other_people_and_a_neighbourhood(db: &Db) -> String {
    add_account(db, "officer@swansea.example", "officer", "swansea", None).await;
    add_account(db, "manager@swansea.example", "csp_manager", "swansea", None).await;
    add_account(
        db,
        "housing@cardiff.example",
        "partner",
        "cardiff",
        Some(("housing", "Cardiff Community Housing")),
    )
    .await;
    let slug: String = sqlx::query_scalar(
        "SELECT n.public_slug FROM neighbourhoods n JOIN csps c ON c.id = n.csp_id WHERE c.slug = 'cardiff' ORDER BY n.name_en LIMIT 1",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
    slug
}

both_backends!(every_route_against_every_role, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let slug = other_people_and_a_neighbourhood(&db).await;
    let path = format!("/staff/tension/{slug}");
    // One action to update.
    let manager = cookie_for(&app, "csp-manager@demo.cymuned.cymru").await;
    let (_, location) = post(
        &app,
        &format!("{path}/actions"),
        &manager,
        "lang=en&title=Myth-busting%20leaflet&kind=myth_busting&owner=&due_on=",
    )
    .await;
    assert!(location.contains("done=action_added"), "{location}");
    let action: i64 =
        sqlx::query_scalar("SELECT id FROM tension_actions").fetch_one(db.reader()).await.unwrap();

    let people = [
        ("signed out", None),
        ("officer", cookie_for(&app, "officer@demo.cymuned.cymru").await),
        ("analyst", cookie_for(&app, "analyst@demo.cymuned.cymru").await),
        ("engagement lead", cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await),
        ("partner", cookie_for(&app, "partner@demo.cymuned.cymru").await),
        ("partner (housing)", cookie_for(&app, "housing@cardiff.example").await),
        ("manager", manager.clone()),
        ("admin", cookie_for(&app, "admin@demo.cymuned.cymru").await),
        ("another CSP's officer", cookie_for(&app, "officer@swansea.example").await),
        ("another CSP's manager", cookie_for(&app, "manager@swansea.example").await),
    ];
    const OK: StatusCode = StatusCode::OK;
    const SEE: StatusCode = StatusCode::SEE_OTHER;
    const NO: StatusCode = StatusCode::FORBIDDEN;
    const GONE: StatusCode = StatusCode::NOT_FOUND;
    for (who, cookie) in &people {
        // (list, neighbourhood, assess form, levels page, assess post, add action, update action, levels post)
        let expected: [StatusCode; 8] = match *who {
            "signed out" => [SEE; 8],
            "officer" | "analyst" | "engagement lead" => [OK, OK, OK, NO, SEE, SEE, SEE, NO],
            "manager" | "admin" => [OK, OK, OK, OK, SEE, SEE, SEE, SEE],
            "partner" | "partner (housing)" => [NO, GONE, GONE, NO, GONE, GONE, GONE, NO],
            "another CSP's officer" => [OK, GONE, GONE, NO, GONE, GONE, GONE, NO],
            "another CSP's manager" => [OK, GONE, GONE, OK, GONE, GONE, GONE, NO],
            _ => unreachable!(),
        };
        let (list, list_body) = page(&app, "/staff/tension", cookie).await;
        let (neighbourhood, _) = page(&app, &path, cookie).await;
        let (assess_form, _) = page(&app, &format!("{path}/assess"), cookie).await;
        let (levels, _) = page(&app, "/staff/tension/levels", cookie).await;
        let v = version(&db, &slug).await;
        let (assess, assessed) = post(
            &app,
            &format!("{path}/assess"),
            cookie,
            &format!("lang=en&version={v}&level=0&narrative=&owner=&review_on={}", day(7)),
        )
        .await;
        let (add, added) = post(
            &app,
            &format!("{path}/actions"),
            cookie,
            "lang=en&title=Patrols&kind=reassurance_patrols&owner=&due_on=",
        )
        .await;
        let action_version: i64 = sqlx::query_scalar("SELECT version FROM tension_actions WHERE id = $1")
            .bind(action)
            .fetch_one(db.reader())
            .await
            .unwrap();
        let (update, updated) = post(&app, &format!("{path}/actions/{action}"), cookie, &format!("lang=en&version={action_version}&title=Myth-busting%20leaflet&kind=myth_busting&owner=&due_on=&status=in_progress&outcome=")).await;
        let levels_form: String = (0..5)
            .map(|i| format!("&name_en=L{i}&name_cy=L{i}&meaning_en=&meaning_cy=&force_en=&force_cy="))
            .collect();
        let (levels_post, levels_saved) =
            post(&app, "/staff/tension/levels", cookie, &format!("lang=en&csp=cardiff{levels_form}")).await;
        assert_eq!(
            [list, neighbourhood, assess_form, levels, assess, add, update, levels_post],
            expected,
            "{who}"
        );
        if *who == "signed out" {
            for location in [&assessed, &added, &updated, &levels_saved] {
                assert!(location.contains("/sign-in"), "{who}: {location}");
            }
        } else if expected[4] == SEE {
            assert!(assessed.contains("done=saved"), "{who}: {assessed}");
            assert!(added.contains("done=action_added"), "{who}: {added}");
            assert!(updated.contains("done=action_saved"), "{who}: {updated}");
        }
        if list == OK {
            assert_eq!(
                list_body.contains(&path),
                !who.starts_with("another CSP"),
                "{who}: Cardiff's neighbourhoods"
            );
        }
    }
    // Only Cardiff's own staff changed anything: five saves, five more actions.
    assert_eq!(version(&db, &slug).await, 5);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM tension_actions").await, 6);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM tension_levels").await, 5, "Cardiff's five levels");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'tension_levels_changed'").await, 2);
});

both_backends!(the_picture_routes_against_every_role, |db: Db, url: String| async move {
    // The weekly summary (issue 15, part 4) has the tension pages' rights: ViewTension in the
    // CSP asked for; partners nothing; another CSP's staff only their own.
    let app = hub(db.clone(), &url).await;
    let slug = other_people_and_a_neighbourhood(&db).await;
    let people = [
        ("signed out", None),
        ("officer", cookie_for(&app, "officer@demo.cymuned.cymru").await),
        ("analyst", cookie_for(&app, "analyst@demo.cymuned.cymru").await),
        ("engagement lead", cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await),
        ("partner", cookie_for(&app, "partner@demo.cymuned.cymru").await),
        ("partner (housing)", cookie_for(&app, "housing@cardiff.example").await),
        ("manager", cookie_for(&app, "csp-manager@demo.cymuned.cymru").await),
        ("admin", cookie_for(&app, "admin@demo.cymuned.cymru").await),
        ("another CSP's officer", cookie_for(&app, "officer@swansea.example").await),
        ("another CSP's manager", cookie_for(&app, "manager@swansea.example").await),
    ];
    const OK: StatusCode = StatusCode::OK;
    const SEE: StatusCode = StatusCode::SEE_OTHER;
    const NO: StatusCode = StatusCode::FORBIDDEN;
    const GONE: StatusCode = StatusCode::NOT_FOUND;
    for (who, cookie) in &people {
        // (own summary, Cardiff's summary, Cardiff's summary in Welsh, map of Cardiff, Cardiff timeline)
        let expected: [StatusCode; 5] = match *who {
            "signed out" => [SEE; 5],
            "officer" | "analyst" | "engagement lead" | "manager" | "admin" => [OK; 5],
            "partner" | "partner (housing)" => [NO, NO, NO, NO, GONE],
            "another CSP's officer" | "another CSP's manager" => [OK, NO, NO, NO, GONE],
            _ => unreachable!(),
        };
        let (own, own_body) = page(&app, "/staff/tension/summary", cookie).await;
        let (cardiff, cardiff_body) = page(&app, "/staff/tension/summary?csp=cardiff", cookie).await;
        let (welsh, welsh_body) = page(&app, "/cy/staff/tension/summary?csp=cardiff", cookie).await;
        let (map, _) = page(&app, "/staff/tension?csp=cardiff", cookie).await;
        let (timeline, timeline_body) = page(&app, &format!("/staff/tension/{slug}"), cookie).await;
        assert_eq!([own, cardiff, welsh, map, timeline], expected, "{who}");
        if own == OK {
            assert!(own_body.contains("weekly community tension summary, week beginning"), "{who}");
            assert_eq!(own_body.contains("Cardiff"), !who.starts_with("another CSP"), "{who}: whose summary");
        }
        if cardiff == OK {
            assert!(cardiff_body.contains("Neighbourhoods at level 2 or above"), "{who}");
            assert!(welsh_body.contains("Crynodeb wythnosol o densiwn cymunedol"), "{who}: Welsh");
            assert!(timeline_body.contains("Timeline"), "{who}");
        } else {
            for body in [&cardiff_body, &welsh_body] {
                assert!(
                    !body.contains("Neighbourhoods at level 2 or above")
                        && !body.contains("Cymdogaethau ar lefel 2"),
                    "{who}"
                );
            }
        }
    }
    // The tasking agenda carries the section only for those with ViewTension.
    let (status, body) = page(&app, "/staff/tasking?csp=cardiff", &people[1].1).await;
    assert_eq!(status, OK);
    assert!(body.contains("id=\"agenda-tension\""));
    let (_, body) = page(&app, "/staff/tasking?csp=cardiff", &people[4].1).await;
    assert!(!body.contains("id=\"agenda-tension\""), "a partner's agenda (if any) has no tension section");
});
