//! The Key Individual Network over HTTP, on SQLite and on PostgreSQL: the register (a member
//! added in Welsh, refused forms kept as typed, every view audited, consent withdrawn, removal),
//! the quarterly questionnaire (one email per consenting member in their language through a real
//! SMTP server, none for a member without consent or who withdrew, nothing more when sent twice,
//! no token left in a sent email), the one reminder, the response rate once a link is used, a
//! member's written answer offered as intelligence, no English on the Welsh pages, and who may
//! do each action (every role, another CSP, signed out).

mod common;

use app::{
    db::{
        self,
        engagement::{EqualityRow, NewCampaign, NewResponse},
        Db,
    },
    engagement::{
        survey::{AnswerRow, QuestionKind, Survey},
        Channel, ResponseChannel, ResponsePolicy,
    },
    i18n::Lang,
    reference::Names,
    staff::accounts::sha256_hex,
};
use common::{
    engagement::{
        add_account, cardiff_neighbourhoods, cookie_for, encode, english_only_messages, post, publish,
        question, scalar, user_id, visible_text, DAY,
    },
    http::{hub, page, send},
};
use http::{header, StatusCode};

/// Cardiff's id and two of its neighbourhoods.
async fn cardiff(db: &Db) -> (i64, i64, i64) {
    let csp = common::engagement::cardiff(db).await;
    let n = cardiff_neighbourhoods(db).await;
    (csp, n[0], n[1])
}

/// A KIN questionnaire campaign over one neighbourhood, its survey published (one free-text
/// question, `concern`); (campaign id, survey version id).
async fn kin_campaign(db: &Db, csp: i64, neighbourhood: i64) -> (i64, i64) {
    let owner = user_id(db, "engagement-lead@demo.cymuned.cymru").await;
    let now = db::now();
    let id = db::engagement::create_campaign(
        db,
        NewCampaign {
            csp_id: csp,
            slug: "kin-holiadur",
            title: &Names::new("KIN questionnaire", "Holiadur y Rhwydwaith"),
            purpose: &Names::new("", ""),
            whole_csp: false,
            neighbourhoods: &[neighbourhood],
            channels: &[Channel::KinQuestionnaire],
            starts_on: now - DAY,
            ends_on: now + 60 * DAY,
            owner_user_id: owner,
            response_policy: ResponsePolicy::OnePerLink,
            results_due_on: None,
        },
    )
    .await
    .unwrap();
    let survey = Survey {
        questions: vec![question(
            "concern",
            QuestionKind::FreeText,
            "What worries people most?",
            "Beth sy'n poeni pobl fwyaf?",
            &[],
        )],
    };
    (id, publish(db, id, &survey, owner).await)
}

/// The add form for a member of `neighbourhood`, as the English or Welsh page sends it.
fn member(lang: &str, neighbourhood: i64, name: &str, email: &str, language: &str, consent: bool) -> String {
    let consent = if consent { "&consent=yes&consent_on=2026-01-15" } else { "" };
    format!(
        "lang={lang}&csp=cardiff&neighbourhood={neighbourhood}&name={}&email={}&phone=&language={language}\
         &community_role=Chair%20of%20the%20residents%27%20association&speaks_for=Older%20residents{consent}&review_on=2027-06-30",
        encode(name),
        encode(email)
    )
}

async fn member_id(db: &Db, name: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM kin_members WHERE name = $1")
        .bind(name)
        .fetch_one(db.reader())
        .await
        .unwrap()
}

async fn audited(db: &Db, action: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(db.reader())
        .await
        .unwrap()
}

/// (to, subject, body) of every email waiting in the outbox, oldest first.
async fn waiting(db: &Db) -> Vec<(String, String, String)> {
    #[derive(sqlx::FromRow)]
    struct Row {
        to_address: String,
        subject: String,
        body: String,
    }
    let rows: Vec<Row> =
        sqlx::query_as("SELECT to_address, subject, body FROM outbox WHERE sent_at IS NULL ORDER BY id")
            .fetch_all(db.reader())
            .await
            .unwrap();
    rows.into_iter().map(|r| (r.to_address, r.subject, r.body)).collect()
}

/// The personal link's token in an email's body.
fn token_in(body: &str) -> String {
    let after = body.split("/link/").nth(1).expect("a personal link");
    after.chars().take_while(|c| c.is_ascii_hexdigit()).collect()
}

