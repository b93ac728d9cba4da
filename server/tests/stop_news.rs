//! Stopping progress and publication news in one click (issue 14) over HTTP, on SQLite and
//! PostgreSQL: each "your priority moved" and "the publication is published" email carries a
//! stop link of its own (only its token's hash stored) in its body and as List-Unsubscribe; the
//! link's page in both languages with one button, saying nothing of the address; the RFC 8058
//! one-click post and the page's button both put the address on the stop list (by hash) and
//! delete its survey contacts, audited without the address; from then on neither kind of news
//! is sent to it; an unknown or used link says so plainly. Survey contacts are deleted twelve
//! months after their campaign closed, in audited batches (a fixed clock).

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
use axum::{body::Body, Router};
use common::{
    engagement::{
        cardiff, closed_campaign, cookie_for, encode, no_english, post, priority_campaign, publish, question,
        scalar, user_id, DAY,
    },
    http::{hub, page, send},
    outbox::{last_mail, mails_after, Mail},
};
use http::{header, Request, StatusCode};
use std::collections::HashMap;

/// Answers "speeding" in `lang`, asking to be told at `email`.
async fn answer(app: &Router, slug: &str, lang: &str, email: &str) {
    let path = format!("/have-your-say/{slug}");
    let (_, to) =
        post(app, &path, &None, &format!("lang={lang}&p=&link=&step=0&go=next&q_q1=speeding")).await;
    let token = to.split("p=").nth(1).unwrap().split('&').next().unwrap().to_string();
    let (_, to) = post(
        app,
        &path,
        &None,
        &format!("lang={lang}&p={token}&step=1&go=next&optin_tell=yes&optin_email={}", encode(email)),
    )
    .await;
    assert!(to.contains("/thanks"), "{to}");
}

/// The path of a stop link (from `/stop-news/` or `/cy/stop-news/` on).
fn stop_path(link: &str) -> String {
    let at = link.find("/cy/stop-news/").or_else(|| link.find("/stop-news/")).expect(link);
    link[at..].to_string()
}

fn review(neighbourhood: i64, priority: i64, verdict: &str) -> String {
    format!(
        "lang=en&csp=cardiff&neighbourhood={neighbourhood}&period={}&priority={priority}&verdict={verdict}\
         &evidence=PACT%20meeting&reviewed_on={}",
        app::engagement::priorities::Period::of(db::now()),
        app::time::iso_date(db::now())
    )
}

async fn one_click(app: &Router, path: &str) -> StatusCode {
    let request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("List-Unsubscribe=One-Click"))
        .unwrap();
    send(app, request).await.0
}

