//! Responding over HTTP, on SQLite and PostgreSQL: residents answer a survey step by step with
//! JavaScript off (in Welsh), resume by their private link, and are thanked (with an emailed
//! copy in their language); each one-response policy; closed and not-yet-open surveys; a
//! response stored whole or not at all; staff entry with the shared-tablet mode; the CSV import
//! of paper responses; duplicates across channels flagged; and who may use the staff pages.

mod common;

use app::{
    db::{
        self,
        engagement::{EqualityRow, NewCampaign, NewResponse},
        responses::SaveProgress,
        Db,
    },
    engagement::{
        survey::{Condition, Question, QuestionKind, RatingLabels, Survey},
        Channel, ResponseChannel, ResponsePolicy,
    },
    i18n::Lang,
    reference::Names,
    staff::accounts::{self, sha256_hex},
};
use axum::{body::Body, Router};
use common::{
    engagement::{
        add_account, cardiff, cardiff_neighbourhoods, cookie_for, english_only_phrases, location,
        post_for_headers as post, publish, question, scalar_for, text_of, user_id, DAY, YES_NO,
    },
    http::{hub, page, send},
};
use http::{header, HeaderMap, Request, StatusCode};

/// Four questions in two steps: "do you feel safe" (required), then, only for "no", what makes
/// you feel unsafe; a rating; and the ward (required).
fn survey() -> Survey {
    let safe = Question {
        required: true,
        ..question(
            "q1",
            QuestionKind::SingleChoice,
            "Do you feel safe at night?",
            "Ydych chi'n teimlo'n ddiogel gyda'r nos?",
            &YES_NO,
        )
    };
    let why = Question {
        show_if: Some(Condition { question: "q1".into(), answer: "no".into() }),
        ..question(
            "q2",
            QuestionKind::FreeText,
            "What makes you feel unsafe?",
            "Beth sy'n gwneud i chi deimlo'n anniogel?",
            &[],
        )
    };
    let rating = Question {
        rating_labels: Some(RatingLabels {
            low: Names::new("Very poor", "Gwael iawn"),
            high: Names::new("Very good", "Da iawn"),
        }),
        ..question("q3", QuestionKind::Rating, "How is street lighting?", "Sut mae goleuadau stryd?", &[])
    };
    let place =
        Question { required: true, ..question("q4", QuestionKind::Place, "Which ward?", "Pa ward?", &[]) };
    Survey { questions: vec![safe, why, rating, place] }
}

struct Campaign {
    id: i64,
    slug: String,
    ward: String,
    neighbourhood: i64,
}

/// A Cardiff campaign open now, with its survey published.
async fn campaign(db: &Db, slug: &str, policy: ResponsePolicy) -> Campaign {
    let csp = cardiff(db).await;
    let neighbourhood = cardiff_neighbourhoods(db).await[0];
    let lead = user_id(db, "engagement-lead@demo.cymuned.cymru").await;
    let now = db::now();
    let id = db::engagement::create_campaign(
        db,
        NewCampaign {
            csp_id: csp,
            slug,
            title: &Names::new("Feeling safe", "Teimlo'n ddiogel"),
            purpose: &Names::new(
                "Tell us how safe you feel.",
                "Dywedwch wrthym pa mor ddiogel rydych yn teimlo.",
            ),
            whole_csp: false,
            neighbourhoods: &[neighbourhood],
            channels: &[Channel::OnlineSurvey, Channel::StreetBriefing],
            starts_on: now - DAY,
            ends_on: now + 30 * DAY,
            owner_user_id: lead,
            response_policy: policy,
            results_due_on: Some(now + 60 * DAY),
        },
    )
    .await
    .unwrap();
    publish(db, id, &survey(), lead).await;
    let ward = db::engagement::campaign_wards(db, id).await.unwrap().remove(0).code;
    Campaign { id, slug: slug.to_string(), ward, neighbourhood }
}

/// The cookies a response sets, as a `Cookie` header (name=value pairs).
fn set_cookies(headers: &HeaderMap) -> Option<String> {
    let pairs: Vec<String> = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|c| c.split(';').next().unwrap().to_string())
        .collect();
    (!pairs.is_empty()).then(|| pairs.join("; "))
}

/// The private token in a step's address.
fn token_of(location: &str) -> String {
    location.split("p=").nth(1).unwrap().split('&').next().unwrap().to_string()
}

