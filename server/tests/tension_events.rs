//! Tension monitoring over HTTP, on SQLite and on PostgreSQL (issue 15, parts 2 and 5): trigger
//! events with their community impact assessments (recorded, edited, a stale form refused and
//! refused forms kept as typed, in both languages), the Counter-Terrorism Local Profile
//! restriction (not in the page source for an officer, shown to a manager), events across a CSP
//! border (read only to the neighbouring CSP, invisible to an unaffected one), `upcoming`, the
//! tension rota (managers only) and its alerts (once per key, in each member's language, no
//! detail in the body, a link into the hub), and every route against every role, signed out and
//! another CSP.

mod common;

use app::{
    db::{self, Db},
    i18n::Lang,
    staff::accounts::{self, NewAccount, DEMO_PASSWORD},
    tension::{
        alerts::{queue_alert, AlertEvent, AlertKind},
        events::{Shown, DAY},
        events_upcoming::upcoming,
    },
};
use axum::{body::Body, Router};
use common::{
    engagement::{cookie_for, encode, post, scalar, sign_in_each, user_id, CARDIFF_STAFF},
    http::{hub, page, send, with_cookie},
    outbox::{last_mail, mails_after},
};
use http::{header, StatusCode};

async fn account(db: &Db, email: &str, role: &str, csp: &str, language: Lang) {
    let account = NewAccount {
        email,
        display_name: email,
        password: DEMO_PASSWORD,
        role,
        csp_slug: csp,
        organisation: None,
        language,
        is_demo: false,
    };
    accounts::create_account(db, account, "test").await.unwrap();
}

/// The first neighbourhood (by id) of the CSP.
async fn neighbourhood_of(db: &Db, csp: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT n.id FROM neighbourhoods n JOIN csps c ON c.id = n.csp_id WHERE c.slug = $1 ORDER BY n.id LIMIT 1",
    )
    .bind(csp)
    .fetch_one(db.reader())
    .await
    .unwrap()
}

async fn csp_id(db: &Db, slug: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM csps WHERE slug = $1").bind(slug).fetch_one(db.reader()).await.unwrap()
}

/// A day `offset` days from today, as the form gives it.
fn day(offset: i64) -> String {
    let now = db::now();
    app::time::iso_date(now - now.rem_euclid(DAY) + offset * DAY)
}

/// The event form: `extra` replaces or adds fields (`&name=value...`).
#[allow(clippy::too_many_arguments)]
fn event_form(
    lang: &str,
    csp: &str,
    version: &str,
    title: &str,
    neighbourhoods: &[i64],
    risk: &str,
    ctlp: bool,
    extra: &str,
) -> String {
    let ns: String = neighbourhoods.iter().map(|n| format!("&neighbourhood={n}")).collect();
    format!(
        "lang={lang}&csp={csp}&version={version}&kind=march&title={}&starts_on={}&ends_on={}\
         &place={}{ns}&risks={}&mitigations={}&owner={}&next_review_on={}&status=planned&risk_level={risk}{}{extra}",
        encode(title),
        day(5),
        day(6),
        encode("From the castle to the civic centre"),
        encode("Counter-protest expected near the station"),
        encode("Reassurance patrols and meetings with community leaders"),
        encode("Cohesion coordinator"),
        day(2),
        if ctlp { "&ctlp=yes" } else { "" },
    )
}

async fn event_id(db: &Db, title: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM tension_events WHERE title = $1")
        .bind(title)
        .fetch_one(db.reader())
        .await
        .unwrap()
}

async fn version_of(db: &Db, id: i64) -> i64 {
    sqlx::query_scalar("SELECT version FROM tension_events WHERE id = $1")
        .bind(id)
        .fetch_one(db.reader())
        .await
        .unwrap()
}

/// The `kept=` token in a redirect.
fn kept_in(location: &str) -> String {
    location.split("kept=").nth(1).unwrap_or("").split('&').next().unwrap_or("").to_string()
}

