//! Withdrawing a published "you said, we did" publication (issue 14) over HTTP, on SQLite and
//! PostgreSQL: only the partnership's managers may (its engagement lead and another
//! partnership's manager are refused); the reason is needed in both languages and may name
//! nobody; in one transaction the texts of every version and item are removed from the
//! database (the immutability triggers allow exactly that and nothing else), the publication
//! leaves the feeds and lists, and the public page says in the reader's language when and why
//! it was withdrawn, with none of the old text; audited without the text; a second withdrawal
//! says it already is, and nothing more can be done to it.

mod common;

use app::db::{self, Db};
use common::{
    engagement::{add_account, cookie_for, no_english, post, scalar, DAY},
    http::{hub, page},
};
use http::StatusCode;

const SECRET_EN: &str = "Lights fixed outside number 12 Heol Bont";
const SECRET_CY: &str = "Goleuadau wedi eu trwsio tu allan i rif 12 Heol Bont";

/// A whole-partnership publication of Cardiff, published by the lead: its id.
async fn published(app: &axum::Router, db: &Db, lead: &Option<String>) -> i64 {
    let from = app::time::iso_date(db::now() - 30 * DAY);
    let today = app::time::iso_date(db::now());
    let (_, location) = post(
        app,
        "/staff/engagement/publications/new",
        lead,
        &format!("lang=en&csp=cardiff&area=&from={from}&to={today}"),
    )
    .await;
    assert!(location.contains("done=publication_drafted"), "{location}");
    let id: i64 =
        location.split("/publications/").nth(1).unwrap().split('?').next().unwrap().parse().unwrap();
    let version =
        scalar(db, &format!("SELECT MAX(id) FROM publication_versions WHERE publication_id = {id}")).await;
    let edit = format!(
        "lang=en&csp=cardiff&version={version}&title_en=Brighter%20streets&title_cy=Strydoedd%20goleuach\
         &intro_en=What%20you%20said&intro_cy=Beth%20ddywedoch%20chi\
         &item_kind=did&item_en={}&item_cy={}&item_source=none&item_action=keep",
        common::engagement::encode(SECRET_EN),
        common::engagement::encode(SECRET_CY)
    );
    let (_, location) = post(app, &format!("/staff/engagement/publications/{id}/edit"), lead, &edit).await;
    assert!(location.contains("done=publication_saved"), "{location}");
    let (_, location) = post(
        app,
        &format!("/staff/engagement/publications/{id}/publish"),
        lead,
        &format!("lang=en&csp=cardiff&version={version}"),
    )
    .await;
    assert!(location.contains("done=publication_published"), "{location}");
    id
}

fn reason(en: &str, cy: &str) -> String {
    format!(
        "lang=en&csp=cardiff&reason_en={}&reason_cy={}",
        common::engagement::encode(en),
        common::engagement::encode(cy)
    )
}

const REASON_EN: &str = "It described a home that could be recognised.";
const REASON_CY: &str = "Roedd yn disgrifio cartref y gellid ei adnabod.";

