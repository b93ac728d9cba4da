//! Progress in public (issue 14, part 2) over HTTP, on SQLite and PostgreSQL: a priority's stage
//! and dated timeline on the neighbourhood's public page in English and Welsh, moving as its
//! action starts and the community reviews it; a survey's optional last choices stored with the
//! response (and nothing stored when the address is refused, the form back as typed in the
//! page's language); the residents who raised a priority (respondents who chose its survey
//! answer and asked, reporters who may be emailed) told once per move in their language, and
//! nobody else; who may link a priority to a survey answer; and the address never in results,
//! the export or the API.

mod common;

use app::{
    db::{self, Db},
    staff::accounts,
};
use axum::{body::Body, Router};
use common::{
    engagement::{
        add_account, cookie_for, encode, id_of, location, no_english, post, post_for_headers,
        priority_campaign, scalar, visible_text, DAY,
    },
    http::{hub, page, send},
};
use http::{header, Request, StatusCode};

/// A graded report from the form (`extra`: the category and the reporter's details): its reference.
async fn graded_report(app: &Router, db: &Db, officer: &Option<String>, extra: &str) -> String {
    let body = format!(
        "lang=en&area=W06000015&ward=&lat=51.4943&lon=-3.1812&ongoing=on&anonymous=no&contact_language=en{extra}"
    );
    let (status, _) = post(app, "/report", &None, &body).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let reference: String = sqlx::query_scalar("SELECT reference FROM reports ORDER BY id DESC LIMIT 1")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let v = id_of(db, "SELECT version FROM reports WHERE reference = $1", &reference).await;
    let (_, location) = post(
        app,
        &format!("/staff/reports/{reference}/grade"),
        officer,
        &format!(
            "lang=en&version={v}&summary=Trouble%20reported%20at%20night&source=2&intelligence=B&handling=P"
        ),
    )
    .await;
    assert!(location.contains("done=graded"), "{location}");
    reference
}

/// A profile opened from these reports, with one planned action: (profile id, reference, action id).
async fn profile_with_action(
    app: &Router,
    db: &Db,
    analyst: &Option<String>,
    references: &[String],
) -> (i64, String, i64) {
    let neighbourhood =
        id_of(db, "SELECT neighbourhood_id FROM reports WHERE reference = $1", &references[0]).await;
    let mut categories = String::new();
    for r in references {
        let c = id_of(db, "SELECT category_id FROM reports WHERE reference = $1", r).await;
        categories.push_str(&format!("&category={c}"));
    }
    let today = app::time::iso_date(db::now());
    let from = app::time::iso_date(db::now() - 300 * DAY);
    let body = format!(
        "lang=en&csp=cardiff&title=Night%20trouble&priority=high&neighbourhood={neighbourhood}{categories}\
         &period_from={from}&period_to={today}&requester=Tasking&aim=Stop%20it&references={}",
        references.join("%2C")
    );
    let (_, location) = post(app, "/staff/problems", analyst, &body).await;
    assert!(location.contains("done=opened"), "{location}");
    let reference = location.split("/staff/problems/").nth(1).unwrap().split('?').next().unwrap().to_string();
    let v = id_of(db, "SELECT version FROM problem_profiles WHERE reference = $1", &reference).await;
    let (_, location) = post(
        app,
        &format!("/staff/problems/{reference}/add-action"),
        analyst,
        &format!("lang=en&version={v}&title=Speed%20checks%20on%20Heol%20y%20Felin&organisation=&owner=Police&due_on=&notes="),
    )
    .await;
    assert!(location.contains("done="), "{location}");
    let id = id_of(db, "SELECT id FROM problem_profiles WHERE reference = $1", &reference).await;
    let action = id_of(
        db,
        "SELECT a.id FROM problem_actions a JOIN problem_profiles p ON p.id = a.profile_id WHERE p.reference = $1",
        &reference,
    )
    .await;
    (id, reference, action)
}

/// The action's status changed by the analyst.
async fn action_status(
    app: &Router,
    db: &Db,
    analyst: &Option<String>,
    profile: &str,
    action: i64,
    status: &str,
) {
    let v = id_of(db, "SELECT version FROM problem_profiles WHERE reference = $1", profile).await;
    let (_, location) = post(
        app,
        &format!("/staff/problems/{profile}/action"),
        analyst,
        &format!("lang=en&version={v}&action_id={action}&status={status}&notes=&due_on="),
    )
    .await;
    assert!(location.contains("done=saved"), "{location}");
}

