//! "You said, we did" publications (issue 14, part 2) over HTTP, on SQLite and PostgreSQL: a
//! lead drafts one from a closed problem profile and the area's reports; every new action is
//! refused to another partnership's lead, an officer, a partner and a signed-out visitor;
//! publishing is refused without the Welsh and while a text names a linked resident (saying
//! which item); bad input comes back as typed; publishing tells the area's subscribers in their
//! language (with List-Unsubscribe) and the linked residents who may be emailed, once; a
//! published version never changes (the database refuses it) and a correction is shown; the
//! public page, its Welsh twin with no English, its page views, the neighbourhood and partnership
//! pages and both feeds; unknown or unpublished publications are a 404 in both languages.

mod common;

use app::{
    db::{
        self,
        engagement::{EqualityRow, NewResponse},
        Db,
    },
    engagement::{
        survey::{QuestionKind, Survey},
        ResponseChannel,
    },
    i18n::Lang,
    reference::Names,
};
use axum::Router;
use common::{
    engagement::{
        add_account, cardiff, closed_campaign, cookie_for, encode, no_english, post, publish, question,
        scalar, scalar_for, user_id,
    },
    http::{hub, page, send},
    outbox::{last_mail, mails_after},
};
use http::{header, StatusCode};
use std::collections::HashMap;
use std::str::FromStr;

const DAY: i64 = 86_400;

/// A drugs report in Cardiff by a named resident, in `lang`, with or without consent.
async fn report(app: &Router, db: &Db, lang: &str, name: &str, email: &str, consent: bool) -> String {
    let body = format!(
        "lang={lang}&area=W06000015&category=drugs&ward=&lat=51.4943&lon=-3.1812&ongoing=on\
         &description=Dealing%20from%20the%20corner%20house%20every%20night&anonymous=no&name={}&email={}&contact_language={lang}{}",
        encode(name),
        encode(email),
        if consent { "&consent=on" } else { "" }
    );
    let (status, _) = post(app, "/report", &None, &body).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    sqlx::query_scalar("SELECT reference FROM reports ORDER BY id DESC LIMIT 1")
        .fetch_one(db.reader())
        .await
        .unwrap()
}

async fn grade(app: &Router, db: &Db, officer: &Option<String>, reference: &str) {
    let v: i64 = sqlx::query_scalar("SELECT version FROM reports WHERE reference = $1")
        .bind(reference)
        .fetch_one(db.reader())
        .await
        .unwrap();
    let (_, location) = post(app, &format!("/staff/reports/{reference}/grade"), officer, &format!("lang=en&version={v}&summary=Drug%20dealing%20from%20a%20house%20at%20night&source=2&intelligence=B&handling=P")).await;
    assert!(location.contains("done=graded"), "{location}");
}

/// A profile over the reports (opened by the analyst), closed yesterday with its outcome:
/// (its id, the neighbourhood of the reports).
async fn closed_profile(app: &Router, db: &Db, analyst: &Option<String>, references: &[&str]) -> (i64, i64) {
    let neighbourhood: i64 = sqlx::query_scalar("SELECT neighbourhood_id FROM reports WHERE reference = $1")
        .bind(references[0])
        .fetch_one(db.reader())
        .await
        .unwrap();
    let category: i64 = sqlx::query_scalar("SELECT category_id FROM reports WHERE reference = $1")
        .bind(references[0])
        .fetch_one(db.reader())
        .await
        .unwrap();
    let body = format!(
        "lang=en&csp=cardiff&title=Drug%20dealing%20around%20the%20corner%20house&priority=high&neighbourhood={neighbourhood}&category={category}\
         &period_from={}&period_to={}&requester=Tactical%20tasking&aim=Stop%20the%20dealing&references={}",
        app::time::iso_date(db::now() - 364 * DAY),
        app::time::iso_date(db::now()),
        references.join(",")
    );
    let (_, location) = post(app, "/staff/problems", analyst, &body).await;
    assert!(location.contains("done=opened"), "{location}");
    let reference = location.split("/staff/problems/").nth(1).unwrap().split('?').next().unwrap().to_string();
    let id: i64 = sqlx::query_scalar("SELECT id FROM problem_profiles WHERE reference = $1")
        .bind(&reference)
        .fetch_one(db.reader())
        .await
        .unwrap();
    // Closing itself is tested with problems; here it is the starting point.
    sqlx::query(
        "UPDATE problem_profiles SET stage = 'closed', decision = 'close', closed_at = $1, response_started_at = $2, \
         window_days = 28, outcome_en = 'Boarded up', outcome_cy = 'Wedi cau' WHERE id = $3",
    )
    .bind(db::now() - DAY)
    .bind(db::now() - 60 * DAY)
    .bind(id)
    .execute(db.writer())
    .await
    .unwrap();
    (id, neighbourhood)
}

async fn subscriber(db: &Db, email: &str, neighbourhood: i64, language: &str, frequency: &str, status: &str) {
    sqlx::query(
        "INSERT INTO subscriptions (email, csp_id, neighbourhood_id, language, frequency, status, created_at, next_digest_at) \
         VALUES ($1, (SELECT id FROM csps WHERE slug = 'cardiff'), $2, $3, $4, $5, $6, $7)",
    )
    .bind(email)
    .bind(neighbourhood)
    .bind(language)
    .bind(frequency)
    .bind(status)
    .bind(db::now())
    .bind(db::now() + 7 * DAY)
    .execute(db.writer())
    .await
    .unwrap();
}

/// A publication's latest version id.
async fn latest_version(db: &Db, id: i64) -> i64 {
    scalar_for(db, "SELECT MAX(id) FROM publication_versions WHERE publication_id = $1", id).await
}