both_backends!(the_register_and_its_quarterly_questionnaire, |db: Db, url: String| async move {
    let smtp = SmtpServer::start();
    let app = hub(db.clone(), &url).await;
    let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
    let (csp, here, elsewhere) = cardiff(&db).await;
    let (campaign, version) = kin_campaign(&db, csp, here).await;

    // A refused form comes back as typed, saying what to put right (in Welsh).
    let (status, location) = post(
        &app,
        "/staff/engagement/kin/add",
        &lead,
        &member("cy", here, " ", "sian@example.cymru", "cy", true),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.starts_with("/cy/staff/engagement/kin?csp=cardiff&error=kin_name&kept="), "{location}");
    let (_, body) = page(&app, &location, &lead).await;
    assert!(has(&body, "Rhowch enw'r aelod"), "the mistake, in Welsh");
    assert!(body.contains(r##"href="#kin-name""##), "the summary links to the field");
    assert!(body.contains(r#"value="sian@example.cymru""#), "what was typed is kept");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM kin_members").await, 0, "nothing half written");

    // Members: a Welsh speaker added on the Welsh page, and others.
    let (_, location) = post(
        &app,
        "/staff/engagement/kin/add",
        &lead,
        &member("cy", here, "Siân Roberts", "sian@example.cymru", "cy", true),
    )
    .await;
    assert!(location.contains("done=kin_added"), "{location}");
    for (name, email, language, consent, neighbourhood) in [
        ("Gareth Jones", "gareth@example.com", "en", true, here),
        ("Nia Evans", "nia@example.cymru", "cy", false, here),
        ("Owain Price", "owain@example.com", "en", true, here),
        ("Rhys Morgan", "rhys@example.com", "en", true, elsewhere),
    ] {
        let (_, location) = post(
            &app,
            "/staff/engagement/kin/add",
            &lead,
            &member("en", neighbourhood, name, email, language, consent),
        )
        .await;
        assert!(location.contains("done=kin_added"), "{name}: {location}");
    }
    let sian = member_id(&db, "Siân Roberts").await;
    let owain = member_id(&db, "Owain Price").await;
    assert_eq!(audited(&db, "kin_changed").await, 5, "every change audited");

    // Every view is audited, the register's and a member's.
    let before = audited(&db, "kin_viewed").await;
    let (status, body) = page(&app, "/cy/staff/engagement/kin", &lead).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("Siân Roberts") && body.contains("sian@example.cymru") && body.contains("Dim caniatâd")
    );
    no_english(&body, "the Welsh register");
    let (status, body) = page(&app, &format!("/cy/staff/engagement/kin/{sian}"), &lead).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Siân Roberts"));
    no_english(&body, "a member's Welsh page");
    assert_eq!(audited(&db, "kin_viewed").await, before + 2);

    // Owain withdraws consent: no more emails.
    let (_, location) =
        post(&app, &format!("/staff/engagement/kin/{owain}/withdraw-consent"), &lead, "lang=en&csp=cardiff")
            .await;
    assert!(location.ends_with(&format!("/staff/engagement/kin/{owain}?done=kin_withdrawn")), "{location}");
    let (_, location) =
        post(&app, &format!("/staff/engagement/kin/{owain}/withdraw-consent"), &lead, "lang=en&csp=cardiff")
            .await;
    assert!(location.contains("error=kin_no_consent"), "{location}");

    // This quarter's questionnaire: Siân (in Welsh) and Gareth; not Nia (no consent), not
    // Owain (withdrew), not Rhys (another neighbourhood).
    let send_form = format!("lang=en&csp=cardiff&campaign={campaign}");
    let (_, location) = post(&app, "/staff/engagement/kin/send", &lead, &send_form).await;
    assert!(location.ends_with("done=kin_sent&sent=2&already=0"), "{location}");
    let emails = waiting(&db).await;
    assert_eq!(emails.len(), 2, "{emails:?}");
    let welsh = emails.iter().find(|(to, _, _)| to == "sian@example.cymru").expect("Siân's email");
    let english = emails.iter().find(|(to, _, _)| to == "gareth@example.com").expect("Gareth's email");
    assert!(welsh.1.starts_with("Eich holiadur chwarterol"), "{}", welsh.1);
    assert!(
        welsh.2.contains("Annwyl Siân Roberts") && welsh.2.contains("/cy/have-your-say/kin-holiadur/link/"),
        "{}",
        welsh.2
    );
    assert!(english.1.starts_with("Your quarterly questionnaire"), "{}", english.1);
    assert!(
        english.2.contains("/have-your-say/kin-holiadur/link/") && !english.2.contains("/cy/"),
        "{}",
        english.2
    );
    // Only the token's hash is stored, and the member stands on the link by a keyed hash.
    let token = token_in(&welsh.2);
    assert_eq!(token.len(), 64);
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM survey_links WHERE token_hash = $1")
        .bind(sha256_hex(&token))
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert_eq!(stored, 1);
    assert_eq!(
        scalar(&db, &format!("SELECT COUNT(*) FROM survey_links WHERE token_hash = '{token}'")).await,
        0
    );
    assert_eq!(audited(&db, "kin_questionnaire_sent").await, 1);

    // A closed campaign, or one that is not a KIN questionnaire, is refused.
    sqlx::query("UPDATE campaigns SET status = 'closed' WHERE id = $1")
        .bind(campaign)
        .execute(db.writer())
        .await
        .unwrap();
    let (_, location) = post(&app, "/staff/engagement/kin/send", &lead, &send_form).await;
    assert!(location.ends_with("error=kin_campaign"), "{location}");
    sqlx::query("UPDATE campaigns SET status = 'open' WHERE id = $1")
        .bind(campaign)
        .execute(db.writer())
        .await
        .unwrap();
    let (_, location) =
        post(&app, "/staff/engagement/kin/send", &lead, "lang=en&csp=cardiff&campaign=x").await;
    assert!(location.ends_with("error=kin_campaign"), "{location}");

    // Nor is one whose survey is not published (the links would open nothing).
    let owner =
        db::staff::user_id_by_email(&db, "engagement-lead@demo.cymuned.cymru").await.unwrap().unwrap();
    let draft = db::engagement::create_campaign(
        &db,
        NewCampaign {
            csp_id: csp,
            slug: "kin-draft",
            title: &Names::new("Draft", "Drafft"),
            purpose: &Names::new("", ""),
            whole_csp: true,
            neighbourhoods: &[],
            channels: &[Channel::KinQuestionnaire],
            starts_on: db::now(),
            ends_on: db::now() + DAY,
            owner_user_id: owner,
            response_policy: ResponsePolicy::OnePerLink,
            results_due_on: None,
        },
    )
    .await
    .unwrap();
    let (_, location) =
        post(&app, "/staff/engagement/kin/send", &lead, &format!("lang=en&csp=cardiff&campaign={draft}"))
            .await;
    assert!(location.ends_with("error=kin_not_published"), "{location}");
    assert_eq!(waiting(&db).await.len(), 2);

    // Sending again sends nothing more, and says how many had theirs already.
    let (_, location) = post(&app, "/staff/engagement/kin/send", &lead, &send_form).await;
    assert!(location.ends_with("done=kin_sent&sent=0&already=2"), "{location}");
    assert_eq!(waiting(&db).await.len(), 2);
    let (_, body) = page(&app, &location, &lead).await;
    assert!(body.contains("2 had already been sent theirs this quarter"), "the count is said");

    // Through the real SMTP server; once sent, no email keeps its token.
    let mut settings = common::settings(&url);
    settings.smtp_url = Some(format!("smtp://127.0.0.1:{}", smtp.port));
    let mailer = app::mail::Mailer::from_settings(&settings).unwrap();
    let from: lettre::message::Mailbox = settings.mail_from.parse().unwrap();
    assert_eq!(app::mail::deliver_due(&db, &mailer, &from).await.unwrap(), 2);
    let messages = smtp.messages();
    assert_eq!(messages.len(), 2);
    assert!(messages
        .iter()
        .any(|(subject, body)| subject.starts_with("Eich holiadur chwarterol") && body.contains(&token)));
    let with_token: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE body LIKE $1")
        .bind(format!("%{token}%"))
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert_eq!(with_token, 0, "the stored body is dropped once sent");

    // The one reminder: not before a week; then to Siân, who has not answered, and not to
    // Gareth, who has; never twice.
    let remind_form = format!("lang=cy&csp=cardiff&campaign={campaign}");
    let (_, location) = post(&app, "/staff/engagement/kin/remind", &lead, &remind_form).await;
    assert!(location.ends_with("done=kin_reminded&sent=0&already=0"), "too soon: {location}");
    sqlx::query("UPDATE kin_questionnaires SET sent_at = sent_at - $1")
        .bind(8 * DAY)
        .execute(db.writer())
        .await
        .unwrap();
    let gareth = member_id(&db, "Gareth Jones").await;
    sqlx::query("UPDATE survey_links SET used_at = $1 WHERE id = (SELECT link_id FROM kin_questionnaires WHERE member_id = $2)")
        .bind(db::now())
        .bind(gareth)
        .execute(db.writer())
        .await
        .unwrap();
    let (_, location) = post(&app, "/staff/engagement/kin/remind", &lead, &remind_form).await;
    assert!(
        location.starts_with("/cy/staff/engagement/kin?csp=cardiff&done=kin_reminded&sent=1&already=0"),
        "{location}"
    );
    let reminders = waiting(&db).await;
    assert_eq!(reminders.len(), 1);
    assert_eq!(reminders[0].0, "sian@example.cymru");
    assert!(reminders[0].1.starts_with("Nodyn atgoffa"), "{}", reminders[0].1);
    let new_token = token_in(&reminders[0].2);
    assert_ne!(new_token, token, "a new link: the first one's token was never kept");
    let rotated: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM survey_links l JOIN kin_questionnaires k ON k.link_id = l.id WHERE k.member_id = $1 AND l.token_hash = $2",
    )
    .bind(sian)
    .bind(sha256_hex(&new_token))
    .fetch_one(db.reader())
    .await
    .unwrap();
    assert_eq!(rotated, 1);
    let (_, location) = post(&app, "/staff/engagement/kin/remind", &lead, &remind_form).await;
    assert!(location.ends_with("done=kin_reminded&sent=0&already=1"), "only one reminder: {location}");
    assert_eq!(waiting(&db).await.len(), 1);

    // The response rate: 1 of 2 this quarter in the neighbourhood.
    let (_, body) = page(&app, "/staff/engagement/kin", &lead).await;
    assert!(body.contains("No members yet in:"), "neighbourhoods without members are named once");
    assert!(body.contains("1 of 2 (50%)"), "the response rate is shown");
    assert!(body.contains(r#"class="sparkline""#) && body.contains("<circle"), "with its trend line");
    let (_, body) = page(&app, "/cy/staff/engagement/kin", &lead).await;
    assert!(body.contains("1 o 2 (50%)"));
    no_english(&body, "the Welsh register with a response rate");

    // Siân's written answer, through her link, can become intelligence.
    let hash: String = sqlx::query_scalar(
        "SELECT l.respondent_hash FROM survey_links l JOIN kin_questionnaires k ON k.link_id = l.id WHERE k.member_id = $1",
    )
    .bind(sian)
    .fetch_one(db.reader())
    .await
    .unwrap();
    let answers = [AnswerRow {
        question: "concern".into(),
        choice: None,
        number: None,
        text: Some("Beiciau modur ar y llwybr beicio bob nos".into()),
        neighbourhood_id: None,
    }];
    let response = db::engagement::store_response(
        &db,
        &NewResponse {
            campaign_id: campaign,
            survey_version_id: version,
            csp_id: csp,
            neighbourhood_id: Some(here),
            channel: ResponseChannel::Kin,
            language: Lang::Cy,
            entered_by: None,
            respondent_key: Some(&hash),
            duplicate_of: None,
            answers: &answers,
            equality: &EqualityRow::default(),
        },
    )
    .await
    .unwrap();
    let (_, body) = page(&app, &format!("/cy/staff/engagement/kin/{sian}"), &lead).await;
    assert!(
        has(&body, "Beiciau modur ar y llwybr beicio bob nos") && has(&body, "Beth sy'n poeni pobl fwyaf?")
    );
    assert!(
        has(&body, &format!("/cy/staff/intelligence/record?response={response}&question=concern")),
        "the answer links to recording it as intelligence"
    );
    no_english(&body, "a member's Welsh page with answers");

    // Editing: someone else's save first is refused and kept; then saved, and she has left.
    let edit = |version: i64, status: &str| {
        format!(
            "{}&version={version}&status={status}",
            member("en", here, "Siân Roberts", "sian@example.cymru", "cy", true)
        )
    };
    let v = scalar(&db, &format!("SELECT version FROM kin_members WHERE id = {sian}")).await;
    let (_, location) =
        post(&app, &format!("/staff/engagement/kin/{sian}/edit"), &lead, &edit(v - 1, "left")).await;
    assert!(location.contains("error=kin_stale&kept="), "{location}");
    let (_, location) =
        post(&app, &format!("/staff/engagement/kin/{sian}/edit"), &lead, &edit(v, "left")).await;
    assert!(location.ends_with("done=kin_edited"), "{location}");
    let status: String = sqlx::query_scalar("SELECT status FROM kin_members WHERE id = $1")
        .bind(sian)
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert_eq!(status, "left");

    // Removal: name and contact deleted, the row and last quarter's counts kept.
    let (_, location) =
        post(&app, &format!("/staff/engagement/kin/{sian}/remove"), &lead, "lang=en&csp=cardiff").await;
    assert!(location.ends_with("csp=cardiff&done=kin_removed"), "{location}");
    let kept: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM kin_members WHERE id = $1 AND name = '' AND email IS NULL AND phone IS NULL AND status = 'removed'",
    )
    .bind(sian)
    .fetch_one(db.reader())
    .await
    .unwrap();
    assert_eq!(kept, 1);
    let (status, _) = page(&app, &format!("/staff/engagement/kin/{sian}"), &lead).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, body) = page(&app, "/staff/engagement/kin", &lead).await;
    assert!(!body.contains("Siân") && body.contains("1 of 2 (50%)"), "past rates do not change");
    drop(smtp);
});

both_backends!(who_may_keep_the_register, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let (csp, here, _) = cardiff(&db).await;
    let (campaign, _) = kin_campaign(&db, csp, here).await;
    add_account(&db, "manager@swansea.example", "Swansea manager", "csp_manager", "swansea", None).await;
    let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
    let (_, location) = post(
        &app,
        "/staff/engagement/kin/add",
        &lead,
        &member("en", here, "Gareth Jones", "gareth@example.com", "en", true),
    )
    .await;
    assert!(location.contains("done=kin_added"), "{location}");
    let gareth = member_id(&db, "Gareth Jones").await;
    let swansea = cookie_for(&app, "manager@swansea.example").await;

    let add = member("en", here, "Someone Else", "else@example.com", "en", true);
    let edit = format!(
        "{}&version=1&status=active",
        member("en", here, "Changed", "gareth@example.com", "en", true)
    );
    let send_form = format!("lang=en&csp=cardiff&campaign={campaign}");
    let member_path = format!("/staff/engagement/kin/{gareth}");
    let member_posts = [
        (format!("{member_path}/edit"), edit.clone()),
        (format!("{member_path}/withdraw-consent"), "lang=en&csp=cardiff".to_string()),
        (format!("{member_path}/remove"), "lang=en&csp=cardiff".to_string()),
    ];
    let csp_posts = [
        ("/staff/engagement/kin/add".to_string(), add.clone()),
        ("/staff/engagement/kin/send".to_string(), send_form.clone()),
        ("/staff/engagement/kin/remind".to_string(), send_form.clone()),
    ];

    // Engagement leads, managers and administrators keep the register.
    for email in
        ["engagement-lead@demo.cymuned.cymru", "csp-manager@demo.cymuned.cymru", "admin@demo.cymuned.cymru"]
    {
        let who = cookie_for(&app, email).await;
        let (status, body) = page(&app, "/staff/engagement/kin", &who).await;
        assert_eq!(status, StatusCode::OK, "{email}");
        assert!(body.contains("Gareth Jones"), "{email}");
        let (_, body) = page(&app, "/staff", &who).await;
        assert!(body.contains("/staff/engagement/kin"), "{email} has the link on the staff home");
        let (status, _) = page(&app, &member_path, &who).await;
        assert_eq!(status, StatusCode::OK, "{email}");
    }

    // Officers, analysts and partners: not the register, not its member pages, no action.
    let views = audited(&db, "kin_viewed").await;
    let signed_out = None;
    for (who, cookie) in [
        ("officer", cookie_for(&app, "officer@demo.cymuned.cymru").await),
        ("analyst", cookie_for(&app, "analyst@demo.cymuned.cymru").await),
        ("partner", cookie_for(&app, "partner@demo.cymuned.cymru").await),
        ("another CSP's manager", swansea.clone()),
    ] {
        let (status, body) = page(&app, "/staff/engagement/kin?csp=cardiff", &cookie).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{who}");
        assert!(!body.contains("Gareth"), "{who}");
        let (status, body) = page(&app, &member_path, &cookie).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{who}: another CSP's or a hidden member is not found");
        assert!(!body.contains("Gareth"), "{who}");
        if who != "another CSP's manager" {
            let (_, body) = page(&app, "/staff", &cookie).await;
            assert!(!body.contains("/staff/engagement/kin"), "{who} has no link");
        }
        for (path, body) in &csp_posts {
            let (status, _) = post(&app, path, &cookie, body).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{who}: {path}");
        }
        for (path, body) in &member_posts {
            let (status, _) = post(&app, path, &cookie, body).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{who}: {path}");
        }
    }
    // Another CSP's manager sees their own register, without Cardiff's members.
    let (status, body) = page(&app, "/staff/engagement/kin", &swansea).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains("Gareth"));

    // Signed out: to sign in, and back.
    let (status, location) = {
        let (status, headers, _) = send(&app, common::http::get("/staff/engagement/kin")).await;
        (status, headers.get(header::LOCATION).unwrap().to_str().unwrap().to_string())
    };
    assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/sign-in?next=/staff/engagement/kin"));
    for (path, body) in csp_posts.iter().chain(member_posts.iter()) {
        let (status, location) = post(&app, path, &signed_out, body).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{path}");
        assert!(location.starts_with("/sign-in?next="), "{path}: {location}");
    }

    // Nothing was changed, sent or read by anyone refused.
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM kin_members").await, 1);
    assert_eq!(
        scalar(
            &db,
            "SELECT COUNT(*) FROM kin_members WHERE name = 'Gareth Jones' AND consent_on IS NOT NULL"
        )
        .await,
        1
    );
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM outbox").await, 0);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM survey_links").await, 0);
    assert_eq!(audited(&db, "kin_viewed").await, views + 1, "only the Swansea manager's own register");
});

