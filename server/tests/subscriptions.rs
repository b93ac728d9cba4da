//! Subscriptions (issue 14) over HTTP, on SQLite and PostgreSQL: subscribing queues only the
//! confirmation (double opt-in), confirming subscribes, an address already subscribed gets the
//! same page, refused forms come back as typed in the page's language, the private manage page
//! (a wrong link is a 404 in both languages), RFC 8058 one-click unsubscribe and its headers on
//! the sent message, a removed neighbourhood said plainly, news of a campaign opening and of
//! priorities reaching exactly the confirmed subscribers of its area in their language, one
//! weekly digest per digest subscriber (once, even claimed twice at the same moment), tokens
//! gone from the outbox once sent, and the Atom feeds (parsed).

mod common;

use app::{
    db::{self, engagement::NewCampaign, Db},
    engagement::{
        survey::{Question, QuestionKind, Survey},
        Channel, ResponsePolicy, SurveyKind,
    },
    reference::Names,
};
use axum::{body::Body, Router};
use common::http::{form, hub, send, with_cookie};
use common::outbox::{last_mail, mails_after};
use http::{header, Request, StatusCode};
use std::str::FromStr;

const DAY: i64 = 86_400;

/// Cardiff's first two neighbourhoods: (id, slug).
async fn neighbourhoods(db: &Db) -> ((i64, String), (i64, String)) {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT n.id, n.slug FROM neighbourhoods n JOIN csps c ON c.id = n.csp_id WHERE c.slug = 'cardiff' ORDER BY n.name_en LIMIT 2",
    )
    .fetch_all(db.reader())
    .await
    .unwrap();
    (rows[0].clone(), rows[1].clone())
}

/// Posts a form as a visitor: (status, where it sends them).
async fn post(app: &Router, path: &str, body: &str) -> (StatusCode, String) {
    let (status, headers, _) = send(app, form(path).body(Body::from(body.to_string())).unwrap()).await;
    (status, headers.get(header::LOCATION).map(|l| l.to_str().unwrap().to_string()).unwrap_or_default())
}

async fn page(app: &Router, path: &str) -> (StatusCode, String) {
    let (status, body) = common::http::page(app, path, &None).await;
    (status, body.replace("&#x27;", "'").replace("&amp;", "&"))
}

/// A page without its per-response script nonces (the only part that differs between two
/// renderings of the same page).
fn without_nonces(page: &str) -> String {
    let mut out = String::new();
    let mut rest = page;
    while let Some(at) = rest.find("nonce=\"") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 7..];
        rest = &after[after.find('"').map(|i| i + 1).unwrap_or(after.len())..];
    }
    out.push_str(rest);
    out
}

async fn status_of(db: &Db, email: &str) -> String {
    sqlx::query_scalar("SELECT status FROM subscriptions WHERE email = $1")
        .bind(email)
        .fetch_one(db.reader())
        .await
        .unwrap()
}

/// The 64-hex token after `marker` in `text`.
fn token_after(text: &str, marker: &str) -> String {
    let at = text.find(marker).unwrap_or_else(|| panic!("{marker} not in {text}")) + marker.len();
    let token: String = text[at..].chars().take_while(|c| c.is_ascii_hexdigit()).collect();
    assert_eq!(token.len(), 64, "{text}");
    token
}

fn body_of(lang: &str, email: &str, area: &str, frequency: &str) -> String {
    format!(
        "lang=en&email={}&area={area}&language={lang}&frequency={frequency}",
        email.replace('@', "%40").replace(' ', "+")
    )
}

/// Subscribes and confirms `email`; the token of its confirmation link.
async fn subscribed(app: &Router, db: &Db, email: &str, area: &str, lang: &str, frequency: &str) -> String {
    let before = last_mail(db).await;
    let (status, _) =
        post(app, "/partnerships/cardiff/subscribe", &body_of(lang, email, area, frequency)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let sent = mails_after(db, before).await;
    let token = token_after(&sent[0].body, "/subscriptions/");
    let (status, location) = post(app, &format!("/subscriptions/{token}/confirm"), "lang=en").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.ends_with("?done=confirmed"), "{location}");
    token
}