/// The edit form's body for a publication's latest version with `items` (kind, en, cy, source).
fn edit_body(version: i64, title: (&str, &str), items: &[(&str, &str, &str, &str)]) -> String {
    let mut body = format!(
        "lang=en&csp=cardiff&version={version}&title_en={}&title_cy={}&intro_en={}&intro_cy={}",
        encode(title.0),
        encode(title.1),
        encode("What you told us and what was done."),
        encode("Yr hyn a ddywedoch chi a'r hyn a wnaed.")
    );
    for (kind, en, cy, source) in items {
        body.push_str(&format!(
            "&item_kind={kind}&item_en={}&item_cy={}&item_source={}&item_action=keep",
            encode(en),
            encode(cy),
            encode(source)
        ));
    }
    body
}

both_backends!(drafting_publishing_telling_and_correcting, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    add_account(&db, "lead@swansea.example", "Swansea lead", "engagement_lead", "swansea", None).await;
    let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let analyst = cookie_for(&app, "analyst@demo.cymuned.cymru").await;
    let partner = cookie_for(&app, "partner@demo.cymuned.cymru").await;
    let other_lead = cookie_for(&app, "lead@swansea.example").await;

    // Four residents' reports, one profile closed yesterday over them.
    let sian = report(&app, &db, "cy", "Siân Roberts", "sian@example.cymru", true).await;
    let gareth = report(&app, &db, "en", "Gareth Jones", "gareth@example.com", true).await;
    let safe = report(&app, &db, "en", "Alys Price", "alys@example.com", true).await;
    let quiet = report(&app, &db, "en", "Dewi Hughes", "dewi@example.com", false).await;
    sqlx::query("UPDATE report_reporters SET safe_contact = 'Phone only' WHERE report_id = (SELECT id FROM reports WHERE reference = $1)")
        .bind(&safe)
        .execute(db.writer())
        .await
        .unwrap();
    for r in [&sian, &gareth, &safe, &quiet] {
        grade(&app, &db, &officer, r).await;
    }
    let (profile, neighbourhood) =
        closed_profile(&app, &db, &analyst, &[&sian, &gareth, &safe, &quiet]).await;

    // Subscribers: the neighbourhood's in Welsh, the partnership's in English; a pending one and
    // another neighbourhood's are not told.
    let elsewhere: i64 = sqlx::query_scalar(
        "SELECT id FROM neighbourhoods WHERE csp_id = (SELECT id FROM csps WHERE slug = 'cardiff') AND id <> $1 ORDER BY id LIMIT 1",
    )
    .bind(neighbourhood)
    .fetch_one(db.reader())
    .await
    .unwrap();
    subscriber(&db, "cymraeg@example.cymru", neighbourhood, "cy", "immediate", "confirmed").await;
    subscriber(&db, "all@example.com", 0, "en", "immediate", "confirmed").await;
    subscriber(&db, "weekly@example.com", neighbourhood, "en", "weekly", "confirmed").await;
    subscriber(&db, "pending@example.com", neighbourhood, "en", "immediate", "pending").await;
    subscriber(&db, "elsewhere@example.com", elsewhere, "en", "immediate", "confirmed").await;

    // The list and the new form: the lead (and in Welsh); refused to others.
    let (status, body) = page(&app, "/staff/engagement/publications", &lead).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("Draft a new publication")
            && body.contains("action=\"/staff/engagement/publications/new\"")
    );
    let (status, body) = page(&app, "/cy/staff/engagement/publications", &lead).await;
    assert_eq!(status, StatusCode::OK);
    no_english("/cy/staff/engagement/publications", &body);
    for (who, cookie) in [("officer", &officer), ("partner", &partner), ("analyst", &analyst)] {
        let (status, _) = page(&app, "/staff/engagement/publications", cookie).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{who}");
    }
    let (status, _) = page(&app, "/staff/engagement/publications", &None).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "signed out: to sign in");

    let from = app::time::iso_date(db::now() - 30 * DAY);
    let today = app::time::iso_date(db::now());
    let new_body = format!("lang=en&csp=cardiff&area={neighbourhood}&from={from}&to={today}");
    for (who, cookie) in
        [("Swansea's lead", &other_lead), ("officer", &officer), ("partner", &partner), ("signed out", &None)]
    {
        let (status, location) = post(&app, "/staff/engagement/publications/new", cookie, &new_body).await;
        assert!(!location.contains("done="), "{who}: {status} {location}");
    }
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM publications").await, 0, "nothing made by the refused");

    // Bad input comes back as typed.
    let (_, location) = post(
        &app,
        "/staff/engagement/publications/new",
        &lead,
        &format!("lang=en&csp=cardiff&area={neighbourhood}&from={today}&to={from}"),
    )
    .await;
    assert!(location.contains("error=publication_period&kept="), "{location}");
    let (status, body) = page(&app, &location, &lead).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(&format!("value=\"{from}\"")) && body.contains("Give the period as two dates"));

    // The lead drafts it: the closed profile is a "we did" item, the reports a "you said" one.
    let (_, location) = post(&app, "/staff/engagement/publications/new", &lead, &new_body).await;
    assert!(location.contains("done=publication_drafted"), "{location}");
    let id: i64 =
        location.split("/publications/").nth(1).unwrap().split('?').next().unwrap().parse().unwrap();
    let path = format!("/staff/engagement/publications/{id}");
    let version = latest_version(&db, id).await;
    assert_eq!(
        scalar_for(&db, "SELECT COUNT(*) FROM publication_items WHERE version_id = $1 AND kind = 'did' AND source = 'profile'", version).await,
        1
    );
    assert!(
        scalar_for(
            &db,
            "SELECT COUNT(*) FROM publication_items WHERE version_id = $1 AND kind = 'said'",
            version
        )
        .await
            >= 1
    );
    let (status, body) = page(&app, &path, &lead).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("You said, we did")
            && body.contains("Save the draft")
            && body.contains("Nothing stops it being published"),
        "drafted in both languages"
    );
    assert!(body.contains("data-reach=\"subscribers\">0<"));

    // Another partnership's lead, an officer, a partner, a signed-out visitor: the page, the
    // preview and every form refused.
    for (who, cookie, expected) in [
        ("Swansea's lead", &other_lead, StatusCode::NOT_FOUND),
        ("officer", &officer, StatusCode::FORBIDDEN),
        ("partner", &partner, StatusCode::FORBIDDEN),
        ("signed out", &None, StatusCode::SEE_OTHER),
    ] {
        let (status, _) = page(&app, &path, cookie).await;
        assert_eq!(status, expected, "{who}");
        let (status, _) = page(&app, &format!("{path}/preview"), cookie).await;
        assert!(status != StatusCode::OK, "{who}: preview {status}");
        for action in ["edit", "publish", "correct"] {
            let (status, location) = post(
                &app,
                &format!("{path}/{action}"),
                cookie,
                &format!(
                    "{}&correction_en=a&correction_cy=b",
                    edit_body(version, ("Hijacked", "Hijacked"), &[("said", "x", "y", "none")])
                ),
            )
            .await;
            assert!(!location.contains("done="), "{who} {action}: {status} {location}");
        }
    }
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM publication_versions WHERE title_en = 'Hijacked' OR published_at IS NOT NULL").await, 0);

    // Publishing refused until the Welsh is there, saying which item.
    let profile_source = format!("profile:{profile}");
    let no_welsh = edit_body(
        version,
        ("Autumn in the neighbourhood", "Hydref yn y gymdogaeth"),
        &[
            (
                "said",
                "You made 4 reports about drug dealing.",
                "Fe wnaethoch chi 4 adroddiad am werthu cyffuriau.",
                "none",
            ),
            ("did", "The house was boarded up.", "", &profile_source),
            ("said", "", "", "none"),
        ],
    );
    let (_, location) = post(&app, &format!("{path}/edit"), &lead, &no_welsh).await;
    assert!(location.contains("done=publication_saved"), "{location}");
    let version_form = format!("lang=en&csp=cardiff&version={version}");
    let (_, location) = post(&app, &format!("{path}/publish"), &lead, &version_form).await;
    assert!(location.contains("error=publication_incomplete"), "{location}");
    let (_, body) = page(&app, &location, &lead).await;
    assert!(body.contains("Write the Welsh of item 2"), "says which item");
    let (_, body) = page(&app, &format!("/cy{path}?error=publication_incomplete"), &lead).await;
    assert!(body.contains("Ysgrifennwch Gymraeg eitem 2"), "in Welsh too");

    // A text naming a linked resident is refused, saying which item.
    let naming = edit_body(
        version,
        ("Autumn in the neighbourhood", "Hydref yn y gymdogaeth"),
        &[
            (
                "said",
                "You made 4 reports about drug dealing.",
                "Fe wnaethoch chi 4 adroddiad am werthu cyffuriau.",
                "none",
            ),
            (
                "did",
                "Thanks to Gareth, the house was boarded up.",
                "Diolch i Gareth, caewyd y tŷ.",
                &profile_source,
            ),
        ],
    );
    let (_, location) = post(&app, &format!("{path}/edit"), &lead, &naming).await;
    assert!(location.contains("done=publication_saved"), "{location}");
    let (_, location) = post(&app, &format!("{path}/publish"), &lead, &version_form).await;
    assert!(location.contains("error=publication_identifies"), "{location}");
    let (_, body) = page(&app, &location, &lead).await;
    assert!(body.contains("item 2 names or gives the contact details of a resident"), "says which item");
    assert_eq!(last_mail_after_publish_count(&db).await, 0, "nothing sent while refused");

    // Bad input: the form comes back as typed, never a 500.
    let mut bad = edit_body(
        version,
        ("Typed title", "Teitl"),
        &[("shouted", "Kept as typed", "Fel y teipiwyd", "none")],
    );
    bad.push_str("&item_kind=said&item_en=&item_cy=&item_source=none&item_action=keep");
    let (status, location) = post(&app, &format!("{path}/edit"), &lead, &bad).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.contains("error=publication_item&kept="), "{location}");
    let (status, body) = page(&app, &location, &lead).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Kept as typed") && body.contains("Typed title"), "kept as typed");
    let (_, location) = post(
        &app,
        &format!("{path}/edit"),
        &lead,
        &format!(
            "{}&item_source=profile:999999&item_kind=did&item_en=a&item_cy=b&item_action=keep",
            edit_body(version, ("T", "T"), &[])
        ),
    )
    .await;
    assert!(location.contains("error=publication_item"), "another partnership's or no profile: {location}");
    let (status, _) =
        post(&app, &format!("{path}/edit"), &lead, "lang=en&csp=cardiff&version=nonsense").await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    // Put right, previewed (exactly the public body) and published.
    let good = edit_body(
        version,
        ("Autumn in the neighbourhood", "Hydref yn y gymdogaeth"),
        &[
            (
                "said",
                "You made 4 reports about drug dealing.",
                "Fe wnaethoch chi 4 adroddiad am werthu cyffuriau.",
                "none",
            ),
            ("did", "The house was boarded up.", "Caewyd y tŷ.", &profile_source),
        ],
    );
    let (_, location) = post(&app, &format!("{path}/edit"), &lead, &good).await;
    assert!(location.contains("done=publication_saved"), "{location}");
    let (status, body) = page(&app, &format!("{path}/preview"), &lead).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Autumn in the neighbourhood") && body.contains("The house was boarded up."));
    let (status, _) = page(&app, &format!("/you-said-we-did/{id}"), &None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "not public before it is published");
    let before = last_mail(&db).await;
    let (_, location) = post(&app, &format!("{path}/publish"), &lead, &version_form).await;
    assert!(location.contains("done=publication_published"), "{location}");
    // The subscribers' emails are queued after the request, by the mail worker's news delivery.
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM news_deliveries").await, 2);
    let subscribed = ["cymraeg@example.cymru", "all@example.com"];
    assert!(
        mails_after(&db, before).await.iter().all(|m| !subscribed.contains(&m.to_address.as_str())),
        "no subscriber's email queued by the request"
    );
    assert_eq!(common::deliver_news(&db).await, 2);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM news_deliveries").await, 0);

    // Subscribers told in their language with one-click unsubscribe; linked residents who may
    // be emailed told once in theirs; the safe-contact and no-consent reporters not at all.
    let sent = mails_after(&db, before).await;
    let to = |address: &str| sent.iter().filter(|m| m.to_address == address).collect::<Vec<_>>();
    let welsh = to("cymraeg@example.cymru");
    assert_eq!(welsh.len(), 1, "{sent:?}");
    assert!(
        welsh[0].subject.contains("Dywedoch chi, gwnaethom ni: Hydref yn y gymdogaeth"),
        "{}",
        welsh[0].subject
    );
    assert!(welsh[0].body.contains(&format!("/cy/you-said-we-did/{id}")));
    assert!(welsh[0].list_unsubscribe.as_deref().is_some_and(|u| u.contains("/cy/unsubscribe/")));
    let english = to("all@example.com");
    assert_eq!(english.len(), 1);
    assert!(english[0].subject.contains("You said, we did: Autumn in the neighbourhood"));
    assert!(english[0].list_unsubscribe.as_deref().is_some_and(|u| u.contains("/unsubscribe/")));
    for nobody in [
        "pending@example.com",
        "elsewhere@example.com",
        "weekly@example.com",
        "alys@example.com",
        "dewi@example.com",
    ] {
        assert!(to(nobody).is_empty(), "{nobody} is not emailed now");
    }
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM digest_entries").await,
        1,
        "the weekly subscriber's digest holds it"
    );
    let sian_mail = to("sian@example.cymru");
    assert_eq!(sian_mail.len(), 1);
    assert!(
        sian_mail[0].subject.contains("Hydref yn y gymdogaeth")
            && sian_mail[0].body.contains(&format!("/cy/you-said-we-did/{id}"))
    );
    assert_eq!(to("gareth@example.com").len(), 1);
    assert!(to("gareth@example.com")[0].subject.contains("Autumn in the neighbourhood"));
    assert_eq!(scalar_for(&db, "SELECT told_subscribers FROM publications WHERE id = $1", id).await, 2);
    assert_eq!(scalar_for(&db, "SELECT told_reporters FROM publications WHERE id = $1", id).await, 2);

    // The list email's headers when sent (RFC 8058).
    let list = welsh[0].list_unsubscribe.as_deref().unwrap();
    assert!(welsh[0].body.contains(list), "the same address as a link in the body");
    let message = app::mail::build(
        &"Hub <hub@example.com>".parse().unwrap(),
        &welsh[0].to_address,
        &welsh[0].subject,
        &welsh[0].body,
        Some(list),
    )
    .unwrap();
    let raw = String::from_utf8(message.formatted()).unwrap().replace("\r\n ", " ");
    assert!(raw.contains(&format!("List-Unsubscribe: <{list}>")), "{raw}");
    assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));

    // A published version never changes: the database refuses it.
    assert!(sqlx::query("UPDATE publication_versions SET title_en = 'Changed' WHERE id = $1")
        .bind(version)
        .execute(db.writer())
        .await
        .is_err());
    assert!(sqlx::query("DELETE FROM publication_items WHERE version_id = $1")
        .bind(version)
        .execute(db.writer())
        .await
        .is_err());
    assert!(sqlx::query("UPDATE publication_items SET text_en = 'Changed' WHERE version_id = $1")
        .bind(version)
        .execute(db.writer())
        .await
        .is_err());
    assert!(sqlx::query("INSERT INTO publication_items (version_id, position, kind, text_en, text_cy) VALUES ($1, 9, 'said', 'a', 'b')").bind(version).execute(db.writer()).await.is_err());
    let (_, location) = post(&app, &format!("{path}/edit"), &lead, &good).await;
    assert!(location.contains("error=publication_stale"), "nor through the form: {location}");

    // The public page, in both languages; each view counted.
    let (status, body) = page(&app, &format!("/you-said-we-did/{id}"), &None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("Autumn in the neighbourhood")
            && body.contains("The house was boarded up.")
            && body.contains("We did")
    );
    assert!(!body.contains("Corrected on"));
    let (status, body) = page(&app, &format!("/cy/you-said-we-did/{id}"), &None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Hydref yn y gymdogaeth") && body.contains("Caewyd y t"), "in Welsh");
    no_english(&format!("/cy/you-said-we-did/{id}"), &body);
    assert_eq!(
        scalar_for(
            &db,
            "SELECT CAST(SUM(views) AS BIGINT) FROM publication_views WHERE publication_id = $1",
            id
        )
        .await,
        2
    );
    let (_, headers, _) = send(&app, common::http::get(&format!("/you-said-we-did/{id}"))).await;
    assert!(headers.get(header::SET_COOKIE).is_none(), "no cookie");
    let (_, body) = page(&app, &path, &lead).await;
    assert!(body.contains("data-reach=\"views\">3<") && body.contains("data-reach=\"recent\">3<"), "reach");
    assert!(body.contains("data-reach=\"subscribers\">2<") && body.contains("data-reach=\"reporters\">2<"));

    // Listed on the neighbourhood page and the partnership page; in both feeds.
    let slug: String = sqlx::query_scalar("SELECT public_slug FROM neighbourhoods WHERE id = $1")
        .bind(neighbourhood)
        .fetch_one(db.reader())
        .await
        .unwrap();
    let (_, body) = page(&app, &format!("/neighbourhoods/{slug}"), &None).await;
    assert!(
        body.contains(&format!("href=\"/you-said-we-did/{id}\""))
            && body.contains("Autumn in the neighbourhood")
    );
    let (_, body) = page(&app, &format!("/cy/neighbourhoods/{slug}"), &None).await;
    assert!(
        body.contains(&format!("href=\"/cy/you-said-we-did/{id}\""))
            && body.contains("Hydref yn y gymdogaeth")
    );
    no_english(&format!("/cy/neighbourhoods/{slug}"), &body);
    let (_, body) = page(&app, "/cy/partnerships/cardiff", &None).await;
    assert!(
        body.contains(&format!("href=\"/cy/you-said-we-did/{id}\""))
            && body.contains("Hydref yn y gymdogaeth")
    );
    no_english("/cy/partnerships/cardiff", &body);
    let (_, body) = page(&app, "/partnerships/cardiff", &None).await;
    assert!(body.contains(&format!("href=\"/you-said-we-did/{id}\"")));
    let (_, body) = page(&app, &format!("/neighbourhoods/{}", slug_of(&db, elsewhere).await), &None).await;
    assert!(!body.contains(&format!("/you-said-we-did/{id}\"")), "not another neighbourhood's");
    let area_slug: String = sqlx::query_scalar("SELECT slug FROM neighbourhoods WHERE id = $1")
        .bind(neighbourhood)
        .fetch_one(db.reader())
        .await
        .unwrap();
    for feed_path in [
        format!("/feeds/neighbourhoods/cardiff/{area_slug}.atom"),
        "/cy/feeds/partnerships/cardiff.atom".to_string(),
    ] {
        let (status, _, body) = send(&app, common::http::get(&feed_path)).await;
        assert_eq!(status, StatusCode::OK);
        let feed = atom_syndication::Feed::from_str(&body).expect("valid Atom");
        assert!(
            feed.entries()
                .iter()
                .any(|e| e.links().iter().any(|l| l.href().ends_with(&format!("/you-said-we-did/{id}")))),
            "{feed_path}"
        );
    }

    // A correction: both notes needed; a new version published; nobody emailed again; the page
    // says it was corrected; the first version is as it was.
    let (_, location) = post(
        &app,
        &format!("{path}/correct"),
        &lead,
        &format!("{version_form}&correction_en=Fixed&correction_cy="),
    )
    .await;
    assert!(location.contains("error=publication_correction&kept="), "{location}");
    let (_, body) = page(&app, &location, &lead).await;
    assert!(body.contains(">Fixed</textarea>"), "kept as typed");
    let (_, location) = post(
        &app,
        &format!("{path}/correct"),
        &lead,
        &format!(
            "{version_form}&correction_en={}&correction_cy={}",
            encode("The count of reports was wrong."),
            encode("Roedd nifer yr adroddiadau'n anghywir.")
        ),
    )
    .await;
    assert!(location.contains("done=publication_correcting"), "{location}");
    let second = latest_version(&db, id).await;
    assert_ne!(second, version);
    let mut corrected = edit_body(
        second,
        ("Autumn in the neighbourhood", "Hydref yn y gymdogaeth"),
        &[
            (
                "said",
                "You made 5 reports about drug dealing.",
                "Fe wnaethoch chi 5 adroddiad am werthu cyffuriau.",
                "none",
            ),
            ("did", "The house was boarded up.", "Caewyd y tŷ.", &profile_source),
        ],
    );
    corrected.push_str(&format!(
        "&correction_en={}&correction_cy={}",
        encode("The count of reports was wrong."),
        encode("Roedd nifer yr adroddiadau'n anghywir.")
    ));
    let (_, location) = post(&app, &format!("{path}/edit"), &lead, &corrected).await;
    assert!(location.contains("done=publication_saved"), "{location}");
    let before = last_mail(&db).await;
    let (_, location) =
        post(&app, &format!("{path}/publish"), &lead, &format!("lang=en&csp=cardiff&version={second}")).await;
    assert!(location.contains("done=publication_published"), "{location}");
    assert!(mails_after(&db, before).await.is_empty(), "nobody is emailed twice");
    let (_, body) = page(&app, &format!("/you-said-we-did/{id}"), &None).await;
    assert!(
        body.contains("You made 5 reports")
            && body.contains("Corrected on")
            && body.contains("The count of reports was wrong.")
    );
    let (_, body) = page(&app, &format!("/cy/you-said-we-did/{id}"), &None).await;
    assert!(body.contains("Cywirwyd ar") && body.contains("Roedd nifer yr adroddiadau"));
    let first_text: String = sqlx::query_scalar(
        "SELECT text_en FROM publication_items WHERE version_id = $1 ORDER BY position LIMIT 1",
    )
    .bind(version)
    .fetch_one(db.reader())
    .await
    .unwrap();
    assert_eq!(
        first_text, "You made 4 reports about drug dealing.",
        "the published version is kept as it was"
    );

    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'publication_published'").await,
        2,
        "each publication audited"
    );

    // Unknown, unpublished and malformed: a 404 in both languages.
    let (_, location) = post(
        &app,
        "/staff/engagement/publications/new",
        &lead,
        &format!("lang=en&csp=cardiff&area=&from={from}&to={today}"),
    )
    .await;
    let draft_id: i64 =
        location.split("/publications/").nth(1).unwrap().split('?').next().unwrap().parse().unwrap();
    for missing in [
        format!("/you-said-we-did/{draft_id}"),
        "/you-said-we-did/999999".into(),
        "/you-said-we-did/abc".into(),
    ] {
        let (status, body) = page(&app, &missing, &None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
        assert!(body.contains("Page not found"), "{missing}");
        let (status, body) = page(&app, &format!("/cy{missing}"), &None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "/cy{missing}");
        no_english(&format!("/cy{missing}"), &body);
    }
});