/// The neighbourhood of the report, and its public address.
async fn neighbourhood_of(db: &Db, reference: &str) -> (i64, String) {
    let id = id_of(db, "SELECT neighbourhood_id FROM reports WHERE reference = $1", reference).await;
    let slug: String = sqlx::query_scalar("SELECT public_slug FROM neighbourhoods WHERE id = $1")
        .bind(id)
        .fetch_one(db.reader())
        .await
        .unwrap();
    (id, slug)
}

fn period() -> String {
    app::engagement::priorities::Period::of(db::now()).to_string()
}

fn set_body(neighbourhood: i64, extra: &str) -> String {
    format!(
        "lang=en&csp=cardiff&neighbourhood={neighbourhood}&period={}&title_en=Speeding&title_cy=Goryrru&why={extra}",
        period()
    )
}

fn review_body(neighbourhood: i64, priority: i64, verdict: &str) -> String {
    format!(
        "lang=en&csp=cardiff&neighbourhood={neighbourhood}&period={}&priority={priority}&verdict={verdict}\
         &evidence=PACT%20meeting&reviewed_on={}",
        period(),
        app::time::iso_date(db::now())
    )
}

/// The public page's visible words, one space apart; and no English on a Welsh page.
async fn public(app: &Router, path: &str) -> String {
    let (status, body) = page(app, path, &None).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    if path.starts_with("/cy/") {
        no_english(path, &body);
    }
    visible_text(&body).split_whitespace().collect::<Vec<_>>().join(" ")
}

both_backends!(the_stage_and_timeline_are_public_in_both_languages, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let analyst = cookie_for(&app, "analyst@demo.cymuned.cymru").await;
    let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
    let report = graded_report(
        &app,
        &db,
        &officer,
        "&category=drugs&description=Dealing%20every%20night&email=dai%40example.org",
    )
    .await;
    let (_, profile, action) = profile_with_action(&app, &db, &analyst, std::slice::from_ref(&report)).await;
    let (neighbourhood, slug) = neighbourhood_of(&db, &report).await;
    let (_, location) = post(
        &app,
        "/staff/engagement/priorities/set",
        &lead,
        &set_body(neighbourhood, &format!("&actions={action}")),
    )
    .await;
    assert!(location.contains("done=priority_set"), "{location}");
    let priority =
        id_of(&db, "SELECT id FROM neighbourhood_priorities WHERE title_en = $1", "Speeding").await;

    // Set: planned, with the day it was set, in English and in Welsh.
    let en = public(&app, &format!("/neighbourhoods/{slug}")).await;
    assert!(en.contains("Stage: Planned"), "{en}");
    let today = app::time::date(app::i18n::Lang::En, db::now());
    assert!(en.contains(&format!("{today} : Priority set ( stage: Planned )")), "a dated timeline: {en}");
    let (_, raw) = page(&app, &format!("/neighbourhoods/{slug}"), &None).await;
    let machine = format!("<time datetime=\"{}\"", app::time::iso_date(db::now()));
    assert!(raw.contains(&machine), "a machine date too");
    assert!(en.contains("not reviewed yet"), "the verdict is still said");
    let cy = public(&app, &format!("/cy/neighbourhoods/{slug}")).await;
    assert!(cy.contains("Goryrru") && cy.contains("Sefyllfa: Wedi'i gynllunio"), "{cy}");
    assert!(cy.contains("Blaenoriaeth wedi'i gosod") && cy.contains("Beth sydd wedi digwydd"));
    // The staff page says the public stage too.
    let (_, staff_page) = page(
        &app,
        &format!(
            "/staff/engagement/priorities?csp=cardiff&neighbourhood={neighbourhood}&period={}",
            period()
        ),
        &lead,
    )
    .await;
    assert!(staff_page.contains("Public stage: Planned"));

    // The action starts: under way, with the day work began; no action's words in public.
    action_status(&app, &db, &analyst, &profile, action, "in_progress").await;
    let en = public(&app, &format!("/neighbourhoods/{slug}")).await;
    assert!(en.contains("Stage: Under way") && en.contains("Work began on an action"), "{en}");
    assert!(!en.contains("Speed checks on Heol y Felin"), "an action's own words stay with staff");
    let cy = public(&app, &format!("/cy/neighbourhoods/{slug}")).await;
    assert!(cy.contains("Sefyllfa: Ar y gweill") && cy.contains("Dechreuodd gwaith ar gam gweithredu"));

    // Done and reviewed resolved: done, the timeline in order with the stage each event left.
    action_status(&app, &db, &analyst, &profile, action, "done").await;
    let (_, location) = post(
        &app,
        "/staff/engagement/priorities/review",
        &lead,
        &review_body(neighbourhood, priority, "resolved"),
    )
    .await;
    assert!(location.contains("done=priority_reviewed"), "{location}");
    let en = public(&app, &format!("/neighbourhoods/{slug}")).await;
    assert!(en.contains("Stage: Done"), "{en}");
    let order = [
        "Priority set",
        "Work began on an action",
        "An action was completed",
        "Reviewed with the community: Resolved",
    ];
    let at: Vec<usize> = order.iter().map(|e| en.find(e).unwrap_or_else(|| panic!("{e} in {en}"))).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "oldest first: {at:?}");
    assert!(en.contains("stage: Done"), "the stage each event left, in words");
    let cy = public(&app, &format!("/cy/neighbourhoods/{slug}")).await;
    assert!(cy.contains("Sefyllfa: Wedi'i wneud") && cy.contains("Adolygwyd gyda'r gymuned: Wedi'i datrys"));
});