both_backends!(events_are_recorded_edited_and_refused_forms_kept, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let here = neighbourhood_of(&db, "cardiff").await;

    // Refused (no title): back to the new form, as typed, saying what to put right.
    let (status, location) = post(
        &app,
        "/staff/tension/events",
        &officer,
        &event_form("en", "cardiff", "", " ", &[here], "low", false, ""),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.starts_with("/staff/tension/events/new?csp=cardiff&error=title&kept="), "{location}");
    let (status, body) = page(&app, &location, &officer).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Give the event a title."), "the message is shown");
    assert!(body.contains("From the castle to the civic centre"), "the place comes back as typed");
    assert!(body.contains("Counter-protest expected near the station"), "the risks come back as typed");
    assert!(body.contains(&format!(r#"value="{here}" checked"#)), "the neighbourhood stays chosen");

    // A phone number in the place is refused (in Welsh for a Welsh form), nothing stored.
    let (_, location) = post(
        &app,
        "/staff/tension/events",
        &officer,
        &event_form(
            "cy",
            "cardiff",
            "",
            "Gorymdaith",
            &[here],
            "low",
            false,
            &format!("&place={}", encode("Ffoniwch 07700 900123")),
        ),
    )
    .await;
    assert!(
        location.starts_with("/cy/staff/tension/events/new?csp=cardiff&error=identifies&kept="),
        "{location}"
    );
    let (_, body) = page(&app, &location, &officer).await;
    assert!(
        body.contains("Mae'r teitl, y lle") || body.contains("Mae&#x27;r teitl, y lle"),
        "the Welsh message"
    );
    assert!(body.contains("Ffoniwch 07700 900123"), "kept as typed");
    // (No whole-page English check here: the neighbourhoods' names include "St Augustine's".)
    assert!(body.contains("Cofnodi digwyddiad sbarduno") && !body.contains("Record a trigger event"));
    // A neighbourhood of a CSP that is not a neighbour (Wrexham, far from Cardiff) is refused.
    let far = neighbourhood_of(&db, "wrexham").await;
    let (_, location) = post(
        &app,
        "/staff/tension/events",
        &officer,
        &event_form("en", "cardiff", "", "March", &[far], "low", false, ""),
    )
    .await;
    assert!(location.contains("error=neighbourhoods"), "{location}");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM tension_events").await, 0);

    // Recorded.
    let (_, location) = post(
        &app,
        "/staff/tension/events",
        &officer,
        &event_form("en", "cardiff", "", "Civic centre march", &[here], "medium", false, ""),
    )
    .await;
    let id = event_id(&db, "Civic centre march").await;
    assert_eq!(location, format!("/staff/tension/events/{id}?done=recorded"));
    let (status, body) = page(&app, &location, &officer).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("The event is recorded.") && body.contains("Civic centre march"));
    assert!(body.contains("Reassurance patrols and meetings with community leaders"));
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'tension_event_changed'").await, 1);

    // Edited at its version.
    let (_, location) = post(
        &app,
        &format!("/staff/tension/events/{id}/edit"),
        &officer,
        &event_form("en", "cardiff", "1", "Civic centre march (revised)", &[here], "medium", false, ""),
    )
    .await;
    assert_eq!(location, format!("/staff/tension/events/{id}?done=saved"));
    assert_eq!(version_of(&db, id).await, 2);

    // A stale form (filled in at version 1) is refused, nothing overwritten, kept as typed.
    let (_, location) = post(
        &app,
        &format!("/staff/tension/events/{id}/edit"),
        &officer,
        &event_form("en", "cardiff", "1", "Overwritten title", &[here], "medium", false, ""),
    )
    .await;
    assert!(
        location.starts_with(&format!("/staff/tension/events/{id}/edit?error=stale&kept=")),
        "{location}"
    );
    assert!(!kept_in(&location).is_empty());
    assert_eq!(version_of(&db, id).await, 2);
    let title: String = sqlx::query_scalar("SELECT title FROM tension_events WHERE id = $1")
        .bind(id)
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert_eq!(title, "Civic centre march (revised)");
    let (status, body) = page(&app, &location, &officer).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Overwritten title"), "the stale form comes back as typed");
    assert!(body.contains(r#"name="version" value="2""#), "at the version now saved");
    // A mistake on the edit form: kept as typed too.
    let (_, location) = post(
        &app,
        &format!("/staff/tension/events/{id}/edit"),
        &officer,
        &event_form("en", "cardiff", "2", "Retitled", &[here], "medium", false, "&next_review_on=someday"),
    )
    .await;
    assert!(location.contains("error=review&kept="), "{location}");
    let (_, body) = page(&app, &location, &officer).await;
    assert!(body.contains("someday") && body.contains("Give the next review as a date"));
    // The calendar lists it as upcoming; the Welsh calendar is Welsh.
    let (status, body) = page(&app, "/staff/tension/events?csp=cardiff", &officer).await;
    assert_eq!(status, StatusCode::OK);
    let upcoming_at = body.find("Upcoming events").unwrap();
    assert!(body[upcoming_at..].contains("Civic centre march (revised)"));
    let (status, body) = page(&app, "/cy/staff/tension/events?csp=cardiff", &officer).await;
    assert_eq!(status, StatusCode::OK);
    common::no_english("the Welsh calendar", &body);
});

both_backends!(a_ctlp_assessment_is_restricted, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let manager = cookie_for(&app, "csp-manager@demo.cymuned.cymru").await;
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let analyst = cookie_for(&app, "analyst@demo.cymuned.cymru").await;
    let here = neighbourhood_of(&db, "cardiff").await;
    let (_, location) = post(
        &app,
        "/staff/tension/events",
        &manager,
        &event_form("en", "cardiff", "", "Kestrel vigil", &[here], "medium", true, ""),
    )
    .await;
    assert!(location.contains("done=recorded"), "{location}");
    let id = event_id(&db, "Kestrel vigil").await;
    let secrets = [
        "Kestrel vigil",
        "From the castle",
        "Counter-protest expected",
        "Reassurance patrols",
        "Cohesion coordinator",
    ];

    for path in ["/staff/tension/events?csp=cardiff".to_string(), format!("/staff/tension/events/{id}")] {
        let (status, body) = page(&app, &path, &officer).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(body.contains("Restricted event"), "{path}: the officer sees that a restricted event exists");
        for secret in secrets {
            assert!(!body.contains(secret), "{path}: {secret} is in the officer's page source");
        }
        for who in [&manager, &analyst] {
            let (_, body) = page(&app, &path, who).await;
            assert!(body.contains("Kestrel vigil"), "{path}: shown to a manager and an analyst");
            assert!(!body.contains("Restricted event"));
        }
    }
    // Every read is audited: the calendar and the event, restricted for the officer.
    let reads: Vec<(String, String)> = sqlx::query_as(
        "SELECT record_type, detail FROM audit_log a JOIN users u ON u.id = a.actor_user_id          WHERE a.action = 'tension_viewed' AND u.email = 'officer@demo.cymuned.cymru' ORDER BY a.id",
    )
    .fetch_all(db.reader())
    .await
    .unwrap();
    assert!(reads.iter().any(|(t, _)| t == "tension_events"), "{reads:?}");
    assert!(reads.iter().any(|(t, d)| t == "tension_event" && d.ends_with("restricted")), "{reads:?}");
    // The officer cannot open (or post) its edit form either.
    let (status, body) = page(&app, &format!("/staff/tension/events/{id}/edit"), &officer).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!body.contains("Kestrel"));
    let (status, _) = post(
        &app,
        &format!("/staff/tension/events/{id}/edit"),
        &officer,
        &event_form("en", "cardiff", "1", "Unrestricted now", &[here], "low", false, ""),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(version_of(&db, id).await, 1);
    // `upcoming` for a printed summary: restricted too.
    let now = db::now();
    let today = now - now.rem_euclid(DAY);
    let cardiff = csp_id(&db, "cardiff").await;
    let shown = upcoming(&db, cardiff, today, 14, false).await.unwrap();
    assert!(matches!(shown.as_slice(), [Shown::Restricted { .. }]), "{shown:?}");
});

both_backends!(events_across_the_border, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    account(&db, "officer@vale.example", "officer", "vale-of-glamorgan", Lang::En).await;
    account(&db, "officer@swansea.example", "officer", "swansea", Lang::En).await;
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let vale = cookie_for(&app, "officer@vale.example").await;
    let swansea = cookie_for(&app, "officer@swansea.example").await;
    let here = neighbourhood_of(&db, "cardiff").await;
    // A Vale neighbourhood bordering Cardiff is offered on Cardiff's form.
    let cardiff = csp_id(&db, "cardiff").await;
    let vale_id = csp_id(&db, "vale-of-glamorgan").await;
    let state_wards = server::startup::prepare(&common::settings(&url), &db).await.unwrap();
    let own: Vec<i64> = sqlx::query_scalar("SELECT id FROM neighbourhoods WHERE csp_id = $1")
        .bind(cardiff)
        .fetch_all(db.reader())
        .await
        .unwrap();
    let bordering = state_wards.neighbouring(&own);
    let mut across = None;
    for n in bordering {
        let csp: i64 = sqlx::query_scalar("SELECT csp_id FROM neighbourhoods WHERE id = $1")
            .bind(n)
            .fetch_one(db.reader())
            .await
            .unwrap();
        if csp == vale_id {
            across = Some(n);
            break;
        }
    }
    let across = across.expect("a Vale of Glamorgan neighbourhood borders Cardiff");
    let (_, body) = page(&app, "/staff/tension/events/new?csp=cardiff", &officer).await;
    assert!(
        body.contains(&format!(r#"value="{across}""#)),
        "the neighbouring CSP's neighbourhoods are offered"
    );
    assert!(body.contains("Vale of Glamorgan"));

    let (_, location) = post(
        &app,
        "/staff/tension/events",
        &officer,
        &event_form("en", "cardiff", "", "Derby day", &[here, across], "medium", false, "&kind=football"),
    )
    .await;
    assert!(location.contains("done=recorded"), "{location}");
    let id = event_id(&db, "Derby day").await;

    // The Vale's officer sees it on the Vale's calendar, marked as Cardiff's and read only.
    let (status, body) = page(&app, "/staff/tension/events", &vale).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Derby day") && body.contains("(theirs: read only)") && body.contains("Cardiff"));
    let (status, body) = page(&app, &format!("/staff/tension/events/{id}"), &vale).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Derby day") && body.contains("you can read it but not change it"));
    assert!(!body.contains(&format!("/staff/tension/events/{id}/edit")), "no edit link");
    let (status, _) = page(&app, &format!("/staff/tension/events/{id}/edit"), &vale).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = post(
        &app,
        &format!("/staff/tension/events/{id}/edit"),
        &vale,
        &event_form("en", "cardiff", "1", "Changed by the Vale", &[here], "low", false, ""),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(version_of(&db, id).await, 1);

    // Swansea (not affected) sees nothing of it.
    let (status, body) = page(&app, "/staff/tension/events", &swansea).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains("Derby day"));
    let (status, body) = page(&app, &format!("/staff/tension/events/{id}"), &swansea).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!body.contains("Derby day"));

    // `upcoming`: in both affected CSPs' fortnight, not Swansea's; not beyond the window.
    let now = db::now();
    let today = now - now.rem_euclid(DAY);
    let titles = |shown: Vec<Shown>| -> Vec<String> {
        shown
            .into_iter()
            .filter_map(|s| match s {
                Shown::Full(e) => Some(e.details.title),
                Shown::Restricted { .. } => None,
            })
            .collect()
    };
    assert_eq!(titles(upcoming(&db, cardiff, today, 14, true).await.unwrap()), vec!["Derby day".to_string()]);
    assert_eq!(titles(upcoming(&db, vale_id, today, 14, true).await.unwrap()), vec!["Derby day".to_string()]);
    let swansea_id = csp_id(&db, "swansea").await;
    assert!(upcoming(&db, swansea_id, today, 14, true).await.unwrap().is_empty());
    assert!(
        upcoming(&db, cardiff, today, 5, true).await.unwrap().is_empty(),
        "starts in 5 days: outside 5 days"
    );
    assert!(upcoming(&db, cardiff, today + 30 * DAY, 14, true).await.unwrap().is_empty(), "over by then");
    // Cancelled: no longer upcoming.
    let (_, location) = post(
        &app,
        &format!("/staff/tension/events/{id}/edit"),
        &officer,
        &event_form("en", "cardiff", "1", "Derby day", &[here, across], "medium", false, "&status=cancelled"),
    )
    .await;
    assert!(location.contains("done=saved"), "{location}");
    assert!(upcoming(&db, cardiff, today, 14, true).await.unwrap().is_empty());
});

both_backends!(the_rota_and_its_alerts, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    account(&db, "swyddog@caerdydd.example", "officer", "cardiff", Lang::Cy).await;
    let manager = cookie_for(&app, "csp-manager@demo.cymuned.cymru").await;
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let cardiff = csp_id(&db, "cardiff").await;
    let welsh = user_id(&db, "swyddog@caerdydd.example").await;
    let analyst = user_id(&db, "analyst@demo.cymuned.cymru").await;
    let partner = user_id(&db, "partner@demo.cymuned.cymru").await;

    // Only managers keep the rota.
    let (status, _) =
        post(&app, "/staff/tension/rota/add", &officer, &format!("lang=en&csp=cardiff&user={welsh}")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = page(&app, "/staff/tension/rota?csp=cardiff", &officer).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    for who in [welsh, analyst] {
        let (_, location) =
            post(&app, "/staff/tension/rota/add", &manager, &format!("lang=en&csp=cardiff&user={who}")).await;
        assert_eq!(location, "/staff/tension/rota?csp=cardiff&done=rota_added");
    }
    // A partner is not offered, and cannot be added.
    let (_, location) =
        post(&app, "/staff/tension/rota/add", &manager, &format!("lang=en&csp=cardiff&user={partner}")).await;
    assert!(location.ends_with("error=rota_person"), "{location}");
    let (status, body) = page(&app, "/staff/tension/rota?csp=cardiff", &manager).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("swyddog@caerdydd.example") && body.contains("Cymraeg"),
        "the member and their language"
    );
    assert!(!body.contains(&format!(r#"<option value="{partner}""#)));
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM tension_rota").await, 2);
    // Removed, and put back.
    let (_, location) =
        post(&app, "/staff/tension/rota/remove", &officer, &format!("lang=en&csp=cardiff&user={analyst}"))
            .await;
    assert!(location.is_empty());
    let (_, location) =
        post(&app, "/staff/tension/rota/remove", &manager, &format!("lang=en&csp=cardiff&user={analyst}"))
            .await;
    assert!(location.ends_with("done=rota_removed"), "{location}");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM tension_rota").await, 1);
    post(&app, "/staff/tension/rota/add", &manager, &format!("lang=en&csp=cardiff&user={analyst}")).await;
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'tension_rota_changed'").await, 4);

    // An alert raised directly: one email per member, in their language, once per key.
    let before = last_mail(&db).await;
    let alert = AlertEvent {
        key: "level:42:3".into(),
        kind: AlertKind::Level,
        link_path: "/staff/tension/events".into(),
    };
    let public = common::settings(&url).public_url;
    let mut tx = db.writer().begin().await.unwrap();
    assert_eq!(queue_alert(&mut tx, &public, cardiff, &alert).await.unwrap(), 2);
    tx.commit().await.unwrap();
    let mut tx = db.writer().begin().await.unwrap();
    assert_eq!(queue_alert(&mut tx, &public, cardiff, &alert).await.unwrap(), 0, "once per key");
    tx.commit().await.unwrap();
    let mails = mails_after(&db, before).await;
    assert_eq!(mails.len(), 2);
    let to_welsh = mails.iter().find(|m| m.to_address == "swyddog@caerdydd.example").unwrap();
    assert_eq!(to_welsh.subject, "Rhybudd tensiwn: Partneriaeth Diogelwch Cymunedol Caerdydd");
    assert!(
        to_welsh
            .body
            .contains("Mae angen eich sylw ar rybudd tensiwn yn Partneriaeth Diogelwch Cymunedol Caerdydd"),
        "{}",
        to_welsh.body
    );
    assert!(
        to_welsh.body.contains(&format!("{}/cy/staff/tension/events", public.trim_end_matches('/'))),
        "{}",
        to_welsh.body
    );
    let to_analyst = mails.iter().find(|m| m.to_address == "analyst@demo.cymuned.cymru").unwrap();
    assert!(to_analyst.body.contains("A tension alert needs your attention in Cardiff CSP"));
    assert!(to_analyst.body.contains(&format!("{}/staff/tension/events", public.trim_end_matches('/'))));
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'tension_alert_queued'").await, 1);

    // An event saved at risk level high alerts the rota, with no detail in the body; saved
    // again at high (a new version) it does not alert again, nor at medium; risen to high again
    // from medium, it alerts again.
    let here = neighbourhood_of(&db, "cardiff").await;
    let before = last_mail(&db).await;
    let (_, location) = post(
        &app,
        "/staff/tension/events",
        &officer,
        &event_form("en", "cardiff", "", "Bridge Street rally", &[here], "high", false, ""),
    )
    .await;
    assert!(location.contains("done=recorded"), "{location}");
    let id = event_id(&db, "Bridge Street rally").await;
    let mails = mails_after(&db, before).await;
    assert_eq!(mails.len(), 2, "one per rota member");
    for m in &mails {
        for detail in [
            "Bridge Street",
            "castle",
            "Counter-protest",
            "Reassurance",
            "Cohesion coordinator",
            "march",
            "high",
        ] {
            assert!(!m.body.contains(detail) && !m.subject.contains(detail), "{detail} in {}", m.body);
        }
        assert!(m.body.contains(&format!("/staff/tension/events/{id}")), "a link into the hub: {}", m.body);
    }
    let sent: i64 = sqlx::query_scalar("SELECT recipients FROM tension_alerts_sent WHERE alert_key = $1")
        .bind(format!("event:{id}:1"))
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert_eq!(sent, 2);
    let before = last_mail(&db).await;
    post(
        &app,
        &format!("/staff/tension/events/{id}/edit"),
        &officer,
        &event_form("en", "cardiff", "1", "Bridge Street rally", &[here], "high", false, ""),
    )
    .await;
    assert_eq!(mails_after(&db, before).await.len(), 0, "still high: once per rise, not per save");
    let before = last_mail(&db).await;
    post(
        &app,
        &format!("/staff/tension/events/{id}/edit"),
        &officer,
        &event_form("en", "cardiff", "2", "Bridge Street rally", &[here], "medium", false, ""),
    )
    .await;
    assert_eq!(mails_after(&db, before).await.len(), 0, "not at medium");
    let before = last_mail(&db).await;
    post(
        &app,
        &format!("/staff/tension/events/{id}/edit"),
        &officer,
        &event_form("en", "cardiff", "3", "Bridge Street rally", &[here], "high", false, ""),
    )
    .await;
    assert_eq!(mails_after(&db, before).await.len(), 2, "risen to high again: alerted again");
    assert_eq!(version_of(&db, id).await, 4);
});

/// 0: sent to sign in; else the status.
fn status_of(status: StatusCode, location: &str) -> u16 {
    if status == StatusCode::SEE_OTHER
        && (location.starts_with("/sign-in") || location.starts_with("/cy/sign-in"))
    {
        0
    } else {
        status.as_u16()
    }
}

async fn get_status(app: &Router, path: &str, cookie: &Option<String>) -> u16 {
    let (s, h, _) =
        send(app, with_cookie(http::Request::get(path), cookie).body(Body::empty()).unwrap()).await;
    let location = h.get(header::LOCATION).map(|l| l.to_str().unwrap().to_string()).unwrap_or_default();
    status_of(s, &location)
}

both_backends!(every_route_against_every_role, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    account(&db, "officer@swansea.example", "officer", "swansea", Lang::En).await;
    account(&db, "manager@swansea.example", "csp_manager", "swansea", Lang::En).await;
    let manager = cookie_for(&app, "csp-manager@demo.cymuned.cymru").await;
    let here = neighbourhood_of(&db, "cardiff").await;
    post(
        &app,
        "/staff/tension/events",
        &manager,
        &event_form("en", "cardiff", "", "Fixture", &[here], "low", false, ""),
    )
    .await;
    let id = event_id(&db, "Fixture").await;
    let rota_user = user_id(&db, "analyst@demo.cymuned.cymru").await;

    let mut people = vec![("signed out", None)];
    people.extend(sign_in_each(&app, &CARDIFF_STAFF).await);
    people.extend(
        sign_in_each(
            &app,
            &[("Swansea officer", "officer@swansea.example"), ("Swansea manager", "manager@swansea.example")],
        )
        .await,
    );
    // (calendar, new form page, record, event page, edit page, edit, rota page, rota add/remove)
    let expected = |who: &str| -> [u16; 8] {
        match who {
            "signed out" => [0; 8],
            "officer" | "analyst" | "engagement lead" => [200, 200, 303, 200, 200, 303, 403, 403],
            "manager" | "admin" => [200, 200, 303, 200, 200, 303, 200, 303],
            "partner" => [403, 403, 403, 404, 404, 404, 403, 403],
            // Another CSP's staff, on Cardiff's calendar, event and rota.
            _ => [403, 403, 403, 404, 404, 404, 403, 403],
        }
    };
    for (i, (who, cookie)) in people.iter().enumerate() {
        let want = expected(who);
        let mut got = [0u16; 8];
        got[0] = get_status(&app, "/staff/tension/events?csp=cardiff", cookie).await;
        got[1] = get_status(&app, "/staff/tension/events/new?csp=cardiff", cookie).await;
        let before = scalar(&db, "SELECT COUNT(*) FROM tension_events").await;
        let (s, location) = post(
            &app,
            "/staff/tension/events",
            cookie,
            &event_form("en", "cardiff", "", &format!("Event {i}"), &[here], "low", false, ""),
        )
        .await;
        got[2] = status_of(s, &location);
        let after = scalar(&db, "SELECT COUNT(*) FROM tension_events").await;
        assert_eq!(after - before, i64::from(got[2] == 303), "{who}: stored only when allowed");
        got[3] = get_status(&app, &format!("/staff/tension/events/{id}"), cookie).await;
        got[4] = get_status(&app, &format!("/staff/tension/events/{id}/edit"), cookie).await;
        let version = version_of(&db, id).await;
        let (s, location) = post(
            &app,
            &format!("/staff/tension/events/{id}/edit"),
            cookie,
            &event_form("en", "cardiff", &version.to_string(), "Fixture", &[here], "low", false, ""),
        )
        .await;
        got[5] = status_of(s, &location);
        assert_eq!(
            version_of(&db, id).await - version,
            i64::from(got[5] == 303),
            "{who}: saved only when allowed"
        );
        got[6] = get_status(&app, "/staff/tension/rota?csp=cardiff", cookie).await;
        let (s, location) =
            post(&app, "/staff/tension/rota/add", cookie, &format!("lang=en&csp=cardiff&user={rota_user}"))
                .await;
        got[7] = status_of(s, &location);
        let (s2, location) = post(
            &app,
            "/staff/tension/rota/remove",
            cookie,
            &format!("lang=en&csp=cardiff&user={rota_user}"),
        )
        .await;
        assert_eq!(status_of(s2, &location), got[7], "{who}: remove as add");
        assert_eq!(got, want, "{who}");
    }
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM tension_rota").await, 0);
});