/// Whether a page holds `text`, as written or with its quotes and ampersands escaped.
fn has(body: &str, text: &str) -> bool {
    body.contains(text)
        || body.contains(&text.replace('&', "&amp;").replace('\'', "&#x27;"))
        || body.contains(&text.replace('&', "&amp;"))
}

/// No English message (one that differs from its Welsh) in the visible text of a Welsh page.
fn no_english(html: &str, what: &str) {
    let text = visible_text(html);
    let english = english_only_messages();
    assert!(
        english.len() > 40 && english.iter().any(|(k, _)| *k == "kin-add-heading"),
        "the English messages are read"
    );
    for (key, phrase) in english {
        assert!(!text.contains(phrase.as_str()), "{what} shows English ({key}): {phrase:?}");
    }
}

/// A real SMTP server (aiosmtpd) delivering into a Maildir; stopped when dropped.
struct SmtpServer {
    child: std::process::Child,
    port: u16,
    maildir: std::path::PathBuf,
}

impl SmtpServer {
    // Drop kills and waits for the SMTP server.
    #[allow(clippy::zombie_processes)]
    fn start() -> SmtpServer {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let maildir =
            std::env::temp_dir().join(format!("cymuned-tests-{}-kin-mail-{port}", std::process::id()));
        let child = std::process::Command::new("python3")
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(&maildir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("aiosmtpd is installed (.ci/setup test installs it)");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return SmtpServer { child, port, maildir };
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("aiosmtpd did not start");
    }

    /// (subject, body) of every message received, decoded by Python's email parser.
    fn messages(&self) -> Vec<(String, String)> {
        let script = "import email, email.header, mailbox, sys, json\n\
            box = mailbox.Maildir(sys.argv[1], create=False)\n\
            out = []\n\
            for m in box:\n\
            \x20   subject = str(email.header.make_header(email.header.decode_header(m['subject'])))\n\
            \x20   out.append([subject, m.get_payload(decode=True).decode('utf-8')])\n\
            print(json.dumps(out))\n";
        let out =
            std::process::Command::new("python3").args(["-c", script]).arg(&self.maildir).output().unwrap();
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)))
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.maildir);
    }
}