/// Answers the survey as a visitor in `lang`, choosing `choice`, with the last step's `last`
/// fields: where the last post sends them.
async fn answer(app: &Router, slug: &str, lang: &str, choice: &str, last: &str) -> String {
    let path = format!("/have-your-say/{slug}");
    let (status, to) =
        post(app, &path, &None, &format!("lang={lang}&p=&link=&step=0&go=next&q_q1={choice}")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(to.contains("step=1"), "{to}");
    let token = to.split("p=").nth(1).unwrap().split('&').next().unwrap().to_string();
    let (_, to) = post(app, &path, &None, &format!("lang={lang}&p={token}&step=1&go=next{last}")).await;
    to
}

const TOLD: &str = "&optin_tell=yes&optin_email=";

#[derive(Debug, sqlx::FromRow)]
struct Mail {
    to_address: String,
    subject: String,
    body: String,
}

/// Emails about the priority (its title in the subject), oldest first.
async fn told(db: &Db) -> Vec<Mail> {
    sqlx::query_as(
        "SELECT to_address, subject, body FROM outbox WHERE subject LIKE '%Speeding%' OR subject LIKE '%Goryrru%' ORDER BY id",
    )
    .fetch_all(db.reader())
    .await
    .unwrap()
}

both_backends!(residents_who_raised_a_priority_are_told_when_it_moves, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let analyst = cookie_for(&app, "analyst@demo.cymuned.cymru").await;
    let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
    let (campaign, slug) = priority_campaign(&db).await;

    // A refused address: the form back as typed, the message in the page's language, nothing stored.
    let to = answer(&app, &slug, "cy", "speeding", &format!("{TOLD}not-an-address&optin_quote=yes")).await;
    assert!(to.starts_with("/cy/have-your-say/") && to.contains("error=answers"), "{to}");
    let (_, body) = page(&app, &to, &None).await;
    assert!(body.contains("Rhowch gyfeiriad e-bost y gallwn ysgrifennu ato"), "in Welsh");
    assert!(body.contains(r#"value="not-an-address""#) && body.contains("aria-invalid=\"true\""), "as typed");
    assert!(!body.contains("Give an email address we can write to"), "no English");
    let (_, body) = page(&app, &to.replacen("/cy", "", 1), &None).await;
    assert!(body.contains("Give an email address we can write to"), "and in English on the English page");
    // An address without the box ticked: refused too.
    let to = answer(&app, &slug, "en", "speeding", "&optin_email=tom%40example.org").await;
    assert!(to.contains("error=answers"), "{to}");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM survey_responses").await, 0, "nothing stored");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM survey_contacts").await, 0);

    // Siân (Welsh) chose speeding and asked to be told, and may be quoted; Tom chose speeding and
    // did not ask; Alys asked but chose litter.
    let to =
        answer(&app, &slug, "cy", "speeding", &format!("{TOLD}Sian%40Example.Cymru&optin_quote=yes")).await;
    assert!(to.contains("/thanks"), "{to}");
    answer(&app, &slug, "en", "speeding", "").await;
    answer(&app, &slug, "en", "litter", &format!("{TOLD}alys%40example.org")).await;
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM survey_responses").await, 3);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM survey_responses WHERE may_quote = 1").await, 1);
    let sian: (String, i64) = sqlx::query_as(
        "SELECT c.language, c.consented_at FROM survey_contacts c JOIN survey_responses r ON r.id = c.response_id \
         WHERE c.email = 'sian@example.cymru' AND r.may_quote = 1",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
    assert_eq!(sian.0, "cy", "the page's language");
    assert!((sian.1 - db::now()).abs() < 120, "consent kept with its time");
    assert_eq!(
        scalar(
            &db,
            "SELECT COUNT(*) FROM survey_progress WHERE response_id IS NOT NULL AND fields LIKE '%example%'"
        )
        .await,
        0,
        "the address is not kept with the finished answers"
    );

    // Reporters: one agreed to be contacted, one with a safe-contact note, one never ticked consent.
    let agreed = graded_report(
        &app,
        &db,
        &officer,
        "&category=drugs&description=Dealing%20every%20night&email=bryn%40example.cymru&consent=on",
    )
    .await;
    let safe = graded_report(&app, &db, &officer, "&category=hate&hate_strands=race&description=Abuse%20shouted%20at%20us&email=amira%40example.cymru&consent=on&safe_contact=Phone%20only%2C%20my%20partner%20reads%20my%20email").await;
    let unticked = graded_report(
        &app,
        &db,
        &officer,
        "&category=drugs&description=More%20dealing&email=owain%40example.cymru",
    )
    .await;
    let (profile_id, profile, action) =
        profile_with_action(&app, &db, &analyst, &[agreed.clone(), safe, unticked]).await;
    let (neighbourhood, slug_n) = neighbourhood_of(&db, &agreed).await;
    // The priority, from the survey answer "speeding", linked to the profile and its action.
    let choice = format!("{campaign}%2Fq1%2Fspeeding");
    let (_, location) = post(
        &app,
        "/staff/engagement/priorities/set",
        &lead,
        &set_body(neighbourhood, &format!("&profiles={profile_id}&actions={action}&choice={choice}")),
    )
    .await;
    assert!(location.contains("done=priority_set"), "{location}");
    let priority =
        id_of(&db, "SELECT id FROM neighbourhood_priorities WHERE title_en = $1", "Speeding").await;
    assert!(told(&db).await.is_empty(), "set, not moved: nobody told");
    let (_, staff_page) = page(
        &app,
        &format!(
            "/staff/engagement/priorities?csp=cardiff&neighbourhood={neighbourhood}&period={}",
            period()
        ),
        &lead,
    )
    .await;
    assert!(staff_page
        .contains("From the survey answer: What matters here · What should be the priority? · Speeding"));
    assert!(!staff_page.contains("sian@example.cymru"), "addresses are never shown");

    // The action starts: the priority moves to under way. Siân in Welsh, Bryn in English.
    action_status(&app, &db, &analyst, &profile, action, "in_progress").await;
    let mails = told(&db).await;
    let mut to: Vec<&str> = mails.iter().map(|m| m.to_address.as_str()).collect();
    to.sort();
    assert_eq!(
        to,
        ["bryn@example.cymru", "sian@example.cymru"],
        "only those who raised it and may be emailed"
    );
    let welsh = mails.iter().find(|m| m.to_address == "sian@example.cymru").unwrap();
    assert!(welsh.subject.contains("Goryrru") && welsh.subject.contains("Ar y gweill"), "{}", welsh.subject);
    assert!(welsh.body.contains(&format!("/cy/neighbourhoods/{slug_n}")), "{}", welsh.body);
    let english = mails.iter().find(|m| m.to_address == "bryn@example.cymru").unwrap();
    assert!(english.subject.contains("Speeding: now Under way"), "{}", english.subject);
    assert!(english.body.contains(&format!("/neighbourhoods/{slug_n}")) && !english.body.contains("/cy/"));
    assert!(
        !english.body.contains("/track/") && !english.body.contains("/subscriptions/"),
        "no private link"
    );
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'progress_told'").await,
        1,
        "reading their addresses is audited"
    );

    // The same status saved again, a note changed: no move, nobody told twice.
    action_status(&app, &db, &analyst, &profile, action, "in_progress").await;
    assert_eq!(told(&db).await.len(), 2, "never twice for the same change");
    // An "improving" verdict keeps it under way: nobody told.
    let (_, location) = post(
        &app,
        "/staff/engagement/priorities/review",
        &lead,
        &review_body(neighbourhood, priority, "improving"),
    )
    .await;
    assert!(location.contains("done=priority_reviewed"), "{location}");
    assert_eq!(told(&db).await.len(), 2);

    // Reviewed resolved: done; each told once more, and the outbox gets the news to subscribers
    // separately (none here).
    let (_, location) = post(
        &app,
        "/staff/engagement/priorities/review",
        &lead,
        &review_body(neighbourhood, priority, "resolved"),
    )
    .await;
    assert!(location.contains("done=priority_reviewed"), "{location}");
    let mails = told(&db).await;
    assert_eq!(mails.len(), 4, "{mails:?}");
    assert!(mails[2..]
        .iter()
        .any(|m| m.to_address == "sian@example.cymru" && m.subject.contains("Wedi'i wneud")));
    assert!(mails[2..]
        .iter()
        .any(|m| m.to_address == "bryn@example.cymru" && m.subject.contains("now Done")));
    for never in ["amira@example.cymru", "owain@example.cymru", "alys@example.org"] {
        assert!(mails.iter().all(|m| m.to_address != never), "{never} is never told");
    }
});