async fn slug_of(db: &Db, neighbourhood: i64) -> String {
    sqlx::query_scalar("SELECT public_slug FROM neighbourhoods WHERE id = $1")
        .bind(neighbourhood)
        .fetch_one(db.reader())
        .await
        .unwrap()
}

/// Emails about publications queued so far (subject of either language).
async fn last_mail_after_publish_count(db: &Db) -> i64 {
    scalar(db, "SELECT COUNT(*) FROM outbox WHERE subject LIKE 'You said, we did%' OR subject LIKE 'Dywedoch chi, gwnaethom ni%'").await
}

/// A closed survey of the whole partnership: 20 said "yes", 12 "no" and 3 "unsure" in
/// `neighbourhood`. Returns the campaign's id.
async fn closed_survey(db: &Db, neighbourhood: i64) -> i64 {
    let csp = cardiff(db).await;
    let lead = user_id(db, "engagement-lead@demo.cymuned.cymru").await;
    let survey = Survey {
        questions: vec![question(
            "q1",
            QuestionKind::SingleChoice,
            "Do you feel safe after dark?",
            "Ydych chi'n teimlo'n ddiogel ar ôl iddi dywyllu?",
            &[("yes", "Yes", "Ydw"), ("no", "No", "Nac ydw"), ("unsure", "Unsure", "Ansicr")],
        )],
    };
    let now = db::now();
    let title = Names::new("Feeling safe", "Teimlo'n ddiogel");
    let id = closed_campaign(db, (csp, lead), "feeling-safe", &title, (now - 20 * DAY, now - 2 * DAY)).await;
    let version = publish(db, id, &survey, lead).await;
    let mut plan = Vec::new();
    plan.extend(std::iter::repeat_n("yes", 20));
    plan.extend(std::iter::repeat_n("no", 12));
    plan.extend(std::iter::repeat_n("unsure", 3));
    for answer in plan {
        let fields = HashMap::from([("q_q1".to_string(), vec![answer.to_string()])]);
        let answers = survey.check(&fields, &HashMap::new()).unwrap();
        db::engagement::store_response(
            db,
            &NewResponse {
                campaign_id: id,
                survey_version_id: version,
                csp_id: csp,
                neighbourhood_id: Some(neighbourhood),
                channel: ResponseChannel::Online,
                language: Lang::En,
                entered_by: None,
                respondent_key: None,
                duplicate_of: None,
                answers: &answers.rows(),
                equality: &EqualityRow::default(),
            },
        )
        .await
        .unwrap();
    }
    sqlx::query("UPDATE campaigns SET status = 'closed' WHERE id = $1")
        .bind(id)
        .execute(db.writer())
        .await
        .unwrap();
    id
}