both_backends!(a_stop_link_stops_progress_and_publication_news, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
    let (campaign, slug) = priority_campaign(&db).await;
    answer(&app, &slug, "cy", "Sian@Example.Cymru").await;
    answer(&app, &slug, "en", "alys@example.org").await;
    answer(&app, &slug, "en", "bryn@example.org").await;
    let neighbourhood = common::engagement::cardiff_neighbourhoods(&db).await[0];
    let (_, location) = post(
        &app,
        "/staff/engagement/priorities/set",
        &lead,
        &format!(
            "lang=en&csp=cardiff&neighbourhood={neighbourhood}&period={}&title_en=Speeding&title_cy=Goryrru&why=&choice={campaign}%2Fq1%2Fspeeding",
            app::engagement::priorities::Period::of(db::now())
        ),
    )
    .await;
    assert!(location.contains("done=priority_set"), "{location}");
    let priority = scalar(&db, "SELECT MAX(id) FROM neighbourhood_priorities").await;

    // It moves: each is told with a stop link of their own, in the body and as List-Unsubscribe.
    let before = last_mail(&db).await;
    let (_, location) = post(
        &app,
        "/staff/engagement/priorities/review",
        &lead,
        &review(neighbourhood, priority, "improving"),
    )
    .await;
    assert!(location.contains("done=priority_reviewed"), "{location}");
    let mails = mails_after(&db, before).await;
    assert_eq!(mails.len(), 3, "{mails:?}");
    let sian = mails.iter().find(|m| m.to_address.eq_ignore_ascii_case("sian@example.cymru")).unwrap();
    let sian_link = sian.list_unsubscribe.clone().expect("List-Unsubscribe");
    assert!(sian_link.contains("/cy/stop-news/"), "in her language: {sian_link}");
    assert!(sian.body.contains(&sian_link), "and in the body: {}", sian.body);
    let alys = mails.iter().find(|m| m.to_address == "alys@example.org").unwrap();
    let alys_link = alys.list_unsubscribe.clone().unwrap();
    assert!(alys_link.contains("/stop-news/") && !alys_link.contains("/cy/") && alys_link != sian_link);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM news_stop_links").await, 3);
    let token = sian_link.rsplit('/').next().unwrap().to_string();
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM news_stop_links WHERE token_hash = $1")
        .bind(&token)
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert_eq!(stored, 0, "only the token's hash is stored");

    // The page, in Welsh with no English and nothing of the address; one button.
    let path = stop_path(&sian_link);
    let (status, body) = page(&app, &path, &None).await;
    assert_eq!(status, StatusCode::OK);
    no_english(&path, &body);
    assert!(body.contains("Atal y negeseuon hyn") && body.contains("method=\"post\""), "{body}");
    assert!(!body.to_lowercase().contains("sian@"), "the address is never shown");

    // The mail provider's one-click post stops her: on the stop list by hash, her contact deleted.
    assert_eq!(one_click(&app, &path).await, StatusCode::OK);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM news_stops").await, 1);
    let hash: String =
        sqlx::query_scalar("SELECT email_hash FROM news_stops").fetch_one(db.reader()).await.unwrap();
    assert_eq!(hash, app::mail::address_hash("sian@example.cymru"), "by the hash of its lower case");
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM survey_contacts WHERE LOWER(email) = 'sian@example.cymru'").await,
        0
    );
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM survey_contacts").await, 2, "the others' kept");
    let detail: String = sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'news_stopped'")
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert!(
        detail.contains("survey contacts deleted: 1")
            && detail.contains("unsent emails stopped: 1")
            && !detail.to_lowercase().contains("sian"),
        "{detail}"
    );
    // Her email about the move, still waiting to be sent, is stopped; the others' are not.
    let stopped: Vec<(String, String)> =
        sqlx::query_as("SELECT LOWER(to_address), body FROM outbox WHERE stopped_at IS NOT NULL")
            .fetch_all(db.reader())
            .await
            .unwrap();
    assert_eq!(stopped, [("sian@example.cymru".to_string(), db::stop_news::STOPPED_BODY.to_string())]);
    // Used: the page says so plainly; a second post changes nothing.
    let (status, body) = page(&app, &path, &None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Mae'r ddolen hon wedi'i defnyddio eisoes"), "{body}");
    assert!(!body.contains("Atal y negeseuon hyn"));
    let (status, location) = post(&app, &path, &None, "lang=cy").await;
    assert_eq!((status, location), (StatusCode::SEE_OTHER, path.clone()));
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'news_stopped'").await, 1);

    // Alys uses the page's button: back to the page, which says it is done.
    let path = stop_path(&alys_link);
    let (status, location) = post(&app, &path, &None, "lang=en").await;
    assert_eq!((status, location.clone()), (StatusCode::SEE_OTHER, format!("{path}?done=stopped")));
    let (_, body) = page(&app, &location, &None).await;
    assert!(body.contains("Done: you will not be told again."), "{body}");

    // An unknown link: said plainly in each language, not a 404 page.
    let (status, body) = page(&app, "/stop-news/0123456789abcdef", &None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("This link is not known"), "{body}");
    let (_, body) = page(&app, "/cy/stop-news/0123456789abcdef", &None).await;
    no_english("/cy/stop-news/…", &body);
    assert!(body.contains("Nid yw'r ddolen hon yn hysbys"));
    assert_eq!(one_click(&app, "/stop-news/0123456789abcdef").await, StatusCode::NOT_FOUND);
    // A malformed token (a line break in it) is unknown too, and never put back in a URL.
    let (status, location) = post(&app, "/stop-news/abc%0Adef", &None, "lang=en").await;
    assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/stop-news/unknown"));

    // Siân answers again and asks again: still on the stop list, so not told; Bryn is. (A
    // survey's address is not confirmed: anyone could type hers, so it never lifts a stop.)
    answer(&app, &slug, "en", "sian@example.cymru").await;
    let before = last_mail(&db).await;
    post(&app, "/staff/engagement/priorities/review", &lead, &review(neighbourhood, priority, "resolved"))
        .await;
    let mails = mails_after(&db, before).await;
    let to: Vec<&str> = mails.iter().map(|m| m.to_address.as_str()).collect();
    assert_eq!(to, ["bryn@example.org"], "only who did not stop");

    // A publication drawing on the survey: Bryn told with a stop link; Siân and Alys not.
    let from = app::time::iso_date(db::now() - 30 * DAY);
    let today = app::time::iso_date(db::now());
    let (_, location) = post(
        &app,
        "/staff/engagement/publications/new",
        &lead,
        &format!("lang=en&csp=cardiff&area=&from={from}&to={today}"),
    )
    .await;
    let id: i64 =
        location.split("/publications/").nth(1).unwrap().split('?').next().unwrap().parse().unwrap();
    let version =
        scalar(&db, &format!("SELECT MAX(id) FROM publication_versions WHERE publication_id = {id}")).await;
    let edit = format!(
        "lang=en&csp=cardiff&version={version}&title_en=Safer%20roads&title_cy=Ffyrdd%20mwy%20diogel\
         &intro_en=What%20you%20said&intro_cy=Beth%20ddywedoch%20chi\
         &item_kind=said&item_en=You%20chose%20speeding&item_cy=Dewisoch%20chi%20oryrru&item_source=campaign:{campaign}&item_action=keep"
    );
    let (_, location) = post(&app, &format!("/staff/engagement/publications/{id}/edit"), &lead, &edit).await;
    assert!(location.contains("done=publication_saved"), "{location}");
    let before = last_mail(&db).await;
    let (_, location) = post(
        &app,
        &format!("/staff/engagement/publications/{id}/publish"),
        &lead,
        &format!("lang=en&csp=cardiff&version={version}"),
    )
    .await;
    assert!(location.contains("done=publication_published"), "{location}");
    let mails = mails_after(&db, before).await;
    let told: Vec<&Mail> =
        mails.iter().filter(|m| m.body.contains(&format!("/you-said-we-did/{id}"))).collect();
    assert_eq!(told.len(), 1, "{mails:?}");
    assert_eq!(told[0].to_address, "bryn@example.org");
    let link = told[0].list_unsubscribe.clone().expect("List-Unsubscribe");
    assert!(link.contains("/stop-news/") && told[0].body.contains(&link), "{}", told[0].body);
    assert_eq!(scalar(&db, &format!("SELECT told_respondents FROM publications WHERE id = {id}")).await, 1);
    // His link works from this email too.
    assert_eq!(one_click(&app, &stop_path(&link)).await, StatusCode::OK);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM news_stops").await, 3);
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM survey_contacts WHERE email = 'bryn@example.org'").await,
        0,
        "his contact deleted"
    );
});