both_backends!(who_may_link_a_priority_to_a_survey_answer, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    add_account(&db, "lead@swansea.example", "Swansea lead", "engagement_lead", "swansea", None).await;
    let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
    let (campaign, _) = priority_campaign(&db).await;
    let neighbourhood: i64 = sqlx::query_scalar(
        "SELECT n.id FROM neighbourhoods n JOIN csps c ON c.id = n.csp_id WHERE c.slug = 'cardiff' ORDER BY n.name_en LIMIT 1",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
    let choice = format!("&choice={campaign}%2Fq1%2Fspeeding");
    // The set form offers the campaign's options.
    let (_, body) = page(
        &app,
        &format!(
            "/staff/engagement/priorities?csp=cardiff&neighbourhood={neighbourhood}&period={}",
            period()
        ),
        &lead,
    )
    .await;
    assert!(
        body.contains(&format!("value=\"{campaign}/q1/speeding\""))
            && body.contains("Came from a survey answer")
    );

    // Every role but the lead's (and the manager's and admin's, who hold it too) refused; another
    // CSP's lead and a visitor refused; nothing stored by them.
    for (who, email) in [
        ("officer", Some("officer@demo.cymuned.cymru")),
        ("analyst", Some("analyst@demo.cymuned.cymru")),
        ("partner", Some("partner@demo.cymuned.cymru")),
        ("swansea lead", Some("lead@swansea.example")),
        ("visitor", None),
    ] {
        let cookie = match email {
            Some(e) => cookie_for(&app, e).await,
            None => None,
        };
        let (status, headers) = post_for_headers(
            &app,
            "/staff/engagement/priorities/set",
            &cookie,
            &set_body(neighbourhood, &choice),
        )
        .await;
        let to = location(&headers);
        assert!(
            status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND || to.contains("/sign-in"),
            "{who}: {status} {to}"
        );
        assert_eq!(scalar(&db, "SELECT COUNT(*) FROM neighbourhood_priorities").await, 0, "{who}");
    }

    // The lead: an answer that is not one of the survey's, or another partnership's campaign, is
    // refused and kept as typed; a real one is recorded, changed and cleared by the edit form.
    for bad in [format!("{campaign}%2Fq1%2Fparking"), "999999%2Fq1%2Fspeeding".into(), "rubbish".into()] {
        let (_, to) = post(
            &app,
            "/staff/engagement/priorities/set",
            &lead,
            &set_body(neighbourhood, &format!("&choice={bad}")),
        )
        .await;
        assert!(to.contains("error=priority_choice") && to.contains("kept="), "{bad}: {to}");
    }
    let (_, to) =
        post(&app, "/staff/engagement/priorities/set", &lead, &set_body(neighbourhood, &choice)).await;
    assert!(to.contains("done=priority_set"), "{to}");
    let priority =
        id_of(&db, "SELECT id FROM neighbourhood_priorities WHERE title_en = $1", "Speeding").await;
    let stored = |db: Db| async move {
        sqlx::query_as::<_, (Option<i64>, Option<String>, Option<String>)>(
            "SELECT campaign_id, question_key, option_key FROM neighbourhood_priorities WHERE id = $1",
        )
        .bind(priority)
        .fetch_one(db.reader())
        .await
        .unwrap()
    };
    assert_eq!(stored(db.clone()).await, (Some(campaign), Some("q1".into()), Some("speeding".into())));
    let edit = |choice: &str| {
        format!(
            "lang=en&csp=cardiff&neighbourhood={neighbourhood}&period={}&priority={priority}&title_en=Speeding&title_cy=Goryrru&why=&choice={choice}",
            period()
        )
    };
    let (_, to) =
        post(&app, "/staff/engagement/priorities/edit", &lead, &edit(&format!("{campaign}%2Fq1%2Flitter")))
            .await;
    assert!(to.contains("done=priority_edited"), "{to}");
    assert_eq!(stored(db.clone()).await.2.as_deref(), Some("litter"));
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let (status, headers) =
        post_for_headers(&app, "/staff/engagement/priorities/edit", &officer, &edit("")).await;
    assert!(status == StatusCode::FORBIDDEN || location(&headers).contains("error="), "{status}");
    assert_eq!(stored(db.clone()).await.2.as_deref(), Some("litter"), "the officer changed nothing");
    let (_, to) = post(&app, "/staff/engagement/priorities/edit", &lead, &edit("")).await;
    assert!(to.contains("done=priority_edited"), "{to}");
    assert_eq!(stored(db.clone()).await, (None, None, None), "cleared");
});