both_backends!(subscribing_confirming_managing_and_unsubscribing, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let ((_, area), _) = neighbourhoods(&db).await;

    // The form, in both languages; an unknown partnership is a 404; a removed neighbourhood's
    // link says so plainly.
    let (status, body) = page(&app, &format!("/partnerships/cardiff/subscribe?area={area}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("action=\"/partnerships/cardiff/subscribe\"") && body.contains("Get news of Cardiff")
    );
    assert!(body.contains(&format!("value=\"{area}\" selected")), "the link's neighbourhood is chosen");
    assert!(!body.contains("no longer exists"));
    let (_, body) = page(&app, "/cy/partnerships/cardiff/subscribe").await;
    assert!(body.contains("Tanysgrifio") && body.contains("Crynodeb wythnosol"), "in Welsh");
    let (status, body) = page(&app, "/partnerships/atlantis/subscribe").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Page not found") || body.contains("not found"), "{body}");
    let (_, body) = page(&app, "/partnerships/cardiff/subscribe?area=a-neighbourhood-since-regrouped").await;
    assert!(body.contains("The neighbourhood in this link no longer exists"), "said plainly");

    // A refused form comes back as typed, with what to put right, in the page's language.
    let before = last_mail(&db).await;
    let (status, location) = post(
        &app,
        "/partnerships/cardiff/subscribe",
        "lang=cy&email=not+an+address&area=gone&language=cy&frequency=weekly",
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.starts_with("/cy/partnerships/cardiff/subscribe?draft="), "{location}");
    let (_, body) = page(&app, &location).await;
    assert!(body.contains("value=\"not an address\""), "kept as typed");
    assert!(body.contains("Rhowch gyfeiriad e-bost") && body.contains("Dewiswch gymdogaeth"), "in Welsh");
    assert!(body.contains("id=\"subscribe-frequency-weekly\" value=\"weekly\" checked"), "choices kept");
    assert!(mails_after(&db, before).await.is_empty(), "nothing queued for a refused form");

    // Subscribing queues the confirmation only, in the language chosen, with one-click headers.
    let (status, new_location) = post(
        &app,
        "/partnerships/cardiff/subscribe",
        &body_of("cy", "Sian@Example.Cymru", &area, "immediate"),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(new_location, "/partnerships/cardiff/subscribe?done=sent");
    assert_eq!(status_of(&db, "sian@example.cymru").await, "pending");
    let sent = mails_after(&db, before).await;
    assert_eq!(sent.len(), 1, "only the confirmation");
    let confirmation = &sent[0];
    assert_eq!(confirmation.to_address, "sian@example.cymru");
    assert!(confirmation.subject.starts_with("Cadarnhewch eich tanysgrifiad"), "{}", confirmation.subject);
    let token = token_after(&confirmation.body, "/cy/subscriptions/");
    assert!(confirmation.body.contains(&format!("/cy/subscriptions/{token}/confirm")));
    let unsubscribe = confirmation.list_unsubscribe.clone().expect("a list email");
    assert!(unsubscribe.starts_with("http") && unsubscribe.contains("/cy/unsubscribe/"), "{unsubscribe}");
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT token_hash FROM subscription_links").fetch_all(db.reader()).await.unwrap();
    assert!(
        stored.contains(&app::staff::accounts::sha256_hex(&token)) && !stored.contains(&token),
        "hash only"
    );

    // The confirmation page has a button (a link scanner's GET confirms nothing); posting it
    // confirms.
    let (status, body) = page(&app, &format!("/cy/subscriptions/{token}/confirm")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Cadarnhau fy nhanysgrifiad"), "{body}");
    assert_eq!(status_of(&db, "sian@example.cymru").await, "pending");
    let (status, location) = post(&app, &format!("/subscriptions/{token}/confirm"), "lang=cy").await;
    assert_eq!(
        (status, location.as_str()),
        (StatusCode::SEE_OTHER, format!("/cy/subscriptions/{token}?done=confirmed").as_str())
    );
    assert_eq!(status_of(&db, "sian@example.cymru").await, "confirmed");

    // Subscribing an address already subscribed: the same answer and page as a new address;
    // only an email to the address says so (with its manage link).
    let before = last_mail(&db).await;
    let (status_again, again) =
        post(&app, "/partnerships/cardiff/subscribe", &body_of("cy", "sian@example.cymru", &area, "weekly"))
            .await;
    let (status_new, fresh) = post(
        &app,
        "/partnerships/cardiff/subscribe",
        &body_of("en", "newcomer@example.com", &area, "weekly"),
    )
    .await;
    assert_eq!((status_again, again.as_str()), (status_new, fresh.as_str()));
    assert_eq!(again, new_location);
    let (_, page_again) = page(&app, &again).await;
    let (_, page_fresh) = page(&app, &fresh).await;
    assert_eq!(without_nonces(&page_again), without_nonces(&page_fresh), "identical pages");
    let sent = mails_after(&db, before).await;
    assert_eq!(sent.len(), 2);
    assert!(sent[0].subject.starts_with("Rydych eisoes yn cael newyddion"), "{}", sent[0].subject);
    assert!(sent[0].body.contains("/cy/subscriptions/") && !sent[0].body.contains("/confirm"));
    assert!(sent[1].subject.starts_with("Confirm your subscription"), "{}", sent[1].subject);
    let frequency: String =
        sqlx::query_scalar("SELECT frequency FROM subscriptions WHERE email = 'sian@example.cymru'")
            .fetch_one(db.reader())
            .await
            .unwrap();
    assert_eq!(frequency, "immediate", "a confirmed subscription is not changed by the form");

    // The manage page, by the private link; a wrong link is a 404 in either language.
    let manage = token_after(&sent[0].body, "/cy/subscriptions/");
    let (status, body) = page(&app, &format!("/subscriptions/{manage}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("sian@example.cymru") && body.contains("Subscribed"), "{body}");
    let wrong = "0".repeat(64);
    let (status, en) = page(&app, &format!("/subscriptions/{wrong}")).await;
    let (status_cy, cy) = page(&app, &format!("/cy/subscriptions/{wrong}")).await;
    assert_eq!((status, status_cy), (StatusCode::NOT_FOUND, StatusCode::NOT_FOUND));
    let not_found = |lang| app::error::AppError::NotFound.message(lang);
    assert!(en.contains(&not_found(app::i18n::Lang::En)), "{en}");
    assert!(cy.contains(&not_found(app::i18n::Lang::Cy)), "{cy}");
    let (status, _) = post(&app, &format!("/subscriptions/{wrong}/confirm"), "lang=cy").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Changing frequency and language; another address's subscription cannot be changed.
    let id: i64 = sqlx::query_scalar("SELECT id FROM subscriptions WHERE email = 'sian@example.cymru'")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let other: i64 = sqlx::query_scalar("SELECT id FROM subscriptions WHERE email = 'newcomer@example.com'")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let (_, location) = post(
        &app,
        &format!("/subscriptions/{manage}/change"),
        &format!("lang=en&id={id}&language=en&frequency=weekly"),
    )
    .await;
    assert_eq!(location, format!("/subscriptions/{manage}?done=changed"));
    let (language, frequency): (String, String) =
        sqlx::query_as("SELECT language, frequency FROM subscriptions WHERE id = $1")
            .bind(id)
            .fetch_one(db.reader())
            .await
            .unwrap();
    assert_eq!((language.as_str(), frequency.as_str()), ("en", "weekly"));
    let (status, _) = post(
        &app,
        &format!("/subscriptions/{manage}/change"),
        &format!("lang=en&id={other}&language=cy&frequency=immediate"),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "not this link's address");

    // One-click unsubscribe (RFC 8058): the mail provider's POST, no browser headers, unsubscribes.
    let one_click = token_after(&unsubscribe, "/cy/unsubscribe/");
    let (status, body) = page(&app, &format!("/cy/unsubscribe/{one_click}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Dad-danysgrifio") && body.contains("<form"), "a GET only shows the button");
    assert_eq!(status_of(&db, "sian@example.cymru").await, "confirmed");
    let request = Request::post(format!("/cy/unsubscribe/{one_click}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("List-Unsubscribe=One-Click"))
        .unwrap();
    let (status, _, _) = send(&app, request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(status_of(&db, "sian@example.cymru").await, "unsubscribed");
    let (_, body) = page(&app, &format!("/unsubscribe/{one_click}")).await;
    assert!(body.contains("You are unsubscribed"), "{body}");
    // The page's own button works too (and sends the browser back to the page).
    let newcomer = token_after(&sent[1].body, "/subscriptions/");
    let (status, location) = post(&app, &format!("/unsubscribe/{newcomer}"), "lang=en").await;
    assert_eq!((status, location), (StatusCode::SEE_OTHER, format!("/unsubscribe/{newcomer}")));
    assert_eq!(status_of(&db, "newcomer@example.com").await, "unsubscribed");

    // A subscription whose neighbourhood was since removed says so plainly.
    let token = subscribed(&app, &db, "moved@example.com", &area, "en", "immediate").await;
    sqlx::query("UPDATE subscriptions SET neighbourhood_id = 999999 WHERE email = 'moved@example.com'")
        .execute(db.writer())
        .await
        .unwrap();
    let (_, body) = page(&app, &format!("/subscriptions/{token}")).await;
    assert!(body.contains("followed no longer exists"), "{body}");

    // Sending: the one-click headers are on the message, and no token stays in the outbox.
    let dir = std::env::temp_dir().join(format!("cymuned-subs-mail-{}", uuid::Uuid::new_v4().simple()));
    let mut settings = common::settings(&url);
    settings.mail_dir = dir.display().to_string();
    let mailer = app::mail::Mailer::from_settings(&settings).unwrap();
    let from: lettre::message::Mailbox = "Cymuned <hub@example.com>".parse().unwrap();
    while app::mail::deliver_due(&db, &mailer, &from).await.unwrap() > 0 {}
    let left: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT body, list_unsubscribe FROM outbox").fetch_all(db.reader()).await.unwrap();
    assert!(left.iter().all(|(body, list)| body == "[sent]" && list.is_none()), "{left:?}");
    let files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        // Headers unfolded (a long header may be folded onto a second line).
        .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap().replace("\r\n ", " "))
        .collect();
    let header = format!("List-Unsubscribe: <{unsubscribe}>");
    let confirmation_file =
        files.iter().find(|f| f.contains(&header)).expect("the confirmation sent with its header");
    assert!(
        confirmation_file.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
        "{confirmation_file}"
    );
    assert!(
        files.iter().all(|f| f.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click")),
        "every email"
    );
    let _ = std::fs::remove_dir_all(&dir);
});

/// A Cardiff campaign in `neighbourhood`, planned, with its survey published.
async fn planned_campaign(db: &Db, neighbourhood: i64) -> i64 {
    let csp: i64 = sqlx::query_scalar("SELECT id FROM csps WHERE slug = 'cardiff'")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let lead = db::staff::user_id_by_email(db, "engagement-lead@demo.cymuned.cymru").await.unwrap().unwrap();
    let now = db::now();
    let id = db::engagement::create_campaign(
        db,
        NewCampaign {
            csp_id: csp,
            slug: "feeling-safe",
            title: &Names::new("Feeling safe", "Teimlo'n ddiogel"),
            purpose: &Names::new("Tell us.", "Dywedwch wrthym."),
            whole_csp: false,
            neighbourhoods: &[neighbourhood],
            channels: &[Channel::OnlineSurvey],
            starts_on: now - DAY,
            ends_on: now + 30 * DAY,
            owner_user_id: lead,
            response_policy: ResponsePolicy::Open,
            results_due_on: Some(now + 60 * DAY),
        },
    )
    .await
    .unwrap();
    let survey = Survey {
        questions: vec![Question {
            key: "q1".into(),
            kind: QuestionKind::FreeText,
            text: Names::new("What worries you?", "Beth sy'n eich poeni?"),
            help: Names::new("", ""),
            options: Vec::new(),
            required: false,
            max_choices: None,
            rating_labels: None,
            show_if: None,
        }],
    };
    let json = serde_json::to_string(&survey).unwrap();
    let survey_id = db::engagement::create_survey(db, id, SurveyKind::Custom, &json).await.unwrap();
    db::engagement::publish_survey(db, survey_id, &json, lead).await.unwrap();
    id
}

both_backends!(news_reaches_subscribers_digests_and_feeds, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let ((here, area), (_, elsewhere)) = neighbourhoods(&db).await;
    // Told as it happens: in Welsh for the neighbourhood, in English for the whole partnership.
    subscribed(&app, &db, "cymraes@example.com", &area, "cy", "immediate").await;
    subscribed(&app, &db, "city@example.com", "", "en", "immediate").await;
    // Weekly digest; unconfirmed; unsubscribed; another neighbourhood.
    subscribed(&app, &db, "weekly@example.com", &area, "en", "weekly").await;
    post(&app, "/partnerships/cardiff/subscribe", &body_of("en", "pending@example.com", &area, "immediate"))
        .await;
    let gone = subscribed(&app, &db, "gone@example.com", &area, "en", "immediate").await;
    let one_click =
        Request::post(format!("/unsubscribe/{gone}")).body(Body::from("List-Unsubscribe=One-Click")).unwrap();
    assert_eq!(send(&app, one_click).await.0, StatusCode::OK);
    assert_eq!(status_of(&db, "gone@example.com").await, "unsubscribed");
    subscribed(&app, &db, "elsewhere@example.com", &elsewhere, "en", "immediate").await;

    // Opening a campaign in the neighbourhood: one email per subscriber told as it happens.
    let lead = Some(common::http::cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await);
    let campaign = planned_campaign(&db, here).await;
    let before = last_mail(&db).await;
    let version: i64 = sqlx::query_scalar("SELECT version FROM campaigns WHERE id = $1")
        .bind(campaign)
        .fetch_one(db.reader())
        .await
        .unwrap();
    let (status, headers, _) = send(
        &app,
        with_cookie(form(&format!("/staff/engagement/{campaign}/status")), &lead)
            .body(Body::from(format!("lang=en&version={version}&status=open")))
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{headers:?}");
    // The request records a delivery per subscriber told as it happens; the emails are queued
    // by the mail worker's news delivery.
    assert!(mails_after(&db, before).await.is_empty(), "nothing queued by the request itself");
    assert_eq!(common::deliver_news(&db).await, 2);
    let sent = mails_after(&db, before).await;
    let mut to: Vec<&str> = sent.iter().map(|m| m.to_address.as_str()).collect();
    to.sort();
    assert_eq!(
        to,
        vec!["city@example.com", "cymraes@example.com"],
        "confirmed, as it happens, in the area only"
    );
    let welsh = sent.iter().find(|m| m.to_address == "cymraes@example.com").unwrap();
    assert_eq!(welsh.subject, "Dweud eich dweud: Teimlo'n ddiogel");
    assert!(welsh.body.contains("/cy/have-your-say/feeling-safe") && welsh.body.contains("/cy/unsubscribe/"));
    let english = sent.iter().find(|m| m.to_address == "city@example.com").unwrap();
    assert_eq!(english.subject, "Have your say: Feeling safe");
    for m in &sent {
        let list = m.list_unsubscribe.as_deref().expect("one-click header");
        assert!(m.body.contains(list), "the same address as a link in the body");
        let message = app::mail::build(
            &"Hub <hub@example.com>".parse().unwrap(),
            &m.to_address,
            &m.subject,
            &m.body,
            Some(list),
        )
        .unwrap();
        let raw = String::from_utf8(message.formatted()).unwrap().replace("\r\n ", " ");
        assert!(raw.contains(&format!("List-Unsubscribe: <{list}>")), "{raw}");
        assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
    }
    let tokens: std::collections::BTreeSet<String> =
        sent.iter().map(|m| token_after(m.list_unsubscribe.as_deref().unwrap(), "/unsubscribe/")).collect();
    assert_eq!(tokens.len(), 2, "each email its own link");

    // A priority set for the neighbourhood, then reviewed.
    let period = app::engagement::priorities::Period::of(db::now()).to_string();
    let before = last_mail(&db).await;
    let (status, headers, _) = send(
        &app,
        with_cookie(form("/staff/engagement/priorities/set"), &lead)
            .body(Body::from(format!(
                "lang=en&csp=cardiff&neighbourhood={here}&period={period}&title_en=Speeding&title_cy=Goryrru&why=Residents"
            )))
            .unwrap(),
    )
    .await;
    let location = headers.get(header::LOCATION).unwrap().to_str().unwrap().to_string();
    assert!(status == StatusCode::SEE_OTHER && location.contains("done=priority_set"), "{location}");
    let priority: i64 =
        sqlx::query_scalar("SELECT id FROM neighbourhood_priorities WHERE title_en = 'Speeding'")
            .fetch_one(db.reader())
            .await
            .unwrap();
    let today = app::time::iso_date(db::now());
    let (_, headers, _) = send(
        &app,
        with_cookie(form("/staff/engagement/priorities/review"), &lead)
            .body(Body::from(format!(
                "lang=en&csp=cardiff&neighbourhood={here}&period={period}&priority={priority}&verdict=improving&evidence=PACT&reviewed_on={today}"
            )))
            .unwrap(),
    )
    .await;
    assert!(headers.get(header::LOCATION).unwrap().to_str().unwrap().contains("done=priority_reviewed"));
    assert_eq!(common::deliver_news(&db).await, 4);
    let sent = mails_after(&db, before).await;
    let subjects: Vec<(&str, &str)> =
        sent.iter().map(|m| (m.to_address.as_str(), m.subject.as_str())).collect();
    assert_eq!(subjects.len(), 4, "{subjects:?}");
    assert!(
        subjects.contains(&("cymraes@example.com", "Blaenoriaeth newydd i'r gymdogaeth: Goryrru")),
        "{subjects:?}"
    );
    assert!(
        subjects.contains(&("cymraes@example.com", "Adolygwyd blaenoriaeth: Goryrru (Yn gwella)")),
        "{subjects:?}"
    );
    assert!(
        subjects.contains(&("city@example.com", "Priority reviewed: Speeding (Improving)")),
        "{subjects:?}"
    );

    let public = common::settings(&url).public_url;
    // The weekly digest: nothing before the week is out; then one email with the three items,
    // once, even when two workers claim it at the same moment.
    assert_eq!(app::subscriptions::delivery::send_due_digests(&db, &public, db::now()).await.unwrap(), 0);
    let before = last_mail(&db).await;
    let later = db::now() + 8 * DAY;
    let (a, b) = tokio::join!(
        app::subscriptions::delivery::send_due_digests(&db, &public, later),
        app::subscriptions::delivery::send_due_digests(&db, &public, later)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1, "one digest");
    let sent = mails_after(&db, before).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to_address, "weekly@example.com");
    assert!(
        sent[0].subject.starts_with("This week in ") && sent[0].subject.ends_with(", Cardiff CSP: 3 updates"),
        "{}",
        sent[0].subject
    );
    for item in [
        "Have your say: Feeling safe",
        "New neighbourhood priority: Speeding",
        "Priority reviewed: Speeding (Improving)",
    ] {
        assert!(sent[0].body.contains(item), "{item} in {}", sent[0].body);
    }
    assert!(sent[0].list_unsubscribe.as_deref().is_some_and(|l| l.contains("/unsubscribe/")));
    assert_eq!(
        app::subscriptions::delivery::send_due_digests(&db, &public, later).await.unwrap(),
        0,
        "sent once"
    );
    let waiting: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM digest_entries").fetch_one(db.reader()).await.unwrap();
    assert_eq!(waiting, 0);

    // The feeds: Atom, in the language asked, with the items (parsed with the crate).
    let (status, headers, body) =
        send(&app, common::http::get(&format!("/feeds/neighbourhoods/cardiff/{area}.atom"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/atom+xml"));
    let feed = atom_syndication::Feed::from_str(&body).expect("valid Atom");
    let titles: Vec<String> = feed.entries().iter().map(|e| e.title().value.clone()).collect();
    assert_eq!(
        titles,
        [
            "Priority reviewed: Speeding (Improving)",
            "New neighbourhood priority: Speeding",
            "Have your say: Feeling safe"
        ],
        "newest first"
    );
    assert!(feed.entries().iter().all(|e| !e.links().is_empty() && e.id().starts_with("http")));
    assert!(feed
        .links()
        .iter()
        .any(|l| l.rel() == "self"
            && l.href().ends_with(&format!("/feeds/neighbourhoods/cardiff/{area}.atom"))));
    let (_, _, body) = send(&app, common::http::get("/cy/feeds/partnerships/cardiff.atom")).await;
    let feed = atom_syndication::Feed::from_str(&body).expect("valid Atom");
    assert_eq!(feed.lang(), Some("cy"));
    assert!(feed.entries().iter().any(|e| e.title().value == "Dweud eich dweud: Teimlo'n ddiogel"));
    assert_eq!(feed.entries().len(), 3);
    let (_, _, body) =
        send(&app, common::http::get(&format!("/feeds/neighbourhoods/cardiff/{elsewhere}.atom"))).await;
    assert!(
        atom_syndication::Feed::from_str(&body).unwrap().entries().is_empty(),
        "not about the other neighbourhood"
    );
    let (status, _, _) = send(&app, common::http::get("/feeds/partnerships/atlantis.atom")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) =
        send(&app, common::http::get(&format!("/feeds/neighbourhoods/cardiff/{area}"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
});

/// `n` confirmed subscribers told as it happens, `fan{i}@example.cymru`: even ones in Welsh,
/// odd ones in English; half following `neighbourhood`, half the whole partnership.
async fn many_subscribers(db: &Db, neighbourhood: i64, n: usize) -> i64 {
    let csp: i64 = sqlx::query_scalar("SELECT id FROM csps WHERE slug = 'cardiff'")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let now = db::now();
    let rows: Vec<String> = (0..n)
        .map(|i| {
            let area = if i % 4 < 2 { neighbourhood } else { 0 };
            let lang = if i.is_multiple_of(2) { "cy" } else { "en" };
            format!(
                "('fan{i}@example.cymru', {csp}, {area}, '{lang}', 'immediate', 'confirmed', {now}, {now})"
            )
        })
        .collect();
    sqlx::query(&format!(
        "INSERT INTO subscriptions (email, csp_id, neighbourhood_id, language, frequency, status, created_at, confirmed_at) VALUES {}",
        rows.join(", ")
    ))
    .execute(db.writer())
    .await
    .unwrap();
    csp
}

/// Every waiting news delivery turned into emails by one task, `batch` at a time: (claimed,
/// queued).
async fn deliver_all(db: Db, batch: i64) -> (usize, usize) {
    let public = common::settings("").public_url;
    let (mut claimed, mut queued) = (0, 0);
    loop {
        let done = app::subscriptions::delivery::deliver_news(&db, &public, batch).await.unwrap();
        if done.claimed == 0 {
            return (claimed, queued);
        }
        claimed += done.claimed;
        queued += done.queued;
    }
}

both_backends!(news_fans_out_after_the_request_once_to_each_subscriber, |db: Db, url: String| async move {
    use app::subscriptions::delivery::{announce_in, Announcement};
    let app = hub(db.clone(), &url).await;
    let ((here, _), _) = neighbourhoods(&db).await;
    const N: usize = 300;
    let csp = many_subscribers(&db, here, N).await;

    // Announcing (in the transaction of the event) records a delivery per subscriber and
    // queues no email.
    let before = last_mail(&db).await;
    let announcement = Announcement {
        csp_id: csp,
        whole_csp: false,
        neighbourhoods: vec![here],
        kind: app::subscriptions::NewsKind::CampaignOpened,
        title: Names::new("Feeling safe", "Teimlo'n ddiogel"),
        verdict: None,
        link: "/have-your-say/feeling-safe".into(),
    };
    let mut tx = db.writer().begin().await.unwrap();
    assert_eq!(announce_in(&mut tx, &announcement).await.unwrap(), N);
    tx.commit().await.unwrap();
    assert_eq!(db::subscriptions::deliveries_waiting(&db).await.unwrap(), N as i64);
    assert!(mails_after(&db, before).await.is_empty(), "no email before the delivery step");

    // Between the announcement and its delivery one subscriber unsubscribes and another's
    // neighbourhood is removed: neither gets it.
    let id_of = |email: &'static str| {
        let db = db.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT id FROM subscriptions WHERE email = $1")
                .bind(email)
                .fetch_one(db.reader())
                .await
                .unwrap()
        }
    };
    assert!(db::subscriptions::unsubscribe(&db, id_of("fan7@example.cymru").await).await.unwrap());
    sqlx::query("UPDATE subscriptions SET neighbourhood_id = 999999 WHERE email = 'fan8@example.cymru'")
        .execute(db.writer())
        .await
        .unwrap();

    // Two delivery steps racing on one pool, in small batches: each email exactly once.
    let (a, b) =
        tokio::join!(tokio::spawn(deliver_all(db.clone(), 7)), tokio::spawn(deliver_all(db.clone(), 7)));
    let ((claimed_a, queued_a), (claimed_b, queued_b)) = (a.unwrap(), b.unwrap());
    assert_eq!(claimed_a + claimed_b, N, "every delivery claimed once");
    assert_eq!(queued_a + queued_b, N - 2);
    assert_eq!(db::subscriptions::deliveries_waiting(&db).await.unwrap(), 0);
    assert_eq!(deliver_all(db.clone(), 7).await, (0, 0), "nothing left to send again");
    let sent = mails_after(&db, before).await;
    assert_eq!(sent.len(), N - 2);
    let addresses: std::collections::BTreeSet<&str> = sent.iter().map(|m| m.to_address.as_str()).collect();
    assert_eq!(addresses.len(), N - 2, "one email per subscriber");
    assert!(!addresses.contains("fan7@example.cymru") && !addresses.contains("fan8@example.cymru"));

    // Each in the subscriber's language, with its own one-click unsubscribe link and headers.
    for m in &sent {
        let i: usize =
            m.to_address.trim_start_matches("fan").trim_end_matches("@example.cymru").parse().unwrap();
        let list = m.list_unsubscribe.as_deref().expect("one-click header");
        if i.is_multiple_of(2) {
            assert_eq!(m.subject, "Dweud eich dweud: Teimlo'n ddiogel");
            assert!(m.body.contains("/cy/have-your-say/feeling-safe") && list.contains("/cy/unsubscribe/"));
        } else {
            assert_eq!(m.subject, "Have your say: Feeling safe");
            assert!(m.body.contains("/have-your-say/feeling-safe") && !list.contains("/cy/"), "{list}");
        }
        assert!(m.body.contains(list), "the same address as a link in the body");
    }
    let tokens: std::collections::BTreeSet<String> =
        sent.iter().map(|m| token_after(m.list_unsubscribe.as_deref().unwrap(), "/unsubscribe/")).collect();
    assert_eq!(tokens.len(), N - 2, "each email its own link");
    let stored: std::collections::BTreeSet<String> =
        sqlx::query_scalar::<_, String>("SELECT token_hash FROM subscription_links")
            .fetch_all(db.reader())
            .await
            .unwrap()
            .into_iter()
            .collect();
    assert!(tokens
        .iter()
        .all(|t| stored.contains(&app::staff::accounts::sha256_hex(t)) && !stored.contains(t)));
    let welsh = sent.iter().find(|m| m.to_address == "fan0@example.cymru").unwrap();
    let list = welsh.list_unsubscribe.as_deref().unwrap();
    let message = app::mail::build(
        &"Hub <hub@example.com>".parse().unwrap(),
        &welsh.to_address,
        &welsh.subject,
        &welsh.body,
        Some(list),
    )
    .unwrap();
    let raw = String::from_utf8(message.formatted()).unwrap().replace("\r\n ", " ");
    assert!(raw.contains(&format!("List-Unsubscribe: <{list}>")), "{raw}");
    assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
    // The link works: the mail provider's one-click POST unsubscribes that subscriber only.
    let one_click = token_after(list, "/cy/unsubscribe/");
    let request = Request::post(format!("/cy/unsubscribe/{one_click}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("List-Unsubscribe=One-Click"))
        .unwrap();
    assert_eq!(send(&app, request).await.0, StatusCode::OK);
    assert_eq!(status_of(&db, "fan0@example.cymru").await, "unsubscribed");
    assert_eq!(status_of(&db, "fan1@example.cymru").await, "confirmed");
});