both_backends!(
    a_draft_draws_on_closed_surveys_and_priorities_with_small_counts_hidden,
    |db: Db, url: String| async move {
        let app = hub(db.clone(), &url).await;
        let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
        let neighbourhood = common::engagement::cardiff_neighbourhoods(&db).await[0];
        let campaign = closed_survey(&db, neighbourhood).await;
        // A priority set and reviewed this quarter.
        let period = app::engagement::priorities::Period::of(db::now()).to_string();
        let (_, location) = post(
            &app,
            "/staff/engagement/priorities/set",
            &lead,
            &format!(
        "lang=en&csp=cardiff&neighbourhood={neighbourhood}&period={period}&title_en={}&title_cy={}&why=",
        encode("Speeding on Heol y Felin"),
        encode("Goryrru ar Heol y Felin")
    ),
        )
        .await;
        assert!(location.contains("done=priority_set"), "{location}");
        let priority = scalar(&db, "SELECT MAX(id) FROM neighbourhood_priorities").await;
        let (_, location) = post(&app, "/staff/engagement/priorities/review", &lead, &format!(
        "lang=en&csp=cardiff&neighbourhood={neighbourhood}&period={period}&priority={priority}&verdict=resolved&evidence=Fewer%20cars&reviewed_on={}",
        app::time::iso_date(db::now())
    ))
    .await;
        assert!(location.contains("done=priority_reviewed"), "{location}");

        let from = app::time::iso_date(db::now() - 30 * DAY);
        let today = app::time::iso_date(db::now());
        let (_, location) = post(
            &app,
            "/staff/engagement/publications/new",
            &lead,
            &format!("lang=en&csp=cardiff&area=&from={from}&to={today}"),
        )
        .await;
        assert!(location.contains("done=publication_drafted"), "{location}");
        let id: i64 =
            location.split("/publications/").nth(1).unwrap().split('?').next().unwrap().parse().unwrap();
        let version = latest_version(&db, id).await;
        let items: Vec<(String, String, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT kind, text_en, text_cy, source, source_id FROM publication_items WHERE version_id = $1 ORDER BY position",
    )
    .bind(version)
    .fetch_all(db.reader())
    .await
    .unwrap();
        let survey = items.iter().find(|i| i.3 == "campaign").expect("the closed survey is drafted");
        assert_eq!((survey.0.as_str(), survey.4), ("said", Some(campaign)));
        assert!(survey.1.contains("Feeling safe") && survey.1.contains("35 people answered"), "{}", survey.1);
        assert!(survey.1.contains("most chose “Yes” (20 (57%))"), "{}", survey.1);
        assert!(survey.2.contains("Teimlo'n ddiogel") && survey.2.contains("Ydw"), "{}", survey.2);
        assert!(!survey.1.contains("Unsure") && !survey.1.contains(" 3 "), "a small count is never drafted");
        let set = items.iter().find(|i| i.3 == "priority" && i.0 == "said").expect("the priority set");
        assert!(set.1.contains("Speeding on Heol y Felin") && set.2.contains("Goryrru ar Heol y Felin"));
        let reviewed =
            items.iter().find(|i| i.3 == "priority" && i.0 == "did").expect("the priority reviewed");
        assert!(reviewed.1.contains("Resolved"), "{}", reviewed.1);
        assert_eq!(reviewed.4, Some(priority));
        // The draft page shows it for editing, with nothing stopping it being published.
        let (status, body) = page(&app, &format!("/staff/engagement/publications/{id}"), &lead).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            body.contains("Nothing stops it being published")
                && body.contains(&format!("value=\"campaign:{campaign}\""))
        );
        assert_eq!(
            scalar(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'publication_drafted'").await,
            1,
            "audited"
        );

        // A respondent of the survey who asked to be told (0031) is told once when it is
        // published, in their language, and counted apart from reporters and subscribers.
        let response =
            scalar_for(&db, "SELECT MIN(id) FROM survey_responses WHERE campaign_id = $1", campaign).await;
        sqlx::query(
            "INSERT INTO survey_contacts (response_id, campaign_id, email, language, consented_at) VALUES ($1, $2, $3, 'cy', $4)",
        )
        .bind(response)
        .bind(campaign)
        .bind("Ymatebydd@example.cymru")
        .bind(db::now())
        .execute(db.writer())
        .await
        .unwrap();
        let (_, location) = post(
            &app,
            &format!("/staff/engagement/publications/{id}/publish"),
            &lead,
            &format!("lang=en&csp=cardiff&version={version}"),
        )
        .await;
        assert!(location.contains("done=publication_published"), "{location}");
        let told: Vec<(String, String)> =
            sqlx::query_as("SELECT subject, body FROM outbox WHERE to_address = 'Ymatebydd@example.cymru'")
                .fetch_all(db.reader())
                .await
                .unwrap();
        assert_eq!(told.len(), 1, "told once");
        assert!(told[0].1.contains(&format!("/cy/you-said-we-did/{id}")), "in Welsh: {}", told[0].1);
        assert_eq!(scalar_for(&db, "SELECT told_respondents FROM publications WHERE id = $1", id).await, 1);
        assert_eq!(scalar_for(&db, "SELECT told_reporters FROM publications WHERE id = $1", id).await, 0);
        let (_, body) = page(&app, &format!("/staff/engagement/publications/{id}"), &lead).await;
        assert!(body.contains("data-reach=\"respondents\">1<"), "reach shows the respondent told");
        assert_eq!(
            scalar(
                &db,
                "SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%respondents who asked to be told%'"
            )
            .await,
            1,
            "the read of their contacts audited"
        );
    }
);