both_backends!(the_address_never_shows_in_results_export_or_api, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let (campaign, slug) = priority_campaign(&db).await;
    for lang in ["en", "cy"] {
        let to = answer(
            &app,
            &slug,
            lang,
            "speeding",
            &format!("{TOLD}hidden.resident%40example.cymru&optin_quote=yes"),
        )
        .await;
        assert!(to.contains("/thanks"), "{to}");
    }
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM survey_contacts").await, 2);
    let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
    let (status, body) = page(&app, &format!("/staff/engagement/{campaign}/results"), &lead).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("What should be the priority?"), "the results page");
    assert!(!body.contains("hidden.resident"), "not in results");
    let (status, body) = page(&app, &format!("/staff/engagement/{campaign}/export.csv"), &lead).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !body.is_empty() && !body.contains("hidden.resident") && !body.contains("example.cymru"),
        "{body}"
    );
    let key =
        accounts::create_api_key(&db, "cardiff", "engagement_lead", "cardiff lead", None).await.unwrap();
    let request = Request::builder()
        .uri(format!("/api/v1/campaigns/{campaign}/results"))
        .header(header::AUTHORIZATION, format!("Bearer {key}"))
        .body(Body::empty())
        .unwrap();
    let (status, _, body) = send(&app, request).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(!body.contains("hidden.resident") && !body.contains("example.cymru"), "not in the API");
});