both_backends!(a_manager_withdraws_a_publication_and_its_text_is_gone, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    add_account(&db, "manager@swansea.example", "Swansea manager", "csp_manager", "swansea", None).await;
    let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
    let manager = cookie_for(&app, "csp-manager@demo.cymuned.cymru").await;
    let other = cookie_for(&app, "manager@swansea.example").await;
    // Three subscribers of the whole partnership, told when it is published: the first one's
    // email sent, the second one's queued (not sent yet), the third one's delivery not yet
    // turned into an email.
    for email in ["sent@example.com", "all@example.com", "later@example.com"] {
        sqlx::query(
            "INSERT INTO subscriptions (email, csp_id, neighbourhood_id, language, frequency, status, created_at, next_digest_at) \
             VALUES ($3, (SELECT id FROM csps WHERE slug = 'cardiff'), 0, 'en', 'immediate', 'confirmed', $1, $2)",
        )
        .bind(db::now())
        .bind(db::now() + 7 * DAY)
        .bind(email)
        .execute(db.writer())
        .await
        .unwrap();
    }
    let id = published(&app, &db, &lead).await;
    let public_url = app::config::Settings::default().public_url;
    let first = app::subscriptions::delivery::deliver_news(&db, &public_url, 2).await.unwrap();
    assert_eq!((first.claimed, first.queued), (2, 2));
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM outbox WHERE subject LIKE '%Brighter%'").await, 2, "queued");
    let sent = scalar(&db, "SELECT MIN(id) FROM outbox WHERE to_address = 'sent@example.com'").await;
    db::outbox::mark_sent(&db, sent).await.unwrap();
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM news_deliveries").await, 1, "one still to render");
    let public = format!("/you-said-we-did/{id}");
    let (_, body) = page(&app, &public, &None).await;
    assert!(body.contains(SECRET_EN), "published");
    let (_, feed) = page(&app, "/feeds/partnerships/cardiff.atom", &None).await;
    assert!(feed.contains("Brighter streets"), "in the feed");
    let withdraw = format!("/staff/engagement/publications/{id}/withdraw");

    // The lead sees no withdraw form and is refused; another partnership's manager too.
    let (_, staff_page) = page(&app, &format!("/staff/engagement/publications/{id}"), &lead).await;
    assert!(!staff_page.contains("/withdraw\""), "no form for the lead");
    let (status, _) = post(&app, &withdraw, &lead, &reason(REASON_EN, REASON_CY)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "the engagement lead");
    let (status, _) = post(&app, &withdraw, &other, &reason(REASON_EN, REASON_CY)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "another partnership's manager, naming Cardiff");
    let (status, _) =
        post(&app, &withdraw, &other, &reason(REASON_EN, REASON_CY).replace("csp=cardiff", "csp=swansea"))
            .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "another partnership's manager, in their own");
    let (_, location) = post(&app, &withdraw, &None, &reason(REASON_EN, REASON_CY)).await;
    assert!(!location.contains("done="), "signed out: {location}");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM publications WHERE withdrawn_at IS NOT NULL").await, 0);

    // The manager: the form is there; a reason missing its Welsh, or naming a way to reach
    // someone, comes back as typed.
    let (_, staff_page) = page(&app, &format!("/staff/engagement/publications/{id}"), &manager).await;
    assert!(staff_page.contains(&format!("action=\"{withdraw}\"")), "the manager's form");
    let (_, location) = post(&app, &withdraw, &manager, &reason(REASON_EN, "")).await;
    assert!(location.contains("error=publication_withdraw_reason"), "{location}");
    let (_, body) = page(&app, &location, &manager).await;
    assert!(body.contains(REASON_EN) && body.contains("Not withdrawn: say why"), "as typed");
    let (_, location) =
        post(&app, &withdraw, &manager, &reason("Call 02920 871234 for details", REASON_CY)).await;
    assert!(location.contains("error=publication_withdraw_reason"), "{location}");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM publications WHERE withdrawn_at IS NOT NULL").await, 0);

    let (_, location) = post(&app, &withdraw, &manager, &reason(REASON_EN, REASON_CY)).await;
    assert!(location.contains("done=publication_withdrawn"), "{location}");

    // Gone from the database: every text of every version and item.
    let texts = format!(
        "SELECT COUNT(*) FROM publication_versions WHERE publication_id = {id} AND (title_en <> '' OR title_cy <> '' \
         OR intro_en <> '' OR intro_cy <> '' OR correction_en <> '' OR correction_cy <> '')"
    );
    assert_eq!(scalar(&db, &texts).await, 0);
    let items = format!(
        "SELECT COUNT(*) FROM publication_items WHERE version_id IN (SELECT id FROM publication_versions \
         WHERE publication_id = {id}) AND (text_en <> '' OR text_cy <> '')"
    );
    assert_eq!(scalar(&db, &items).await, 0);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM area_news WHERE title_en LIKE '%Brighter%'").await, 0);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM news_deliveries").await, 0, "the waiting delivery dropped");
    assert_eq!(common::deliver_news(&db).await, 0, "so nobody is told of it later");
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM outbox WHERE subject LIKE '%Brighter%' OR body LIKE '%Brighter%'")
            .await,
        0
    );
    assert_eq!(
        scalar(
            &db,
            &format!(
                "SELECT COUNT(*) FROM outbox WHERE stopped_at IS NOT NULL AND body = '{}'",
                db::publications::WITHDRAWN_EMAIL
            )
        )
        .await,
        1,
        "the unsent email about it stopped, its text dropped"
    );
    let subject: String = sqlx::query_scalar("SELECT subject FROM outbox WHERE id = $1")
        .bind(sent)
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert_eq!(subject, db::publications::WITHDRAWN_EMAIL, "the sent email's subject, naming it, dropped");
    // The public page says when and why in each language, and nothing of the old text.
    let (status, body) = page(&app, &public, &None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("This publication was withdrawn on") && body.contains(REASON_EN), "{body}");
    assert!(!body.contains("Heol Bont") && !body.contains("Brighter streets"), "no old text");
    let (_, body) = page(&app, &format!("/cy{public}"), &None).await;
    no_english(&format!("/cy{public}"), &body);
    assert!(body.contains("Tynnwyd y cyhoeddiad hwn yn ôl ar") && body.contains(REASON_CY));
    assert!(!body.contains("Heol Bont") && !body.contains("Strydoedd goleuach"));
    // Out of the feed and the partnership's list.
    let (_, feed) = page(&app, "/feeds/partnerships/cardiff.atom", &None).await;
    assert!(!feed.contains("Brighter streets") && !feed.contains(&public), "{feed}");
    let (_, partnership) = page(&app, "/partnerships/cardiff", &None).await;
    assert!(!partnership.contains(&format!("href=\"{public}\"")), "not listed");
    // The staff list names it as withdrawn (its title is gone).
    let (_, list) = page(&app, "/staff/engagement/publications?csp=cardiff", &manager).await;
    assert!(
        list.contains(&format!("/staff/engagement/publications/{id}\">Withdrawn publication<")),
        "{list}"
    );
    // Audited: who and which, not the removed text.
    let (actor, record, detail): (String, String, String) = sqlx::query_as(
        "SELECT actor_label, record_id, detail FROM audit_log WHERE action = 'publication_withdrawn'",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
    assert_eq!((actor.as_str(), record), ("csp-manager@demo.cymuned.cymru", id.to_string()));
    assert!(!detail.contains("Heol Bont") && !detail.contains("Brighter"), "{detail}");

    // A second withdrawal says it already is; nothing more can be done to it.
    let (_, location) = post(&app, &withdraw, &manager, &reason(REASON_EN, REASON_CY)).await;
    assert!(location.contains("error=publication_already_withdrawn"), "{location}");
    let version =
        scalar(&db, &format!("SELECT MAX(id) FROM publication_versions WHERE publication_id = {id}")).await;
    let (_, location) = post(
        &app,
        &format!("/staff/engagement/publications/{id}/correct"),
        &lead,
        &format!("lang=en&csp=cardiff&version={version}&correction_en=x&correction_cy=y"),
    )
    .await;
    assert!(location.contains("error=publication_already_withdrawn"), "{location}");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'publication_withdrawn'").await, 1);

    // The database allows exactly that redaction and nothing else.
    let refill =
        sqlx::query("UPDATE publication_versions SET title_en = 'Back again' WHERE publication_id = $1")
            .bind(id)
            .execute(db.writer())
            .await;
    assert!(refill.is_err(), "a published version still never changes");
    let unwithdraw = sqlx::query("UPDATE publications SET withdrawn_at = NULL WHERE id = $1")
        .bind(id)
        .execute(db.writer())
        .await;
    assert!(unwithdraw.is_err(), "a withdrawal is for good");
    let lead_id = common::engagement::user_id(&db, "engagement-lead@demo.cymuned.cymru").await;
    let other_id = published(&app, &db, &lead).await;
    let blank = sqlx::query("UPDATE publication_versions SET title_en = '', title_cy = '', intro_en = '', intro_cy = '' WHERE publication_id = $1")
        .bind(other_id)
        .execute(db.writer())
        .await;
    assert!(blank.is_err(), "a publication not withdrawn is never blanked");
    assert!(lead_id > 0);
});
