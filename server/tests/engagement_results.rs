//! Engagement results over HTTP on both databases: the results page's numbers with small
//! numbers hidden (and the total not giving one away), filters, the provisional mark, publishing
//! results and the partner's view, coding free text (themes, tags, notes only staff see), the
//! anonymised CSV export (neutralised cells, no equality data), who may do each of these, and no
//! English on the Welsh pages.

mod common;

use app::{
    db::{
        self,
        engagement::{EqualityRow, NewCampaign, NewResponse},
        Db,
    },
    engagement::{
        survey::{QuestionKind, Survey},
        Channel, ResponseChannel, ResponsePolicy,
    },
    i18n::Lang,
    reference::Names,
};
use axum::body::Body;
use common::{
    engagement::{
        add_account, cardiff, cardiff_neighbourhoods, cookie_for, no_english, post, publish, question,
        user_id,
    },
    http::{hub, page, send, with_cookie},
};
use http::{header, Request, StatusCode};
use std::collections::HashMap;

fn survey() -> Survey {
    Survey {
        questions: vec![
            question(
                "q1",
                QuestionKind::SingleChoice,
                "Do you feel safe after dark?",
                "Ydych chi'n teimlo'n ddiogel ar ôl iddi dywyllu?",
                &[("yes", "Yes", "Ydw"), ("no", "No", "Nac ydw"), ("unsure", "Unsure", "Ansicr")],
            ),
            question("q2", QuestionKind::FreeText, "What would help?", "Beth fyddai'n helpu?", &[]),
        ],
    }
}

/// A Cardiff campaign with a published survey and 40 responses: in the first neighbourhood 15
/// yes, 11 no, 3 unsure and one more yes on paper (30); in the second 10 yes online. Free text
/// from a few of them. Returns (campaign id, the two neighbourhoods).
async fn campaign_with_responses(db: &Db) -> (i64, i64, i64) {
    let csp = cardiff(db).await;
    let n = cardiff_neighbourhoods(db).await;
    let lead = user_id(db, "engagement-lead@demo.cymuned.cymru").await;
    let id = db::engagement::create_campaign(
        db,
        NewCampaign {
            csp_id: csp,
            slug: "feeling-safe",
            title: &Names::new("Feeling safe", "Teimlo'n ddiogel"),
            purpose: &Names::new("", ""),
            whole_csp: true,
            neighbourhoods: &[],
            channels: &[Channel::OnlineSurvey],
            starts_on: 1_800_000_000,
            ends_on: 1_802_000_000,
            owner_user_id: lead,
            response_policy: ResponsePolicy::Open,
            results_due_on: None,
        },
    )
    .await
    .unwrap();
    let version = publish(db, id, &survey(), lead).await;
    let texts = [
        "Ceir yn gyrru'n rhy gyflym drwy'r dref",
        "Speeding cars through the town",
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "More lights in the park, cars parked badly",
        "-1 for the lights",
    ];
    let mut plan: Vec<(&str, i64, ResponseChannel)> = Vec::new();
    plan.extend(std::iter::repeat_n(("yes", n[0], ResponseChannel::Online), 15));
    plan.extend(std::iter::repeat_n(("no", n[0], ResponseChannel::Online), 11));
    plan.extend(std::iter::repeat_n(("unsure", n[0], ResponseChannel::Online), 3));
    plan.push(("yes", n[0], ResponseChannel::Paper));
    plan.extend(std::iter::repeat_n(("yes", n[1], ResponseChannel::Online), 10));
    for (i, (answer, neighbourhood, channel)) in plan.into_iter().enumerate() {
        let mut fields = HashMap::from([("q_q1".to_string(), vec![answer.to_string()])]);
        if let Some(t) = texts.get(i) {
            fields.insert("q_q2".into(), vec![t.to_string()]);
        }
        let answers = survey().check(&fields, &HashMap::new()).unwrap();
        let age = if i % 2 == 0 { "25-34" } else { "65-74" };
        db::engagement::store_response(
            db,
            &NewResponse {
                campaign_id: id,
                survey_version_id: version,
                csp_id: csp,
                neighbourhood_id: Some(neighbourhood),
                channel,
                language: Lang::En,
                entered_by: None,
                respondent_key: None,
                duplicate_of: None,
                answers: &answers.rows(),
                equality: &EqualityRow { age_band: Some(age.into()), ..Default::default() },
            },
        )
        .await
        .unwrap();
    }
    (id, n[0], n[1])
}