/// Answers the whole survey as a visitor would (English, "yes", a rating, the ward; equality
/// skipped). Returns the last answer's redirect and its headers.
async fn answer_all(
    app: &Router,
    c: &Campaign,
    cookie: &Option<String>,
    link: &str,
) -> (StatusCode, HeaderMap) {
    let path = format!("/have-your-say/{}", c.slug);
    let (status, headers) =
        post(app, &path, cookie, &format!("lang=en&p=&link={link}&step=0&go=next&q_q1=yes")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let to = location(&headers);
    if !to.contains("step=1") {
        return (status, headers);
    }
    let token = token_of(&to);
    let cookie = cookie.clone().or_else(|| set_cookies(&headers));
    let (_, headers) =
        post(app, &path, &cookie, &format!("lang=en&p={token}&step=1&go=next&q_q3=4&q_q4={}", c.ward)).await;
    assert!(location(&headers).contains("step=2"), "{}", location(&headers));
    post(app, &path, &cookie, &format!("lang=en&p={token}&step=2&go=next")).await
}

both_backends!(a_resident_answers_in_welsh_step_by_step_and_resumes, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let c = campaign(&db, "teimlo-n-ddiogel", ResponsePolicy::OnePerDevice).await;
    let welsh = format!("/cy/have-your-say/{}", c.slug);
    let (status, body) = page(&app, &welsh, &None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Teimlo&#x27;n ddiogel") || body.contains("Teimlo'n ddiogel"), "{body}");
    assert!(body.contains("Ydych chi") && body.contains("Rhan 1"), "{body}");
    assert_no_english(&body, "the survey's first step");
    assert!(!body.contains("<script src"), "no JavaScript needed");
    assert!(body.contains("<legend>") && body.contains("999"));

    // Step 1: "no", so the follow-up question is asked on the next step.
    let (status, headers) =
        post(&app, &format!("/have-your-say/{}", c.slug), &None, "lang=cy&p=&link=&step=0&go=next&q_q1=no")
            .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let to = location(&headers);
    assert!(to.starts_with(&format!("{welsh}?p=")) && to.ends_with("&step=1"), "{to}");
    let device = set_cookies(&headers).expect("the device cookie");
    let set = headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().to_string();
    assert!(set.contains("HttpOnly") && set.starts_with("cymuned_device="), "{set}");
    let token = token_of(&to);
    let stored: String =
        sqlx::query_scalar("SELECT token_hash FROM survey_progress").fetch_one(db.reader()).await.unwrap();
    assert_eq!(stored, sha256_hex(&token), "only the token's hash is stored");

    let (_, body) = page(&app, &to, &Some(device.clone())).await;
    assert!(body.contains("Beth sy&#x27;n gwneud") || body.contains("Beth sy'n gwneud"), "{body}");
    assert!(body.contains(&format!("?p={token}")), "the private link to finish later is shown");
    assert!(body.contains("Gwael iawn") && body.contains("Da iawn"), "the rating's end labels");
    // The place question: the ward list, and a map of the campaign's wards once JavaScript runs
    // (an island, in Welsh): this step loads the browser bundle for it. No field for a point.
    assert!(body.contains(r#"id="q-q4""#) && body.contains(r#"name="q_q4""#), "{body}");
    assert!(body.contains("<leptos-island") && body.contains("hydrateIslands"), "{body}");
    assert!(body.contains("wardiau mae") && body.contains(r#"id="q-q4-map""#), "{body}");
    assert!(!body.contains(r#"name="lat""#) && !body.contains(r#"name="lon""#), "a survey keeps no point");

    // The ward left out: refused, kept as typed, said in Welsh.
    let path = format!("/have-your-say/{}", c.slug);
    let (_, headers) = post(
        &app,
        &path,
        &Some(device.clone()),
        &format!("lang=cy&p={token}&step=1&go=next&q_q2=Dim+goleuadau&q_q3=2"),
    )
    .await;
    let to = location(&headers);
    assert!(to.contains("error=answers"), "{to}");
    let (_, body) = page(&app, &to, &Some(device.clone())).await;
    assert!(body.contains("Atebwch y cwestiwn hwn.") && body.contains("Dim goleuadau"), "{body}");
    assert_no_english(&body, "a refused step");
    assert!(body.contains("error-summary") && body.contains("href=\"#q-q4\""));

    // Resumed later by the private link alone: the step reached, with what was typed.
    let (_, body) = page(&app, &format!("{welsh}?p={token}"), &None).await;
    assert!(body.contains("Dim goleuadau") && body.contains("Rhan 2"), "{body}");

    let (_, headers) = post(
        &app,
        &path,
        &Some(device.clone()),
        &format!("lang=cy&p={token}&step=1&go=next&q_q2=Dim+goleuadau&q_q3=2&q_q4={}", c.ward),
    )
    .await;
    let to = location(&headers);
    assert!(to.ends_with("&step=2"), "{to}");
    let (_, body) = page(&app, &to, &Some(device.clone())).await;
    assert!(body.contains("Amdanoch chi") && body.contains("Benyw"), "the equality step, in Welsh");
    assert!(!body.contains("hydrateIslands"), "no place question here: no browser bundle");
    assert_no_english(&body, "the equality step");
    // Back keeps the equality answers typed so far and goes to the survey's last step.
    let (_, headers) =
        post(&app, &path, &Some(device.clone()), &format!("lang=cy&p={token}&step=2&go=back&eq_sex=female"))
            .await;
    assert!(location(&headers).ends_with("&step=1"));
    let (_, headers) =
        post(&app, &path, &Some(device.clone()), &format!("lang=cy&p={token}&step=2&go=next&eq_sex=female"))
            .await;
    let to = location(&headers);
    assert_eq!(to, format!("{welsh}/thanks?p={token}"));

    let language: String = sqlx::query_scalar("SELECT language FROM survey_responses WHERE campaign_id = $1")
        .bind(c.id)
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert_eq!(language, "cy");
    assert_eq!(scalar_for(&db, "SELECT COUNT(*) FROM survey_answers WHERE campaign_id = $1", c.id).await, 4);
    let sex: String =
        sqlx::query_scalar("SELECT sex FROM survey_equality").fetch_one(db.reader()).await.unwrap();
    assert_eq!(sex, "female");
    let neighbourhood: i64 = sqlx::query_scalar("SELECT neighbourhood_id FROM survey_responses")
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert_eq!(neighbourhood, c.neighbourhood);

    // Thank you, in Welsh, with when results are due; an emailed copy in Welsh when asked.
    let (_, body) = page(&app, &to, &None).await;
    assert!(body.contains("Diolch") && body.contains("Bydd y canlyniadau"), "{body}");
    assert_no_english(&body, "the thank-you page");
    let (_, headers) = post(
        &app,
        &format!("/have-your-say/{}/copy", c.slug),
        &None,
        &format!("lang=cy&p={token}&email=preswylydd%40example.com"),
    )
    .await;
    assert!(location(&headers).ends_with("done=copied"), "{}", location(&headers));
    let (to_address, subject, body): (String, String, String) = {
        let row: (String, String, String) = sqlx::query_as("SELECT to_address, subject, body FROM outbox")
            .fetch_one(db.reader())
            .await
            .unwrap();
        row
    };
    assert_eq!(to_address, "preswylydd@example.com");
    assert!(subject.starts_with("Eich atebion"), "{subject}");
    assert!(
        body.contains("Dim goleuadau") && body.contains("Nac ydw") && body.contains("Pa ward?"),
        "{body}"
    );
    assert_eq!(
        scalar_for(&db, "SELECT COUNT(*) FROM survey_progress WHERE campaign_id = $1", c.id).await,
        0,
        "forgotten once sent"
    );

    // The same browser again: told it has answered; a second response is refused.
    let (_, body) = page(&app, &format!("/have-your-say/{}", c.slug), &Some(device.clone())).await;
    assert!(body.contains("already answered"), "{body}");
    let (_, headers) = answer_all(&app, &c, &Some(device.clone()), "").await;
    assert!(location(&headers).contains("error=answered"), "{}", location(&headers));
    assert_eq!(
        scalar_for(&db, "SELECT COUNT(*) FROM survey_responses WHERE campaign_id = $1", c.id).await,
        1
    );
    // Another browser may answer.
    let (_, headers) = answer_all(&app, &c, &None, "").await;
    assert!(location(&headers).contains("/thanks?p="), "{}", location(&headers));
    assert_eq!(
        scalar_for(&db, "SELECT COUNT(*) FROM survey_responses WHERE campaign_id = $1", c.id).await,
        2
    );
});

both_backends!(each_policy_keeps_one_response_per_person, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    // Open (a kiosk): anyone, any number.
    let open = campaign(&db, "kiosk", ResponsePolicy::Open).await;
    for _ in 0..2 {
        let (_, headers) = answer_all(&app, &open, &None, "").await;
        assert!(location(&headers).contains("/thanks?p="));
        assert!(set_cookies(&headers).is_none(), "an open survey sets no cookie");
    }
    assert_eq!(
        scalar_for(&db, "SELECT COUNT(*) FROM survey_responses WHERE campaign_id = $1", open.id).await,
        2
    );

    // One per email: the address gets a personal link; only its keyed hash is kept.
    let email = campaign(&db, "by-email", ResponsePolicy::OnePerEmail).await;
    let (_, body) = page(&app, "/have-your-say/by-email", &None).await;
    assert!(body.contains("name=\"email\""), "{body}");
    let (_, headers) = post(&app, "/have-your-say/by-email/email", &None, "lang=en&email=nope").await;
    assert!(location(&headers).contains("error=email"));
    let (_, headers) =
        post(&app, "/have-your-say/by-email/email", &None, "lang=cy&email=Resident%40Example.com").await;
    assert!(location(&headers).starts_with("/cy/have-your-say/by-email?done=sent"), "{}", location(&headers));
    let (id, subject, body): (i64, String, String) =
        sqlx::query_as("SELECT id, subject, body FROM outbox ORDER BY id DESC LIMIT 1")
            .fetch_one(db.reader())
            .await
            .unwrap();
    assert!(subject.starts_with("Eich dolen"), "in the language asked in: {subject}");
    let token = body.split("/link/").nth(1).unwrap().split_whitespace().next().unwrap().to_string();
    let hash: String = sqlx::query_scalar("SELECT respondent_hash FROM survey_links WHERE campaign_id = $1")
        .bind(email.id)
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert!(!hash.contains("example") && hash.len() == 64);
    // Once sent, the email's body no longer holds the link.
    db::outbox::mark_sent(&db, id).await.unwrap();
    let kept: String = sqlx::query_scalar("SELECT body FROM outbox WHERE id = $1")
        .bind(id)
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert!(!kept.contains(&token));
    let (status, body) = page(&app, &format!("/have-your-say/by-email/link/{token}"), &None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("Do you feel safe at night?") && body.contains(&format!("value=\"{token}\"")),
        "{body}"
    );
    let (_, headers) = answer_all(&app, &email, &None, &token).await;
    assert!(location(&headers).contains("/thanks?p="), "{}", location(&headers));
    let key: String =
        sqlx::query_scalar("SELECT respondent_key FROM survey_responses WHERE campaign_id = $1")
            .bind(email.id)
            .fetch_one(db.reader())
            .await
            .unwrap();
    assert_eq!(key, hash);
    // The link is used: it says so, a second response is refused, and asking again sends nothing.
    let (_, body) = page(&app, &format!("/have-your-say/by-email/link/{token}"), &None).await;
    assert!(body.contains("already answered"), "{body}");
    let (_, headers) = answer_all(&app, &email, &None, &token).await;
    assert!(!location(&headers).contains("/thanks"), "{}", location(&headers));
    let before = scalar_for(&db, "SELECT COUNT(*) FROM outbox WHERE id > $1", 0).await;
    let (_, headers) =
        post(&app, "/have-your-say/by-email/email", &None, "lang=en&email=resident%40example.com").await;
    assert!(location(&headers).contains("done=sent"), "the same answer whoever asks");
    assert_eq!(scalar_for(&db, "SELECT COUNT(*) FROM outbox WHERE id > $1", 0).await, before);
    assert_eq!(
        scalar_for(&db, "SELECT COUNT(*) FROM survey_responses WHERE campaign_id = $1", email.id).await,
        1
    );

    // One per personal link (made by the KIN part): without it, the page says so.
    let kin = campaign(&db, "kin-quarter", ResponsePolicy::OnePerLink).await;
    let (_, body) = page(&app, "/have-your-say/kin-quarter", &None).await;
    assert!(body.contains("personal link"), "{body}");
    let (_, body) = page(&app, "/have-your-say/kin-quarter/link/not-a-link", &None).await;
    assert!(body.contains("does not work"), "{body}");
    let token = accounts::random_token();
    sqlx::query("INSERT INTO survey_links (campaign_id, token_hash, respondent_hash, created_at) VALUES ($1, $2, 'member-7', 0)")
        .bind(kin.id)
        .bind(sha256_hex(&token))
        .execute(db.writer())
        .await
        .unwrap();
    let (_, headers) = answer_all(&app, &kin, &None, &token).await;
    assert!(location(&headers).contains("/thanks?p="));
    let (_, headers) = answer_all(&app, &kin, &None, &token).await;
    assert!(!location(&headers).contains("/thanks"));
    let (_, headers) = answer_all(&app, &kin, &None, "").await;
    assert!(!location(&headers).contains("/thanks"), "no link, no answer");
    assert_eq!(
        scalar_for(&db, "SELECT COUNT(*) FROM survey_responses WHERE campaign_id = $1", kin.id).await,
        1
    );
});

both_backends!(a_survey_closed_or_not_yet_open_says_so, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let c = campaign(&db, "later", ResponsePolicy::Open).await;
    let start = db::now() + 10 * DAY;
    sqlx::query("UPDATE campaigns SET starts_on = $1 WHERE id = $2")
        .bind(start)
        .bind(c.id)
        .execute(db.writer())
        .await
        .unwrap();
    let (_, body) = page(&app, "/cy/have-your-say/later", &None).await;
    assert!(
        body.contains("Mae&#x27;r arolwg hwn yn agor ar") || body.contains("Mae'r arolwg hwn yn agor ar"),
        "{body}"
    );
    assert!(body.contains(&app::time::date(Lang::Cy, start)));
    let (_, headers) =
        post(&app, "/have-your-say/later", &None, "lang=en&p=&link=&step=0&go=next&q_q1=yes").await;
    assert_eq!(location(&headers), "/have-your-say/later");
    assert_eq!(scalar_for(&db, "SELECT COUNT(*) FROM survey_progress WHERE campaign_id = $1", c.id).await, 0);

    sqlx::query("UPDATE campaigns SET starts_on = $1, status = 'closed' WHERE id = $2")
        .bind(db::now() - 5 * DAY)
        .bind(c.id)
        .execute(db.writer())
        .await
        .unwrap();
    let (_, body) = page(&app, "/have-your-say/later", &None).await;
    assert!(body.contains("This survey closed on") && body.contains("will be published by"), "{body}");
    assert!(!body.contains("q_q1"), "no form");
    let (status, _) = page(&app, "/have-your-say/no-such-campaign", &None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
});

both_backends!(a_response_is_stored_whole_or_not_at_all, |db: Db, url: String| async move {
    let _app = hub(db.clone(), &url).await;
    let c = campaign(&db, "whole", ResponsePolicy::OnePerLink).await;
    sqlx::query("INSERT INTO survey_links (campaign_id, token_hash, respondent_hash, created_at) VALUES ($1, 'h', 'member', 0)")
        .bind(c.id)
        .execute(db.writer())
        .await
        .unwrap();
    let link: i64 = sqlx::query_scalar("SELECT id FROM survey_links").fetch_one(db.reader()).await.unwrap();
    let version: i64 =
        sqlx::query_scalar("SELECT id FROM survey_versions").fetch_one(db.reader()).await.unwrap();
    let csp: i64 = sqlx::query_scalar("SELECT csp_id FROM campaigns WHERE id = $1")
        .bind(c.id)
        .fetch_one(db.reader())
        .await
        .unwrap();
    // An answer naming a neighbourhood that does not exist fails part-way.
    let rows = vec![app::engagement::survey::AnswerRow {
        question: "q4".into(),
        choice: None,
        number: None,
        text: Some(c.ward.clone()),
        neighbourhood_id: Some(987_654_321),
    }];
    let equality = EqualityRow { sex: Some("male".into()), ..Default::default() };
    let response = NewResponse {
        campaign_id: c.id,
        survey_version_id: version,
        csp_id: csp,
        neighbourhood_id: None,
        channel: ResponseChannel::Online,
        language: Lang::En,
        entered_by: None,
        respondent_key: Some("member"),
        duplicate_of: None,
        answers: &rows,
        equality: &equality,
    };
    // The resident's answers saved so far (the first step), finished with the response.
    db::responses::save_progress(
        &db,
        &SaveProgress {
            token_hash: "token",
            campaign_id: c.id,
            survey_version_id: version,
            language: "en",
            fields_json: "{}",
            step: 1,
            link_id: Some(link),
            keep_until: i64::MAX / 2,
        },
    )
    .await
    .unwrap();
    let finished = SaveProgress {
        token_hash: "token",
        campaign_id: c.id,
        survey_version_id: version,
        language: "en",
        fields_json: "{\"eq_sex\":[\"male\"]}",
        step: 2,
        link_id: Some(link),
        keep_until: db::now() + 3600,
    };
    let mut tx = db.writer().begin().await.unwrap();
    let failed = db::responses::store_in(&mut tx, &response, "hash", Some(link), Some(&finished)).await;
    assert!(failed.is_err());
    drop(tx);
    assert_eq!(
        scalar_for(&db, "SELECT COUNT(*) FROM survey_responses WHERE campaign_id = $1", c.id).await,
        0
    );
    assert_eq!(scalar_for(&db, "SELECT COUNT(*) FROM survey_answers WHERE campaign_id = $1", c.id).await, 0);
    assert_eq!(scalar_for(&db, "SELECT COUNT(*) FROM survey_equality WHERE response_id > $1", 0).await, 0);
    assert_eq!(
        scalar_for(
            &db,
            "SELECT COUNT(*) FROM survey_links WHERE used_at IS NOT NULL AND campaign_id = $1",
            c.id
        )
        .await,
        0
    );
    let (step, response_id): (i64, Option<i64>) =
        sqlx::query_as("SELECT step, response_id FROM survey_progress WHERE token_hash = 'token'")
            .fetch_one(db.reader())
            .await
            .unwrap();
    assert_eq!((step, response_id), (1, None), "the saved answers are not finished");

    // Good answers: the response, its answers and equality row, the used link and the finished
    // answers, in one commit.
    let rows = vec![app::engagement::survey::AnswerRow {
        question: "q4".into(),
        choice: None,
        number: None,
        text: Some(c.ward.clone()),
        neighbourhood_id: Some(c.neighbourhood),
    }];
    let response = NewResponse { answers: &rows, ..response };
    let mut tx = db.writer().begin().await.unwrap();
    let stored =
        db::responses::store_in(&mut tx, &response, "hash", Some(link), Some(&finished)).await.unwrap();
    let db::responses::Stored::Response { id, duplicate_of: None } = stored else { panic!("{stored:?}") };
    tx.commit().await.unwrap();
    assert_eq!(scalar_for(&db, "SELECT COUNT(*) FROM survey_answers WHERE response_id = $1", id).await, 1);
    assert_eq!(scalar_for(&db, "SELECT COUNT(*) FROM survey_equality WHERE response_id = $1", id).await, 1);
    assert_eq!(
        scalar_for(&db, "SELECT COUNT(*) FROM survey_responses WHERE answers_hash = 'hash' AND id = $1", id)
            .await,
        1
    );
    let (step, response_id, fields): (i64, Option<i64>, String) =
        sqlx::query_as("SELECT step, response_id, fields FROM survey_progress WHERE token_hash = 'token'")
            .fetch_one(db.reader())
            .await
            .unwrap();
    assert_eq!((step, response_id), (2, Some(id)), "finished with the response");
    assert!(fields.contains("eq_sex"), "the last step's answers are kept for the copy: {fields}");

    // The same last step again (posted twice): refused, nothing more stored.
    sqlx::query("UPDATE survey_links SET used_at = NULL WHERE id = $1")
        .bind(link)
        .execute(db.writer())
        .await
        .unwrap();
    let response = NewResponse { respondent_key: None, ..response };
    let mut tx = db.writer().begin().await.unwrap();
    let again =
        db::responses::store_in(&mut tx, &response, "hash", Some(link), Some(&finished)).await.unwrap();
    assert_eq!(again, db::responses::Stored::AlreadyAnswered);
    drop(tx);
    assert_eq!(
        scalar_for(&db, "SELECT COUNT(*) FROM survey_responses WHERE campaign_id = $1", c.id).await,
        1
    );
});

fn assert_no_english(html: &str, what: &str) {
    let text = text_of(html);
    // Whole words only ("Arab" is in the Welsh "Arabaidd").
    let shown = |phrase: &str| {
        text.match_indices(phrase).any(|(i, _)| {
            let before = text[..i].chars().next_back().is_none_or(|c| !c.is_alphabetic());
            let after = text[i + phrase.len()..].chars().next().is_none_or(|c| !c.is_alphabetic());
            before && after
        })
    };
    for phrase in english_only_phrases() {
        assert!(!shown(&phrase), "{what} shows English: {phrase:?}");
    }
    for english in ["Do you feel safe", "Very poor", "Which ward?", "Feeling safe"] {
        assert!(!text.contains(english), "{what} shows the survey's English: {english}");
    }
}

/// No answer input (`q_...`) of the page is chosen or filled in.
fn no_answer_chosen(body: &str) -> bool {
    body.split("<input").skip(1).filter(|tag| tag.split('>').next().unwrap().contains("name=\"q_")).all(
        |tag| {
            let tag = tag.split('>').next().unwrap();
            !tag.contains("checked")
        },
    ) && !body.contains("selected=\"\" value=\"W")
        && !body.contains("<option value=\"4\" selected")
}

/// A multipart body holding a CSV file and the page's language.
fn csv_upload(lang: &str, csv: &str) -> (String, Vec<u8>) {
    let boundary = "cymunedboundary7";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"lang\"\r\n\r\n{lang}\r\n--{boundary}\r\n\
         Content-Disposition: form-data; name=\"file\"; filename=\"paper.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
    );
    (format!("multipart/form-data; boundary={boundary}"), body.into_bytes())
}

async fn upload(
    app: &Router,
    path: &str,
    cookie: &Option<String>,
    lang: &str,
    csv: &str,
) -> (StatusCode, String) {
    let (content_type, body) = csv_upload(lang, csv);
    let mut req = Request::post(path)
        .header(header::CONTENT_TYPE, content_type)
        .header("sec-fetch-site", "same-origin");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let (status, headers, _) = send(app, req.body(Body::from(body)).unwrap()).await;
    (status, location(&headers))
}

both_backends!(
    staff_enter_face_to_face_and_paper_responses_flagging_duplicates,
    |db: Db, url: String| async move {
        let app = hub(db.clone(), &url).await;
        let c = campaign(&db, "street", ResponsePolicy::Open).await;
        let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
        let officer_id =
            db::staff::user_id_by_email(&db, "officer@demo.cymuned.cymru").await.unwrap().unwrap();
        let enter = format!("/staff/engagement/{}/enter", c.id);
        let (status, body) = page(&app, &enter, &officer).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            body.contains("Street briefing")
                && body.contains("Shared-tablet mode")
                && body.contains("Do you feel safe at night?")
        );

        // An online response first; the same answers at a street briefing are flagged, not dropped.
        let (_, headers) = answer_all(&app, &c, &None, "").await;
        assert!(location(&headers).contains("/thanks"));
        let online: i64 =
            sqlx::query_scalar("SELECT id FROM survey_responses").fetch_one(db.reader()).await.unwrap();

        // A mistake: kept as typed, said on the page.
        let (_, headers) = post(
            &app,
            &enter,
            &officer,
            "lang=en&channel=street_briefing&language=en&tablet=1&q_q1=no&q_q2=Dark+alley",
        )
        .await;
        let to = location(&headers);
        assert!(
            to.contains("error=response_answers") && to.contains("kept=") && to.contains("tablet=1"),
            "{to}"
        );
        let (_, body) = page(&app, &to, &officer).await;
        assert!(body.contains("Dark alley") && body.contains("Answer this question."), "{body}");
        let (_, headers) = post(&app, &enter, &officer, "lang=en&channel=carrier_pigeon&q_q1=yes").await;
        assert!(location(&headers).contains("error=response_channel"));

        // Tablet mode: saved, and the next page shows nothing of this respondent.
        let body =
            format!("lang=en&channel=street_briefing&language=cy&tablet=1&q_q1=yes&q_q3=4&q_q4={}", c.ward);
        let (_, headers) = post(&app, &enter, &officer, &body).await;
        let to = location(&headers);
        assert!(
            to.contains("done=response_entered") && to.contains("tablet=1") && !to.contains("kept="),
            "{to}"
        );
        let (_, page_body) = page(&app, &to, &officer).await;
        assert!(page_body.contains("Response saved"), "{page_body}");
        assert!(
            no_answer_chosen(&page_body) && !page_body.contains("Latest responses"),
            "nothing of the last respondent"
        );
        let (channel, entered_by, language, duplicate_of): (String, i64, String, Option<i64>) = sqlx::query_as(
        "SELECT channel, entered_by, language, duplicate_of FROM survey_responses WHERE entered_by IS NOT NULL",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
        assert_eq!(
            (channel.as_str(), entered_by, language.as_str(), duplicate_of),
            ("street_briefing", officer_id, "cy", Some(online))
        );
        assert_eq!(
            scalar_for(
                &db,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'response_entered' AND actor_user_id = $1",
                officer_id
            )
            .await,
            1
        );
        let (_, page_body) = page(&app, &enter, &officer).await;
        assert!(page_body.contains(&format!("Possible duplicate of #{online}")), "{page_body}");

        // The paper version, in both languages.
        let (status, body) = page(&app, &format!("/staff/engagement/{}/paper", c.id), &officer).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            body.contains("Do you feel safe at night?")
                && body.contains("Gwael iawn")
                && body.contains("Pa ward?")
        );

        // A CSV with a bad row is refused whole, by line number; a good one is imported and audited.
        let import = format!("/staff/engagement/{}/import", c.id);
        let bad = format!("q1,q3,q4,language\nyes,4,{w},en\nmaybe,4,{w},cy\nno,9,{w},en\n", w = c.ward);
        let (status, to) = upload(&app, &import, &officer, "cy", &bad).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert!(to.starts_with("/cy/staff/engagement/") && to.contains("error=responses_import"), "{to}");
        let (_, body) = page(&app, &to, &officer).await;
        assert!(
            body.contains("Llinell 3:") && body.contains("Llinell 4:") && !body.contains("Llinell 2:"),
            "{body}"
        );
        assert_eq!(
            scalar_for(
                &db,
                "SELECT COUNT(*) FROM survey_responses WHERE channel = 'paper' AND campaign_id = $1",
                c.id
            )
            .await,
            0
        );
        let good = format!("q1,q3,q4,language\nyes,4,{w},en\nno,2,{w},cy\n", w = c.ward);
        let (_, to) = upload(&app, &import, &officer, "en", &good).await;
        assert!(
            to.contains("done=responses_imported") && to.contains("count=2") && to.contains("flagged=1"),
            "{to}"
        );
        let (_, body) = page(&app, &to, &officer).await;
        assert!(body.contains("2 imported; 1 flagged"), "{body}");
        assert_eq!(
            scalar_for(
                &db,
                "SELECT COUNT(*) FROM survey_responses WHERE channel = 'paper' AND entered_by = $1",
                officer_id
            )
            .await,
            2
        );
        assert_eq!(
            scalar_for(
                &db,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'responses_imported' AND actor_user_id = $1",
                officer_id
            )
            .await,
            1
        );

        // The equality monitoring columns, each optional, checked like the rest (a wrong code
        // refuses the whole file by line) and stored apart as an online answer's are.
        let bad = format!(
            "q1,q3,q4,age_band,ethnic_group,welsh_language,postcode_district\n\
             yes,5,{w},sixty,,,\nno,1,{w},,,,CF11 9AB\n",
            w = c.ward
        );
        let (_, to) = upload(&app, &import, &officer, "en", &bad).await;
        assert!(to.contains("error=responses_import"), "{to}");
        let (_, body) = page(&app, &to, &officer).await;
        assert!(
            body.contains("Line 2:") && body.contains("age_band: ") && !body.contains("Line 3:"),
            "{body}"
        );
        let (_, body) = page(&app, &import, &officer).await;
        assert!(
            body.contains("postcode_district") && body.contains("white_gypsy_irish_traveller"),
            "the columns are listed"
        );
        let good = format!(
            "q1,q3,q4,age_band,ethnic_group,welsh_language,postcode_district\n\
             yes,5,{w},65_74,black_caribbean,speaks,CF11 9AB\nno,1,{w},,,,prefer_not_to_say\nyes,3,{w},,,,\n",
            w = c.ward
        );
        let (_, to) = upload(&app, &import, &officer, "en", &good).await;
        assert!(to.contains("done=responses_imported") && to.contains("count=3"), "{to}");
        type Stored = (Option<String>, Option<String>, Option<String>, Option<String>, Option<String>);
        let rows: Vec<Stored> = sqlx::query_as(
            "SELECT e.age_band, e.ethnic_group, e.welsh_language, e.postcode_district, e.sex FROM survey_equality e \
             JOIN survey_responses r ON r.id = e.response_id WHERE r.campaign_id = $1 AND r.channel = 'paper' ORDER BY r.id",
        )
        .bind(c.id)
        .fetch_all(db.reader())
        .await
        .unwrap();
        let s = |v: &str| Some(v.to_string());
        assert_eq!(
            rows,
            [
                (s("65_74"), s("black_caribbean"), s("speaks"), s("CF11"), None),
                (None, None, None, s("prefer_not_to_say"), None)
            ],
            "only the district of a postcode; no row for a form without equality answers"
        );
    }
);

both_backends!(only_staff_who_may_enter_responses_use_the_staff_pages, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let c = campaign(&db, "who-may", ResponsePolicy::Open).await;
    add_account(&db, "officer@swansea.example", "Swansea officer", "officer", "swansea", None).await;
    let swansea = cookie_for(&app, "officer@swansea.example").await;
    let mut people: Vec<(&str, Option<String>, u16)> = Vec::new();
    for (email, expected) in [
        ("officer@demo.cymuned.cymru", 200),
        ("analyst@demo.cymuned.cymru", 403),
        ("engagement-lead@demo.cymuned.cymru", 200),
        ("partner@demo.cymuned.cymru", 404),
        ("csp-manager@demo.cymuned.cymru", 200),
        ("admin@demo.cymuned.cymru", 200),
    ] {
        people.push((email, cookie_for(&app, email).await, expected));
    }
    people.push(("another CSP's officer", swansea, 404));
    let entry = format!("lang=en&channel=door_to_door&q_q1=yes&q_q4={}", c.ward);
    for (who, cookie, expected) in &people {
        for tail in ["enter", "paper", "import"] {
            let (status, _) = page(&app, &format!("/staff/engagement/{}/{tail}", c.id), cookie).await;
            assert_eq!(status.as_u16(), *expected, "{who} GET {tail}");
        }
        let before =
            scalar_for(&db, "SELECT COUNT(*) FROM survey_responses WHERE campaign_id = $1", c.id).await;
        let (status, headers) =
            post(&app, &format!("/staff/engagement/{}/enter", c.id), cookie, &entry).await;
        let after =
            scalar_for(&db, "SELECT COUNT(*) FROM survey_responses WHERE campaign_id = $1", c.id).await;
        if *expected == 200 {
            assert_eq!(status, StatusCode::SEE_OTHER, "{who}");
            assert!(location(&headers).contains("done=response_entered"), "{who}");
            assert_eq!(after, before + 1, "{who}");
        } else {
            assert_eq!(status.as_u16(), *expected, "{who} POST enter");
            assert_eq!(after, before, "{who}");
        }
        let (status, _) =
            upload(&app, &format!("/staff/engagement/{}/import", c.id), cookie, "en", "q1\nyes\n").await;
        assert_eq!(status.as_u16(), if *expected == 200 { 303 } else { *expected }, "{who} POST import");
    }
    // Signed out: to sign in, nothing stored.
    let before = scalar_for(&db, "SELECT COUNT(*) FROM survey_responses WHERE campaign_id = $1", c.id).await;
    for tail in ["enter", "paper", "import"] {
        let (status, _, _) =
            send(&app, common::http::get(&format!("/staff/engagement/{}/{tail}", c.id))).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "signed out GET {tail}");
    }
    let (status, headers) = post(&app, &format!("/staff/engagement/{}/enter", c.id), &None, &entry).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location(&headers).starts_with("/sign-in?next="));
    let (status, to) =
        upload(&app, &format!("/staff/engagement/{}/import", c.id), &None, "en", "q1\nyes\n").await;
    assert!(status == StatusCode::SEE_OTHER && to.starts_with("/sign-in"), "{to}");
    assert_eq!(
        scalar_for(&db, "SELECT COUNT(*) FROM survey_responses WHERE campaign_id = $1", c.id).await,
        before
    );
});