/// The publish form's body: a "we did" item drawn from `source` beside a "you said" one.
fn publication_body(version: i64, source: &str) -> String {
    let mut body = format!(
        "lang=en&csp=cardiff&version={version}&title_en={}&title_cy={}&intro_en={}&intro_cy={}",
        encode("Night trouble in the area"),
        encode("Trafferth gyda'r nos yn yr ardal"),
        encode("What you told us and what is being done."),
        encode("Yr hyn a ddywedoch chi a'r hyn sy'n cael ei wneud.")
    );
    for (kind, en, cy, source) in [
        ("said", "You told us about dealing at night.", "Dywedoch chi wrthym am werthu gyda'r nos.", "none"),
        ("did", "We are working on it with partners.", "Rydym yn gweithio arno gyda phartneriaid.", source),
    ] {
        body.push_str(&format!(
            "&item_kind={kind}&item_en={}&item_cy={}&item_source={}&item_action=keep",
            encode(en),
            encode(cy),
            encode(source)
        ));
    }
    body
}

both_backends!(a_we_did_item_shows_the_live_stage_of_its_profile, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let analyst = cookie_for(&app, "analyst@demo.cymuned.cymru").await;
    let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
    let report = graded_report(
        &app,
        &db,
        &officer,
        "&category=drugs&description=Dealing%20every%20night&email=dai%40example.org",
    )
    .await;
    let (profile_id, profile, action) =
        profile_with_action(&app, &db, &analyst, std::slice::from_ref(&report)).await;
    // Its owner's name and a note: staff's words, never public.
    sqlx::query("UPDATE problem_actions SET owner = 'Sergeant Bronwen Tudur', notes = 'Meet at Ffordd Gudd' WHERE id = $1")
        .bind(action)
        .execute(db.writer())
        .await
        .unwrap();
    let (neighbourhood, _) = neighbourhood_of(&db, &report).await;

    // A publication whose "we did" item draws on the profile, still open, published.
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
    let version = common::engagement::scalar_for(
        &db,
        "SELECT MAX(id) FROM publication_versions WHERE publication_id = $1",
        id,
    )
    .await;
    let staff_path = format!("/staff/engagement/publications/{id}");
    let (_, location) = post(
        &app,
        &format!("{staff_path}/edit"),
        &lead,
        &publication_body(version, &format!("profile:{profile_id}")),
    )
    .await;
    assert!(location.contains("done=publication_saved"), "{location}");
    // The preview shows it as the public will see it.
    let (_, preview) = page(&app, &format!("{staff_path}/preview"), &lead).await;
    let preview = visible_text(&preview).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(preview.contains("Stage: Planned"), "{preview}");
    let (_, location) = post(
        &app,
        &format!("{staff_path}/publish"),
        &lead,
        &format!("lang=en&csp=cardiff&version={version}"),
    )
    .await;
    assert!(location.contains("done=publication_published"), "{location}");
    let path = format!("/you-said-we-did/{id}");
    let en = public(&app, &path).await;
    assert!(en.contains("We are working on it with partners. Stage: Planned"), "{en}");
    assert!(!en.contains("Work began on an action"), "{en}");

    // The action starts: under way, with the day work began, in English and Welsh.
    action_status(&app, &db, &analyst, &profile, action, "in_progress").await;
    let en = public(&app, &path).await;
    let today = app::time::date(app::i18n::Lang::En, db::now());
    assert!(en.contains("Stage: Under way"), "{en}");
    assert!(en.contains(&format!("{today} : Work began on an action ( stage: Under way )")), "{en}");
    let cy = public(&app, &format!("/cy{path}")).await;
    assert!(
        cy.contains("Sefyllfa: Ar y gweill") && cy.contains("Dechreuodd gwaith ar gam gweithredu"),
        "{cy}"
    );
    let (_, preview) = page(&app, &format!("{staff_path}/preview"), &lead).await;
    assert!(visible_text(&preview).contains("Under way"), "the preview too");

    // Closed: done, the closing on the timeline.
    sqlx::query(
        "UPDATE problem_profiles SET stage = 'closed', decision = 'close', closed_at = $1, \
         outcome_en = 'Boarded up', outcome_cy = 'Wedi cau' WHERE id = $2",
    )
    .bind(db::now())
    .bind(profile_id)
    .execute(db.writer())
    .await
    .unwrap();
    let en = public(&app, &path).await;
    assert!(en.contains("Stage: Done") && en.contains("The problem was closed ( stage: Done )"), "{en}");
    let cy = public(&app, &format!("/cy{path}")).await;
    assert!(cy.contains("Sefyllfa: Wedi'i wneud") && cy.contains("Caewyd y broblem"), "{cy}");

    // Nothing else about the actions is in the page's source, in either language; the
    // published words are as they were.
    for p in [path.clone(), format!("/cy{path}")] {
        let (_, raw) = page(&app, &p, &None).await;
        for private in ["Speed checks", "Heol y Felin", "Bronwen", "Tudur", "Ffordd Gudd", "Boarded up"] {
            assert!(!raw.contains(private), "{private} in {p}");
        }
    }
    assert_eq!(
        common::engagement::scalar_for(
            &db,
            "SELECT COUNT(*) FROM publication_items WHERE version_id = $1 AND text_en = 'We are working on it with partners.'",
            version
        )
        .await,
        1
    );
});