/// The counts in a page's tables: each `<td>` cell's text (without the renderer's `<!>` marks).
fn cells(body: &str) -> Vec<String> {
    body.split("<td>").skip(1).map(|c| c.split("</td>").next().unwrap_or("").replace("<!>", "")).collect()
}

both_backends!(results_are_suppressed_filtered_and_published, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let (id, first, second) = campaign_with_responses(&db).await;
    add_account(&db, "officer@swansea.example", "Swansea officer", "officer", "swansea", None).await;
    let path = format!("/staff/engagement/{id}/results");
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let (status, body) = page(&app, &path, &officer).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Yes 26 of 40 (65%); the 3 "unsure" is hidden, and the 11 "no" with it, so 40 - 26 does
    // not give the 3 away.
    let c = cells(&body);
    assert!(c.contains(&"26".to_string()) && c.contains(&"65%".to_string()), "{c:?}");
    assert_eq!(c.iter().filter(|x| *x == "fewer than 10").count(), 2, "{c:?}");
    assert!(!c.contains(&"3".to_string()) && !c.contains(&"11".to_string()), "{c:?}");
    assert!(body.contains("Answered by: 40") && body.contains("Responses counted: 40"));
    assert!(body.contains("role=\"img\"") && body.contains("<caption>"));
    // Still open: provisional.
    assert!(body.contains("Provisional."));
    // Free text is not on the results page.
    assert!(!body.contains("Speeding cars"));

    // Filters: the second neighbourhood (10 yes); paper (1: hidden); an equality group.
    let (_, body) = page(&app, &format!("{path}?neighbourhood={second}"), &officer).await;
    assert!(body.contains("Responses counted: 10") && cells(&body).contains(&"10".to_string()));
    let (_, body) = page(&app, &format!("{path}?channel=paper"), &officer).await;
    assert!(body.contains("Responses counted: fewer than 10"), "paper");
    assert!(!cells(&body).contains(&"1".to_string()));
    let (_, body) = page(&app, &format!("{path}?group=age_band:25-34&neighbourhood={first}"), &officer).await;
    assert!(body.contains("Responses counted: 15"), "age 25-34 in the first neighbourhood");
    assert!(
        body.contains("value=\"age_band:25-34\" selected")
            || body.contains("selected value=\"age_band:25-34\"")
    );

    // Once the campaign is closed, the results are final.
    sqlx::query("UPDATE campaigns SET status = 'closed' WHERE id = $1")
        .bind(id)
        .execute(db.writer())
        .await
        .unwrap();
    let (_, body) = page(&app, &path, &officer).await;
    assert!(!body.contains("Provisional."));

    // Who sees the results and who may publish them, before publishing.
    let people = [
        ("signed out", None),
        ("officer", officer.clone()),
        ("analyst", cookie_for(&app, "analyst@demo.cymuned.cymru").await),
        ("engagement lead", cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await),
        ("partner", cookie_for(&app, "partner@demo.cymuned.cymru").await),
        ("manager", cookie_for(&app, "csp-manager@demo.cymuned.cymru").await),
        ("admin", cookie_for(&app, "admin@demo.cymuned.cymru").await),
        ("another CSP's officer", cookie_for(&app, "officer@swansea.example").await),
    ];
    for (who, cookie) in &people {
        let (status, _) = page(&app, &path, cookie).await;
        let expected = match *who {
            "signed out" => StatusCode::SEE_OTHER,
            "partner" | "another CSP's officer" => StatusCode::NOT_FOUND,
            _ => StatusCode::OK,
        };
        assert_eq!(status, expected, "{who} reads unpublished results");
        if matches!(*who, "engagement lead" | "manager" | "admin") {
            continue;
        }
        let (status, _) = post(&app, &format!("{path}/publish"), cookie, "lang=en").await;
        let expected = match *who {
            "signed out" => StatusCode::SEE_OTHER,
            "partner" | "another CSP's officer" => StatusCode::NOT_FOUND,
            _ => StatusCode::FORBIDDEN,
        };
        assert_eq!(status, expected, "{who} publishes");
    }
    // Partners' list of published results has nothing yet.
    let (status, body) = page(&app, "/staff/engagement/published", &people[4].1).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("No campaign of this partnership has published its results yet."));
    assert!(!body.contains("Feeling safe"));
    let published: Option<i64> =
        sqlx::query_scalar("SELECT results_published_at FROM campaigns WHERE id = $1")
            .bind(id)
            .fetch_one(db.reader())
            .await
            .unwrap();
    assert_eq!(published, None, "nobody without the permission published");

    // The lead publishes; a second time says so.
    let lead = &people[3].1;
    let (status, location) = post(&app, &format!("{path}/publish"), lead, "lang=en").await;
    assert_eq!(
        (status, location.as_str()),
        (StatusCode::SEE_OTHER, format!("{path}?done=results_published").as_str())
    );
    let (_, location) = post(&app, &format!("{path}/publish"), lead, "lang=cy").await;
    assert_eq!(location, format!("/cy{path}?error=results_published"));
    let audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'engagement_results_published' AND record_id = $1",
    )
    .bind(id.to_string())
    .fetch_one(db.reader())
    .await
    .unwrap();
    assert_eq!(audited, 1);

    // The partner now finds it in their list, in both languages, and sees the whole campaign's
    // counts, suppressed, and nothing else.
    let partner = &people[4].1;
    let (_, body) = page(&app, "/staff/engagement/published", partner).await;
    assert!(body.contains("Feeling safe") && body.contains(&format!("href=\"{path}\"")), "{body}");
    let (_, body) = page(&app, "/cy/staff/engagement/published", partner).await;
    assert!(body.contains("Teimlo&#x27;n ddiogel") || body.contains("Teimlo'n ddiogel"));
    no_english("/cy/staff/engagement/published", &body);
    let (_, body) = page(&app, "/cy/staff/engagement/published", lead).await;
    assert!(body.contains("Teimlo&#x27;n ddiogel") || body.contains("Teimlo'n ddiogel"), "{body}");
    no_english("/cy/staff/engagement/published (staff)", &body);
    // Signed out: the sign-in page; another CSP's officer: their own CSP's list, without it.
    let (status, _) = page(&app, "/staff/engagement/published", &None).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, body) = page(&app, "/staff/engagement/published", &people[7].1).await;
    assert!(!body.contains("Feeling safe"));
    let (status, body) =
        page(&app, &format!("{path}?neighbourhood={second}&group=age_band:25-34"), partner).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Responses counted: 40"), "a partner cannot filter");
    assert!(cells(&body).contains(&"26".to_string()) && !cells(&body).contains(&"3".to_string()));
    assert!(
        !body.contains("filter-neighbourhood") && !body.contains("export.csv") && !body.contains("/coding")
    );
    // (The address asked for, 25-34 in it, comes back in the language link; no group is listed.)
    assert!(
        !body.contains("Speeding cars") && !body.contains("value=\"age_band:") && !body.contains("65-74")
    );
    // Another CSP's officer still sees nothing.
    let (status, _) = page(&app, &path, &people[7].1).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The Welsh page is in Welsh.
    let (_, body) = page(&app, &format!("/cy{path}"), &officer).await;
    assert!(
        body.contains("llai na 10") && body.contains("Ydych chi'n teimlo")
            || body.contains("Ydych chi&#x27;n teimlo")
    );
    no_english(&format!("/cy{path}"), &body);
});