/// A campaign of Cardiff whose last day is `ends_on`, with `contacts` respondents who asked to be
/// told (each at their own address); its id.
async fn ended_campaign(db: &Db, slug: &str, ends_on: i64, contacts: usize) -> i64 {
    let csp = cardiff(db).await;
    let lead = user_id(db, "engagement-lead@demo.cymuned.cymru").await;
    let survey = Survey {
        questions: vec![question(
            "q1",
            QuestionKind::SingleChoice,
            "Safe?",
            "Diogel?",
            &[("yes", "Yes", "Ydw")],
        )],
    };
    let title = Names::new("Feeling safe", "Teimlo'n ddiogel");
    let id = closed_campaign(db, (csp, lead), slug, &title, (ends_on - 20 * DAY, ends_on)).await;
    let version = publish(db, id, &survey, lead).await;
    for n in 0..contacts {
        let fields = HashMap::from([("q_q1".to_string(), vec!["yes".to_string()])]);
        let answers = survey.check(&fields, &HashMap::new()).unwrap();
        let response = db::engagement::store_response(
            db,
            &NewResponse {
                campaign_id: id,
                survey_version_id: version,
                csp_id: csp,
                neighbourhood_id: None,
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
        sqlx::query(
            "INSERT INTO survey_contacts (response_id, campaign_id, email, language, consented_at) VALUES ($1, $2, $3, 'en', $4)",
        )
        .bind(response)
        .bind(id)
        .bind(format!("resident{n}@{slug}.example"))
        .bind(ends_on - DAY)
        .execute(db.writer())
        .await
        .unwrap();
    }
    id
}

both_backends!(
    survey_contacts_are_deleted_twelve_months_after_the_campaign_closed,
    |db: Db, url: String| async move {
        use app::engagement::contacts_kept::{delete_expired, delete_expired_in_batches, KEPT_FOR};
        let _app = hub(db.clone(), &url).await;
        // A fixed clock: "now" is a day's start.
        let now = 1_767_225_600; // 2026-01-01
        let old = ended_campaign(&db, "long-ago", now - KEPT_FOR - 3 * DAY, 5).await;
        // Its last day ended exactly twelve months ago: due now, not a second sooner.
        let edge = ended_campaign(&db, "just-due", now - KEPT_FOR - DAY, 1).await;
        let recent = ended_campaign(&db, "recent", now - 100 * DAY, 2).await;
        let count = |campaign: i64| {
            let db = db.clone();
            async move {
                scalar(&db, &format!("SELECT COUNT(*) FROM survey_contacts WHERE campaign_id = {campaign}"))
                    .await
            }
        };
        assert_eq!(
            delete_expired(&db, now - 1).await.unwrap(),
            5,
            "only the campaign closed over a year before"
        );
        assert_eq!((count(old).await, count(edge).await, count(recent).await), (0, 1, 2));
        // Batches of two: each its own audited transaction, with counts and no address.
        let audited_before = scalar(&db, "SELECT COALESCE(MAX(id), 0) FROM audit_log").await;
        let old = ended_campaign(&db, "long-ago-too", now - KEPT_FOR - 30 * DAY, 5).await;
        assert_eq!(delete_expired_in_batches(&db, now, 2).await.unwrap(), 6);
        assert_eq!((count(old).await, count(edge).await, count(recent).await), (0, 0, 2));
        let details: Vec<(String, String)> = sqlx::query_as(
        "SELECT record_id, detail FROM audit_log WHERE action = 'survey_contacts_expired' AND id > $1 ORDER BY id",
    )
    .bind(audited_before)
    .fetch_all(db.reader())
    .await
    .unwrap();
        let counts: Vec<String> =
            details.iter().map(|(_, d)| d.rsplit(": ").next().unwrap().to_string()).collect();
        assert_eq!(details.len(), 4, "2 + 2 + 1, then 1: {details:?}");
        assert_eq!(counts.iter().map(|c| c.parse::<i64>().unwrap()).sum::<i64>(), 6, "{details:?}");
        assert!(counts.iter().all(|c| c.parse::<i64>().unwrap() <= 2), "batches of two: {details:?}");
        assert!(details.iter().all(|(_, d)| !d.contains('@')), "no address in the audit log");
        // Nothing left to do: nothing deleted, nothing audited.
        assert_eq!(delete_expired(&db, now).await.unwrap(), 0);
        assert_eq!(count(recent).await, 2);
    }
);