/// A closed survey with one free-text question, in `csp`'s `neighbourhood` (none: Swansea's,
/// without one): a response per answer, each with its respondent's consent to be quoted or not.
/// Returns the responses' ids, in order.
async fn free_text_survey(
    db: &Db,
    csp: i64,
    slug: &str,
    neighbourhood: Option<i64>,
    answers: &[(&str, bool)],
) -> Vec<i64> {
    let lead = user_id(db, "engagement-lead@demo.cymuned.cymru").await;
    let survey = Survey {
        questions: vec![question(
            "say",
            QuestionKind::FreeText,
            "Anything else to tell us?",
            "Unrhyw beth arall i'w ddweud wrthym?",
            &[],
        )],
    };
    let now = db::now();
    let title = Names::new("Your park", "Eich parc");
    let id = closed_campaign(db, (csp, lead), slug, &title, (now - 20 * DAY, now - 2 * DAY)).await;
    let version = publish(db, id, &survey, lead).await;
    let mut responses = Vec::new();
    for (words, may_quote) in answers {
        let fields = HashMap::from([("q_say".to_string(), vec![words.to_string()])]);
        let answers = survey.check(&fields, &HashMap::new()).unwrap();
        let response = db::engagement::store_response(
            db,
            &NewResponse {
                campaign_id: id,
                survey_version_id: version,
                csp_id: csp,
                neighbourhood_id: neighbourhood,
                channel: ResponseChannel::Online,
                language: Lang::En,
                entered_by: None,
                respondent_key: None,
                duplicate_of: None,
                answers: &answers.rows(),
                equality: &EqualityRow::default(),
            },
        )
        .await
        .unwrap();
        if *may_quote {
            sqlx::query("UPDATE survey_responses SET may_quote = 1 WHERE id = $1")
                .bind(response)
                .execute(db.writer())
                .await
                .unwrap();
        }
        responses.push(response);
    }
    sqlx::query("UPDATE campaigns SET status = 'closed' WHERE id = $1")
        .bind(id)
        .execute(db.writer())
        .await
        .unwrap();
    responses
}