both_backends!(free_text_is_coded_and_exported_without_equality_data, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let (id, _, _) = campaign_with_responses(&db).await;
    add_account(&db, "officer@swansea.example", "Swansea officer", "officer", "swansea", None).await;
    let coding = format!("/staff/engagement/{id}/coding");
    let analyst = cookie_for(&app, "analyst@demo.cymuned.cymru").await;
    let (status, body) = page(&app, &coding, &analyst).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("Speeding cars through the town") && body.contains("5 answers"));
    // "cars" is shared by three answers; suggested, not applied.
    assert!(body.contains("Add “cars” as a theme"), "suggestion");
    let tagged: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM survey_answer_themes").fetch_one(db.reader()).await.unwrap();
    assert_eq!(tagged, 0);
    let read: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'engagement_answers_viewed'")
            .fetch_one(db.reader())
            .await
            .unwrap();
    assert_eq!(read, 1, "reading free text is audited");

    // A theme, accepted from the suggestion; the same name again, and an empty one, refused.
    let (_, location) =
        post(&app, &format!("{coding}/theme"), &analyst, "lang=en&question=q2&name=cars").await;
    assert!(location.contains("done=coding_theme_added"), "{location}");
    let (_, location) =
        post(&app, &format!("{coding}/theme"), &analyst, "lang=en&question=q2&name=cars").await;
    assert!(location.contains("error=coding_theme_exists") && location.contains("kept="), "{location}");
    let (_, location) =
        post(&app, &format!("{coding}/theme"), &analyst, "lang=en&question=q2&name=%20").await;
    assert!(location.contains("error=coding_theme_name"), "{location}");
    let (_, location) = post(&app, &format!("{coding}/theme"), &analyst, "lang=en&question=q1&name=x").await;
    assert!(location.contains("error=coding_question"), "{location}");
    let theme: i64 = sqlx::query_scalar("SELECT id FROM survey_themes WHERE name = 'cars'")
        .fetch_one(db.reader())
        .await
        .unwrap();

    // The answer that mentions cars is suggested the theme; the analyst tags it with a note.
    let (_, body) = page(&app, &coding, &analyst).await;
    assert!(body.contains("Suggested themes: cars"), "per-answer suggestion");
    let response: i64 = sqlx::query_scalar(
        "SELECT response_id FROM survey_answers WHERE question = 'q2' AND text LIKE 'Speeding%'",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
    let body =
        format!("lang=en&question=q2&response={response}&theme={theme}&note=Ask%20PCSO%20Evans&page=1");
    let (_, location) = post(&app, &format!("{coding}/answer"), &analyst, &body).await;
    assert!(
        location.contains("done=coding_saved") && location.ends_with(&format!("#answer-{response}")),
        "{location}"
    );
    let note: String = sqlx::query_scalar("SELECT note FROM survey_answer_notes WHERE response_id = $1")
        .bind(response)
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert_eq!(note, "Ask PCSO Evans");
    // A theme of another question, or a note too long, is refused; nothing changes.
    let (_, location) = post(
        &app,
        &format!("{coding}/answer"),
        &analyst,
        &format!("lang=en&question=q2&response={response}&theme=999"),
    )
    .await;
    assert!(location.contains("error=coding_theme"), "{location}");
    let long = "x".repeat(2_001);
    let (_, location) = post(
        &app,
        &format!("{coding}/answer"),
        &analyst,
        &format!("lang=en&question=q2&response={response}&theme={theme}&note={long}"),
    )
    .await;
    assert!(location.contains("error=coding_note_too_long") && location.contains("kept="), "{location}");
    let tagged: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM survey_answer_themes").fetch_one(db.reader()).await.unwrap();
    assert_eq!(tagged, 1);

    // Theme counts (1: hidden), the theme filter and the uncoded filter.
    let (_, body) = page(&app, &coding, &analyst).await;
    assert!(cells(&body).contains(&"fewer than 10".to_string()) && body.contains("Ask PCSO Evans"));
    let (_, body) = page(&app, &format!("{coding}?question=q2&theme={theme}"), &analyst).await;
    assert!(body.contains("Speeding cars") && !body.contains("More lights"), "theme filter");
    let (_, body) = page(&app, &format!("{coding}?question=q2&uncoded=1"), &analyst).await;
    assert!(!body.contains("Speeding cars") && body.contains("More lights"), "uncoded filter");

    // Who may code: analysts, leads, managers and admins; officers read results but not code.
    let people = [
        ("signed out", None),
        ("officer", cookie_for(&app, "officer@demo.cymuned.cymru").await),
        ("analyst", analyst.clone()),
        ("engagement lead", cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await),
        ("partner", cookie_for(&app, "partner@demo.cymuned.cymru").await),
        ("manager", cookie_for(&app, "csp-manager@demo.cymuned.cymru").await),
        ("admin", cookie_for(&app, "admin@demo.cymuned.cymru").await),
        ("another CSP's officer", cookie_for(&app, "officer@swansea.example").await),
    ];
    for (who, cookie) in &people {
        let (status, _) = page(&app, &coding, cookie).await;
        let (theme_status, _) = post(
            &app,
            &format!("{coding}/theme"),
            cookie,
            &format!("lang=en&question=q2&name={}", who.replace(' ', "-")),
        )
        .await;
        let (answer_status, _) = post(
            &app,
            &format!("{coding}/answer"),
            cookie,
            &format!(
                "lang=en&question=q2&response={response}&theme={theme}&note=by%20{}",
                who.replace(' ', "-")
            ),
        )
        .await;
        let (page_expected, post_expected) = match *who {
            "signed out" => (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER),
            "officer" => (StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
            "partner" | "another CSP's officer" => (StatusCode::NOT_FOUND, StatusCode::NOT_FOUND),
            _ => (StatusCode::OK, StatusCode::SEE_OTHER),
        };
        assert_eq!(
            (status, theme_status, answer_status),
            (page_expected, post_expected, post_expected),
            "{who} codes"
        );
    }
    let themes: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM survey_themes").fetch_one(db.reader()).await.unwrap();
    assert_eq!(themes, 5, "cars, and one by each of analyst, lead, manager, admin");

    // The export: one row per response, numbered, cells neutralised, no equality data.
    let export = format!("/staff/engagement/{id}/export.csv");
    let officer = &people[1].1;
    let (status, headers, body) =
        send(&app, with_cookie(Request::get(&export), officer).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/csv"));
    assert_eq!(headers[header::CONTENT_DISPOSITION], "attachment; filename=\"feeling-safe-responses.csv\"");
    let lines: Vec<&str> =
        body.trim_start_matches('\u{feff}').split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 41, "a heading and 40 responses");
    assert_eq!(
        lines[0],
        "Response,Channel,Neighbourhood,Submitted,q1: Do you feel safe after dark?,q2: What would help?"
    );
    assert!(lines[1].starts_with("1,Online,"), "{}", lines[1]);
    assert!(
        lines[3].ends_with(",Yes,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""),
        "{}",
        lines[3]
    );
    assert!(lines[5].ends_with(",Yes,'-1 for the lights"), "{}", lines[5]);
    assert!(!body.contains("25-34") && !body.contains("65-74") && !body.contains("Ask PCSO"));
    assert!(!body
        .lines()
        .any(|l| l.contains(",=") || l.contains(",+") || l.contains(",-") || l.contains(",@")));
    let (_, _, welsh) =
        send(&app, with_cookie(Request::get(format!("/cy{export}")), officer).body(Body::empty()).unwrap())
            .await;
    assert!(
        welsh.contains("Ymateb,Sianel,Cymdogaeth,Anfonwyd,q1: Ydych chi'n teimlo'n ddiogel")
            && welsh.contains(",Ydw,")
    );
    let exported: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'engagement_answers_exported'")
            .fetch_one(db.reader())
            .await
            .unwrap();
    assert_eq!(exported, 2, "every export is audited");
    for (who, cookie) in &people {
        let (status, _, _) =
            send(&app, with_cookie(Request::get(&export), cookie).body(Body::empty()).unwrap()).await;
        let expected = match *who {
            "signed out" => StatusCode::SEE_OTHER,
            "partner" | "another CSP's officer" => StatusCode::NOT_FOUND,
            _ => StatusCode::OK,
        };
        assert_eq!(status, expected, "{who} exports");
    }

    // Published results show partners no free text and no notes.
    sqlx::query("UPDATE campaigns SET results_published_at = 1 WHERE id = $1")
        .bind(id)
        .execute(db.writer())
        .await
        .unwrap();
    let (status, body) = page(&app, &format!("/staff/engagement/{id}/results"), &people[4].1).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains("Speeding") && !body.contains("PCSO") && !body.contains("cars"));

    // The Welsh coding page is in Welsh.
    let (_, body) = page(&app, &format!("/cy{coding}"), &analyst).await;
    assert!(body.contains("Llyfr codau"));
    no_english(&format!("/cy{coding}"), &body);
});
