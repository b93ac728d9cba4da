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
    staff::accounts,
};
use axum::{body::Body, Router};
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

/// A GET with an API key (or none), and its status and body as JSON.
async fn api(app: &Router, path: &str, key: Option<&str>) -> (StatusCode, serde_json::Value) {
    let mut request = Request::builder().uri(path);
    if let Some(key) = key {
        request = request.header(header::AUTHORIZATION, format!("Bearer {key}"));
    }
    let (status, headers, body) = send(app, request.body(Body::empty()).unwrap()).await;
    assert_eq!(headers.get(header::CONTENT_TYPE).unwrap(), "application/json", "{path}: {body}");
    (status, serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: not JSON ({e}): {body}")))
}

/// Every number sent as a count (`{"count": n, ...}`) anywhere in an answer.
fn counts(v: &serde_json::Value) -> Vec<i64> {
    let mut out = Vec::new();
    match v {
        serde_json::Value::Object(o) => {
            if let (Some(c), Some(_)) = (o.get("count"), o.get("suppressed")) {
                out.extend(c.as_i64());
            }
            for value in o.values() {
                out.extend(counts(value));
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| out.extend(counts(x))),
        _ => {}
    }
    out
}

/// A question's line by key: (count or None, suppressed).
fn line(results: &serde_json::Value, question: &str, key: &str) -> (Option<i64>, bool) {
    let q = results["questions"].as_array().unwrap().iter().find(|q| q["key"] == question).unwrap();
    let l = q["lines"].as_array().unwrap().iter().find(|l| l["key"] == key).unwrap();
    (l["count"]["count"].as_i64(), l["count"]["suppressed"].as_bool().unwrap())
}

fn hidden() -> serde_json::Value {
    serde_json::json!({ "count": null, "suppressed": true })
}

both_backends!(the_results_api_suppresses_filters_and_scopes, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let (id, first, second) = campaign_with_responses(&db).await;
    let mut keys = Vec::new();
    for (role, csp) in [
        ("officer", "cardiff"),
        ("analyst", "cardiff"),
        ("engagement_lead", "cardiff"),
        ("csp_manager", "cardiff"),
        ("admin", "cardiff"),
        ("partner", "cardiff"),
        ("officer", "swansea"),
    ] {
        let organisation = (role == "partner").then_some(("fire", "South Wales Fire and Rescue Service"));
        let key =
            accounts::create_api_key(&db, csp, role, &format!("{csp} {role}"), organisation).await.unwrap();
        keys.push((format!("{csp} {role}"), key));
    }
    let officer = keys[0].1.clone();
    let partner = keys[5].1.clone();
    let swansea = keys[6].1.clone();
    let path = format!("/api/v1/campaigns/{id}/results");

    // Every staff role reads it; a partner not before it is published; another CSP's key and
    // an unknown campaign are 404; no key is 401.
    for (who, key) in &keys {
        let (status, body) = api(&app, &path, Some(key)).await;
        let expected = if who.contains("partner") || who.contains("swansea") {
            StatusCode::NOT_FOUND
        } else {
            StatusCode::OK
        };
        assert_eq!(status, expected, "{who}: {body}");
        if status == StatusCode::NOT_FOUND {
            assert_eq!(body["code"], "not_found");
        }
    }
    let (status, body) = api(&app, &path, None).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("unauthorised")));
    let (status, body) = api(&app, "/api/v1/campaigns/999999/results", Some(&officer)).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    let (status, body) = api(&app, "/api/v1/campaigns/feeling-safe/results", Some(&officer)).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_parameter")));
    assert!(body["message"].as_str().unwrap().contains("'id'"));

    // The whole campaign: yes 26 of 40; the 3 "unsure" is hidden, and the 11 "no" with it, so
    // 40 - 26 does not give the 3 away. Free text: how many answered, never the words.
    let (_, all) = api(&app, &path, Some(&officer)).await;
    assert_eq!(all["threshold"], 10);
    assert_eq!(all["provisional"], true);
    assert_eq!(all["published_at"], serde_json::Value::Null);
    assert_eq!(all["responses"], serde_json::json!({ "count": 40, "suppressed": false }));
    assert_eq!(line(&all, "q1", "yes"), (Some(26), false));
    assert_eq!(line(&all, "q1", "unsure"), (None, true));
    assert_eq!(line(&all, "q1", "no"), (None, true), "the total would give the 3 away");
    let q1 = &all["questions"][0];
    assert_eq!((q1["kind"].as_str(), q1["respondents"]["count"].as_i64()), (Some("single_choice"), Some(40)));
    assert_eq!(q1["lines"][0]["percent"], 65.0);
    assert_eq!(q1["lines"][0]["label"]["cy"], "Ydw");
    let c = counts(&all);
    assert!(!c.contains(&3) && !c.contains(&11), "{all}");
    let q2 = &all["questions"][1];
    assert_eq!((q2["kind"].as_str(), &q2["respondents"]), (Some("free_text"), &hidden()));
    assert_eq!(q2["lines"], serde_json::json!([]));
    assert!(!all.to_string().contains("Speeding") && !all.to_string().contains("HYPERLINK"));

    // Filters, as on the page: the second neighbourhood (10 yes); paper (1: hidden); a group.
    let (status, view) = api(&app, &format!("{path}?neighbourhood={second}"), Some(&officer)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(view["filter"]["neighbourhood"], second);
    assert_eq!(view["responses"]["count"], 10);
    assert_eq!(line(&view, "q1", "yes"), (Some(10), false));
    let (_, view) = api(&app, &format!("{path}?channel=paper"), Some(&officer)).await;
    assert_eq!((view["filter"]["channel"].as_str(), &view["responses"]), (Some("paper"), &hidden()));
    assert!(!counts(&view).contains(&1), "{view}");
    let (_, view) =
        api(&app, &format!("{path}?group=age_band:25-34&neighbourhood={first}"), Some(&officer)).await;
    assert_eq!(view["filter"]["group"], "age_band:25-34");
    assert_eq!(view["responses"]["count"], 15);
    // Bad filters are refused, naming the parameter.
    let other_csp: i64 = sqlx::query_scalar(
        "SELECT n.id FROM neighbourhoods n JOIN csps c ON c.id = n.csp_id WHERE c.slug = 'swansea' LIMIT 1",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
    for (query, parameter) in [
        ("neighbourhood=splott", "neighbourhood"),
        (&format!("neighbourhood={other_csp}") as &str, "neighbourhood"),
        ("channel=fax", "channel"),
        ("group=postcode_district:CF10", "group"),
        ("group=age_band", "group"),
    ] {
        let (status, body) = api(&app, &format!("{path}?{query}"), Some(&officer)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(body["code"], "invalid_parameter");
        assert!(body["message"].as_str().unwrap().contains(&format!("'{parameter}'")), "{query}: {body}");
    }

    // Differencing: 39 responses came online and 25 of them said yes. Shown, they would say,
    // against the whole campaign's 40 and 26, that 1 person answered on paper and said yes.
    // Hidden: the unfiltered count minus the filtered one is between 1 and 9. And the 11 "no"
    // (all online), hidden in the whole view, stays hidden here.
    let (_, online) = api(&app, &format!("{path}?channel=online"), Some(&officer)).await;
    assert_eq!(online["responses"], hidden());
    assert_eq!(line(&online, "q1", "yes"), (None, true));
    assert_eq!(line(&online, "q1", "no"), (None, true));
    assert_eq!(online["questions"][0]["respondents"], hidden());
    for (question, key) in [("q1", "yes"), ("q1", "no"), ("q1", "unsure")] {
        if let ((Some(whole), _), (Some(part), _)) = (line(&all, question, key), line(&online, question, key))
        {
            assert!(!(1..10).contains(&(whole - part)), "{key}: {whole} - {part}");
        }
    }
    // The page says the same.
    let staff = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let (_, body) = page(&app, &format!("/staff/engagement/{id}/results?channel=online"), &staff).await;
    assert!(body.contains("Responses counted: fewer than 10"), "online on the page");
    let c = cells(&body);
    assert!(
        !c.contains(&"25".to_string()) && !c.contains(&"39".to_string()) && !c.contains(&"11".to_string()),
        "{c:?}"
    );

    // A partner's key: forbidden to filter, and nothing until the results are published; then
    // the whole campaign's counts, suppressed, as the staff's unfiltered view.
    let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
    let (status, _) = post(&app, &format!("/staff/engagement/{id}/results/publish"), &lead, "lang=en").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, view) = api(&app, &path, Some(&partner)).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert!(view["published_at"].as_str().unwrap().ends_with(" UTC"));
    assert_eq!(view["questions"], all["questions"]);
    assert_eq!(view["responses"]["count"], 40);
    let (status, body) = api(&app, &format!("{path}?neighbourhood={second}"), Some(&partner)).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")));
    let (status, _) = api(&app, &path, Some(&swansea)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "published is still per CSP");
    // Unpublished again (in the database): 404 to the partner again, still 200 to staff.
    sqlx::query("UPDATE campaigns SET results_published_at = NULL WHERE id = $1")
        .bind(id)
        .execute(db.writer())
        .await
        .unwrap();
    let (status, _) = api(&app, &path, Some(&partner)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = api(&app, &path, Some(&officer)).await;
    assert_eq!(status, StatusCode::OK);
});