/// A version's items as the edit form posts them (kind, en, cy, source).
async fn items_of(db: &Db, version: i64) -> Vec<(String, String, String, String)> {
    let rows: Vec<(String, String, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT kind, text_en, text_cy, source, source_id FROM publication_items WHERE version_id = $1 ORDER BY position",
    )
    .bind(version)
    .fetch_all(db.reader())
    .await
    .unwrap();
    rows.into_iter()
        .map(|(kind, en, cy, source, id)| {
            let source = id.map(|id| format!("{source}:{id}")).unwrap_or(source);
            (kind, en, cy, source)
        })
        .collect()
}

both_backends!(quoting_a_resident_needs_their_consent_and_names_no_one, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    add_account(&db, "lead@swansea.example", "Swansea lead", "engagement_lead", "swansea", None).await;
    let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let analyst = cookie_for(&app, "analyst@demo.cymuned.cymru").await;
    let partner = cookie_for(&app, "partner@demo.cymuned.cymru").await;
    let other_lead = cookie_for(&app, "lead@swansea.example").await;

    // A profile closed over Gareth's report; the area's survey answered three times (two
    // respondents agreed to be quoted, one did not); a Swansea respondent who agreed.
    let gareth = report(&app, &db, "en", "Gareth Jones", "gareth@example.com", true).await;
    grade(&app, &db, &officer, &gareth).await;
    let (_, neighbourhood) = closed_profile(&app, &db, &analyst, &[&gareth]).await;
    let cardiff_csp = cardiff(&db).await;
    let responses = free_text_survey(
        &db,
        cardiff_csp,
        "your-park",
        Some(neighbourhood),
        &[
            ("The new lights made the park feel safe.", true),
            ("Nobody listens to us round here.", false),
            ("Gareth sells from the corner house.", true),
        ],
    )
    .await;
    let (consented, refused, naming) = (responses[0], responses[1], responses[2]);
    let swansea = scalar(&db, "SELECT id FROM csps WHERE slug = 'swansea'").await;
    let elsewhere =
        free_text_survey(&db, swansea, "swansea-park", None, &[("Swansea's park is lovely.", true)]).await[0];

    let (_, location) = post(
        &app,
        "/staff/engagement/publications/new",
        &lead,
        &format!(
            "lang=en&csp=cardiff&area={neighbourhood}&from={}&to={}",
            app::time::iso_date(db::now() - 30 * DAY),
            app::time::iso_date(db::now())
        ),
    )
    .await;
    assert!(location.contains("done=publication_drafted"), "{location}");
    let id: i64 =
        location.split("/publications/").nth(1).unwrap().split('?').next().unwrap().parse().unwrap();
    let path = format!("/staff/engagement/publications/{id}");
    let version = latest_version(&db, id).await;

    // The edit page lists the answers that may be quoted, and only those.
    let (status, body) = page(&app, &path, &lead).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("Residents&#x27; words you may quote")
            || body.contains("Residents' words you may quote"),
        "{body}"
    );
    assert!(body.contains("The new lights made the park feel safe.") && body.contains("Add as a quote"));
    assert!(body.contains("Gareth sells from the corner house."));
    assert!(!body.contains("Nobody listens to us"), "no consent: not offered");
    assert!(
        !body.contains("Swansea&#x27;s park") && !body.contains("Swansea's park"),
        "not another partnership's"
    );
    let (_, body) = page(&app, &format!("/cy{path}"), &lead).await;
    assert!(body.contains("Ychwanegu fel dyfyniad"));

    let quote =
        |response: i64| format!("lang=en&csp=cardiff&version={version}&response={response}&question=say");
    // Refused to another partnership's lead, an officer, a partner and a signed-out visitor.
    for (who, cookie) in
        [("Swansea's lead", &other_lead), ("officer", &officer), ("partner", &partner), ("signed out", &None)]
    {
        let (status, location) = post(&app, &format!("{path}/quote"), cookie, &quote(consented)).await;
        assert!(!location.contains("done="), "{who}: {status} {location}");
    }
    // Without consent, or another partnership's response: refused, saying why, in both languages.
    for response in [refused, elsewhere, 999_999] {
        let (_, location) = post(&app, &format!("{path}/quote"), &lead, &quote(response)).await;
        assert!(location.contains("error=publication_quote"), "{response}: {location}");
    }
    let (_, body) = page(&app, &format!("{path}?error=publication_quote"), &lead).await;
    assert!(body.contains("agreed, when they answered, to be quoted"), "the reason");
    let (_, body) = page(&app, &format!("/cy{path}?error=publication_quote"), &lead).await;
    assert!(body.contains("gytunodd, pan wnaethant ateb, i gael eu dyfynnu"), "in Welsh");
    assert_eq!(
        scalar_for(
            &db,
            "SELECT COUNT(*) FROM publication_items WHERE version_id = $1 AND source = 'quote'",
            version
        )
        .await,
        0
    );
    // Nor through the edit form: the form comes back as typed.
    let drafted = items_of(&db, version).await;
    for response in [refused, elsewhere] {
        let mut items: Vec<(&str, &str, &str, &str)> =
            drafted.iter().map(|(k, e, c, s)| (k.as_str(), e.as_str(), c.as_str(), s.as_str())).collect();
        let source = format!("quote:{response}");
        items.push(("said", "Typed as a quote", "Wedi'i deipio fel dyfyniad", &source));
        let body = edit_body(version, ("Park", "Parc"), &items);
        let (_, location) = post(&app, &format!("{path}/edit"), &lead, &body).await;
        assert!(location.contains("error=publication_quote&kept="), "{location}");
        let (_, page_body) = page(&app, &location, &lead).await;
        assert!(page_body.contains("Typed as a quote"), "kept as typed");
    }

    // With consent: added as a "you said" quote, and it publishes.
    let (_, location) = post(&app, &format!("{path}/quote"), &lead, &quote(consented)).await;
    assert!(location.contains("done=publication_quoted"), "{location}");
    // The one naming a linked resident is added, but publishing is refused, saying which item.
    let (_, location) = post(&app, &format!("{path}/quote"), &lead, &quote(naming)).await;
    assert!(location.contains("done=publication_quoted"), "{location}");
    let items = items_of(&db, version).await;
    let naming_source = format!("quote:{naming}");
    let at = items.iter().position(|i| i.3 == naming_source).expect("the quote added");
    assert_eq!(items[at].0, "said");
    let version_form = format!("lang=en&csp=cardiff&version={version}");
    let (_, location) = post(&app, &format!("{path}/publish"), &lead, &version_form).await;
    assert!(location.contains("error=publication_identifies"), "{location}");
    let (_, body) = page(&app, &location, &lead).await;
    assert!(
        body.contains(&format!("item {} names or gives the contact details of a resident", at + 1)),
        "which item"
    );

    // Without it, published: the quote is on the public page in both languages.
    let kept: Vec<(&str, &str, &str, &str)> = items
        .iter()
        .filter(|i| i.3 != naming_source)
        .map(|(k, e, c, s)| (k.as_str(), e.as_str(), c.as_str(), s.as_str()))
        .collect();
    let (_, location) =
        post(&app, &format!("{path}/edit"), &lead, &edit_body(version, ("Our park", "Ein parc"), &kept))
            .await;
    assert!(location.contains("done=publication_saved"), "{location}");
    let (_, location) = post(&app, &format!("{path}/publish"), &lead, &version_form).await;
    assert!(location.contains("done=publication_published"), "{location}");
    let (status, body) = page(&app, &format!("/you-said-we-did/{id}"), &None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("One respondent said: “The new lights made the park feel safe.”"), "{body}");
    assert!(!body.contains("Gareth"));
    let (_, body) = page(&app, &format!("/cy/you-said-we-did/{id}"), &None).await;
    assert!(body.contains("Dywedodd un ymatebydd: “The new lights made the park feel safe.”"));
});
