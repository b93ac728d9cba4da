//! Engagement campaigns over HTTP, on SQLite and PostgreSQL: planning campaigns (unique
//! addresses, refused forms kept as typed, someone else's save), the partnership calendar with
//! an overlap flagged, building a bilingual survey (publishing refused while Welsh is missing,
//! in the page's language), versions that never change once published, the neighbourhood
//! priorities poll, status changes, who may do what (every role, another CSP's lead, signed
//! out), and no English left on the Welsh pages.

mod common;

use app::db::Db;
use axum::Router;
use common::{
    engagement::{
        add_account, cardiff_neighbourhoods_by_name, cookie_for, encode, english_only_phrases, post,
        scalar_for, user_id, DAY,
    },
    http::hub,
};
use http::StatusCode;

async fn text(db: &Db, sql: &str, id: i64) -> String {
    sqlx::query_scalar(sql).bind(id).fetch_one(db.reader()).await.unwrap()
}

/// Cardiff's first two neighbourhoods (by name).
async fn neighbourhoods(db: &Db) -> (i64, i64) {
    let ids = cardiff_neighbourhoods_by_name(db).await;
    (ids[0], ids[1])
}

fn today() -> String {
    app::time::iso_date(app::db::now())
}

fn in_days(days: i64) -> String {
    app::time::iso_date(app::db::now() + days * DAY)
}

/// A plan form for Cardiff: `places` is `neighbourhood=..` pairs or `whole_csp=1`.
fn plan_body(lang: &str, title_en: &str, title_cy: &str, places: &str, owner: i64, days: i64) -> String {
    format!(
        "lang={lang}&csp=cardiff&title_en={}&title_cy={}&purpose_en=Why&purpose_cy=Pam&{places}\
         &channel=online_survey&channel=street_briefing&starts_on={}&ends_on={}&owner={owner}\
         &response_policy=one_per_device&results_due_on={}",
        encode(title_en),
        encode(title_cy),
        today(),
        in_days(days),
        in_days(days + 30)
    )
}

/// Plans a campaign as `cookie`; its id.
async fn plan(app: &Router, cookie: &Option<String>, body: &str) -> i64 {
    let (status, location) = post(app, "/staff/engagement", cookie, body).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
    assert!(location.contains("done=campaign_planned"), "{location}");
    let path = location.split('?').next().unwrap();
    path.rsplit('/').next().unwrap().parse().unwrap_or_else(|_| panic!("{location}"))
}

async fn survey_version(db: &Db, campaign: i64) -> i64 {
    scalar_for(db, "SELECT version FROM surveys WHERE campaign_id = $1", campaign).await
}

/// A page as that person gets it: (status, body with apostrophes and ampersands unescaped).
async fn page(app: &Router, path: &str, cookie: &Option<String>) -> (StatusCode, String) {
    let (status, body) = common::http::page(app, path, cookie).await;
    (status, body.replace("&#x27;", "'").replace("&amp;", "&"))
}

/// The page's main content (not the data the page carries for its scripts).
fn main(body: &str) -> &str {
    let from = body.find("<main").unwrap_or(0);
    let to = body.find("</main>").unwrap_or(body.len());
    &body[from..to]
}

/// Follows a redirect to the page it names (without its fragment): (status, body).
async fn follow(app: &Router, location: &str, cookie: &Option<String>) -> (StatusCode, String) {
    page(app, location.split('#').next().unwrap(), cookie).await
}

both_backends!(
    campaigns_are_planned_and_overlaps_flagged_on_the_calendar,
    |db: Db, url: String| async move {
        let app = hub(db.clone(), &url).await;
        let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
        let owner = user_id(&db, "engagement-lead@demo.cymuned.cymru").await;
        let (n1, n2) = neighbourhoods(&db).await;
        let first = plan(
            &app,
            &lead,
            &plan_body(
                "en",
                "Feeling safe in Splott?",
                "Teimlo'n ddiogel yn y Sblot?",
                &format!("neighbourhood={n1}"),
                owner,
                20,
            ),
        )
        .await;
        assert_eq!(
            text(&db, "SELECT slug FROM campaigns WHERE id = $1", first).await,
            "feeling-safe-in-splott"
        );
        // On its own: no overlap.
        let (status, body) = page(&app, &format!("/staff/engagement/{first}"), &lead).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            body.contains("Feeling safe in Splott?")
                && body.contains("/have-your-say/feeling-safe-in-splott")
        );
        assert!(!body.contains("This campaign overlaps with others"));
        for link in ["/survey", "/enter", "/paper", "/import", "/results", "/reach"] {
            assert!(body.contains(&format!("/staff/engagement/{first}{link}\"")), "links to {link}");
        }
        // A whole-CSP campaign in the same month overlaps it (and is still planned: a flag, not a
        // refusal); the same title gets the next free address.
        let second = plan(
            &app,
            &lead,
            &plan_body("en", "Feeling safe in Splott?", "Diogelwch y ddinas", "whole_csp=1", owner, 5),
        )
        .await;
        assert_eq!(
            text(&db, "SELECT slug FROM campaigns WHERE id = $1", second).await,
            "feeling-safe-in-splott-2"
        );
        let (_, body) = page(&app, &format!("/staff/engagement/{second}"), &lead).await;
        assert!(body.contains("This campaign overlaps with others"), "the overlap is said on the campaign");
        assert!(body.contains(&format!("/staff/engagement/{first}\"")), "naming the other campaign");
        let (_, body) = page(&app, &format!("/cy/staff/engagement/{first}"), &lead).await;
        assert!(body.contains("Mae'r ymgyrch hon yn gorgyffwrdd ag eraill"), "in Welsh too");
        // The calendar: both campaigns in this month, the first neighbourhood's cell marked.
        let (status, body) = page(&app, "/staff/engagement?csp=cardiff", &lead).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("Partnership calendar") && body.contains("<caption id=\"calendar-caption\">"));
        assert!(
            body.contains("class=\"overlap\"") && body.contains("<strong>Overlap"),
            "the overlap is marked"
        );
        assert!(body.contains("Diogelwch y ddinas") || body.contains("Feeling safe in Splott?"));
        let overlapping_cells = body.matches("class=\"overlap\"").count();
        assert!(overlapping_cells >= 1);
        // A campaign elsewhere and later: no overlap with either.
        let later = format!(
        "lang=en&csp=cardiff&title_en=Later&title_cy=Wedyn&neighbourhood={n2}&channel=public_meeting&starts_on={}\
         &ends_on={}&owner={owner}&response_policy=open",
        in_days(400),
        in_days(410)
    );
        let third = plan(&app, &lead, &later).await;
        let (_, body) = page(&app, &format!("/staff/engagement/{third}"), &lead).await;
        assert!(!body.contains("This campaign overlaps with others"));
        // Planning and changing are in the audit log.
        let planned: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'campaign_planned'")
                .fetch_one(db.reader())
                .await
                .unwrap();
        assert_eq!(planned, 3);
        // Each entry names its campaign (written in the transaction that plans it).
        let named: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'campaign_planned' AND record_type = 'campaign' \
             AND record_id IN ($1, $2, $3)",
        )
        .bind(first.to_string())
        .bind(second.to_string())
        .bind(third.to_string())
        .fetch_one(db.reader())
        .await
        .unwrap();
        assert_eq!(named, 3);

        // Refused: no Welsh title. The form comes back as typed, the message in the page's language.
        let refused = plan_body("cy", "Only English here", "", &format!("neighbourhood={n1}"), owner, 10);
        let (status, location) = post(&app, "/staff/engagement", &lead, &refused).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert!(
            location.starts_with("/cy/staff/engagement?csp=cardiff&error=campaign_title&kept="),
            "{location}"
        );
        let (_, body) = follow(&app, &location, &lead).await;
        assert!(body.contains("Rhowch deitl i'r ymgyrch yn Saesneg ac yn Gymraeg."), "Welsh message");
        assert!(body.contains("value=\"Only English here\""), "kept as typed");
        assert!(body.contains("href=\"#campaign-title_en\""), "the summary links to the field");
        // Bad dates, and the last day before the first.
        let mut backwards =
            plan_body("en", "Backwards", "Tuag yn ôl", &format!("neighbourhood={n1}"), owner, 10);
        backwards =
            backwards.replace(&format!("ends_on={}", in_days(10)), &format!("ends_on={}", in_days(-10)));
        let (_, location) = post(&app, "/staff/engagement", &lead, &backwards).await;
        assert!(location.contains("error=campaign_order"), "{location}");
        let nowhere = plan_body("en", "Nowhere", "Unman", "", owner, 10);
        let (_, location) = post(&app, "/staff/engagement", &lead, &nowhere).await;
        assert!(location.contains("error=campaign_neighbourhoods"), "{location}");
        let another_csp: i64 = sqlx::query_scalar(
        "SELECT n.id FROM neighbourhoods n JOIN csps c ON c.id = n.csp_id WHERE c.slug <> 'cardiff' LIMIT 1",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
        let elsewhere =
            plan_body("en", "Elsewhere", "Rhywle arall", &format!("neighbourhood={another_csp}"), owner, 10);
        let (_, location) = post(&app, "/staff/engagement", &lead, &elsewhere).await;
        assert!(
            location.contains("error=campaign_neighbourhoods"),
            "another CSP's neighbourhood: {location}"
        );
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM campaigns").fetch_one(db.reader()).await.unwrap();
        assert_eq!(count, 3, "nothing half-written");

        // Changing a campaign: saved with its version; a stale form is refused and kept.
        let v = scalar_for(&db, "SELECT version FROM campaigns WHERE id = $1", first).await;
        let edit = plan_body(
            "en",
            "Feeling safe in Splott",
            "Teimlo'n ddiogel yn y Sblot",
            &format!("neighbourhood={n1}&neighbourhood={n2}"),
            owner,
            20,
        )
        .replace("csp=cardiff", &format!("version={v}"));
        let (_, location) = post(&app, &format!("/staff/engagement/{first}/edit"), &lead, &edit).await;
        assert!(location.ends_with("?done=campaign_saved"), "{location}");
        assert_eq!(
            text(&db, "SELECT title_en FROM campaigns WHERE id = $1", first).await,
            "Feeling safe in Splott"
        );
        assert_eq!(
            scalar_for(&db, "SELECT COUNT(*) FROM campaign_neighbourhoods WHERE campaign_id = $1", first)
                .await,
            2
        );
        assert_eq!(
            text(&db, "SELECT slug FROM campaigns WHERE id = $1", first).await,
            "feeling-safe-in-splott",
            "the address stays"
        );
        let stale = edit.replace("Feeling%20safe%20in%20Splott", "Typed%20while%20someone%20saved");
        let (_, location) = post(&app, &format!("/staff/engagement/{first}/edit"), &lead, &stale).await;
        assert!(location.contains("error=campaign_stale&kept="), "{location}");
        let (_, body) = follow(&app, &location, &lead).await;
        assert!(body.contains("value=\"Typed while someone saved\""), "the stale form is kept as typed");
        assert!(body.contains("Someone else saved a change here"), "with the stale notice");
        assert_eq!(
            text(&db, "SELECT title_en FROM campaigns WHERE id = $1", first).await,
            "Feeling safe in Splott"
        );
        let changed: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'campaign_changed'")
                .fetch_one(db.reader())
                .await
                .unwrap();
        assert_eq!(changed, 1);

        // Status: opening needs a published survey; skipping a step is refused.
        let v = scalar_for(&db, "SELECT version FROM campaigns WHERE id = $1", first).await;
        let (_, location) = post(
            &app,
            &format!("/staff/engagement/{first}/status"),
            &lead,
            &format!("lang=en&version={v}&status=open"),
        )
        .await;
        assert!(location.contains("error=campaign_needs_survey"), "{location}");
        let (_, location) = post(
            &app,
            &format!("/staff/engagement/{first}/status"),
            &lead,
            &format!("lang=en&version={v}&status=reported"),
        )
        .await;
        assert!(location.contains("error=campaign_status"), "{location}");
        assert_eq!(text(&db, "SELECT status FROM campaigns WHERE id = $1", first).await, "planned");
    }
);

/// Starts the campaign's survey and adds a one-choice question with its options and a free-text
/// question whose Welsh is missing.
async fn draft_with_missing_welsh(app: &Router, db: &Db, cookie: &Option<String>, id: i64) {
    let (_, location) = post(app, &format!("/staff/engagement/{id}/survey/start"), cookie, "lang=en").await;
    assert!(location.ends_with("/survey?done=builder_started"), "{location}");
    let add = |v: i64, kind: &str, en: &str, cy: &str| {
        format!("lang=en&version={v}&kind={kind}&text_en={}&text_cy={}", encode(en), encode(cy))
    };
    let path = format!("/staff/engagement/{id}/survey/add");
    let v = survey_version(db, id).await;
    let (_, location) = post(
        app,
        &path,
        cookie,
        &add(v, "single_choice", "Do you feel safe?", "Ydych chi'n teimlo'n ddiogel?"),
    )
    .await;
    assert!(location.contains("done=builder_saved"), "{location}");
    let v = survey_version(db, id).await;
    let (_, location) = post(app, &path, cookie, &add(v, "free_text", "Why?", "")).await;
    assert!(location.contains("done=builder_saved"), "{location}");
    let v = survey_version(db, id).await;
    let options = format!(
        "lang=en&version={v}&key=q1&text_en={}&text_cy={}&required=1&option_key=o1&option_en=Yes&option_cy=Ydw\
         &option_key=o2&option_en=No&option_cy={}&show_if=",
        encode("Do you feel safe?"),
        encode("Ydych chi'n teimlo'n ddiogel?"),
        encode("Nac ydw")
    );
    let (_, location) = post(app, &format!("/staff/engagement/{id}/survey/question"), cookie, &options).await;
    assert!(location.contains("done=builder_saved"), "{location}");
}

both_backends!(a_bilingual_survey_is_built_published_and_versioned, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
    let owner = user_id(&db, "engagement-lead@demo.cymuned.cymru").await;
    let (n1, _) = neighbourhoods(&db).await;
    let id = plan(
        &app,
        &lead,
        &plan_body("en", "Street safety", "Diogelwch strydoedd", &format!("neighbourhood={n1}"), owner, 20),
    )
    .await;
    let builder = format!("/staff/engagement/{id}/survey");
    let (status, body) = page(&app, &builder, &lead).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Start an empty survey") && body.contains("Use the neighbourhood priorities poll"));
    draft_with_missing_welsh(&app, &db, &lead, id).await;
    // The builder names what is missing next to the question, in the page's language.
    let (_, body) = page(&app, &builder, &lead).await;
    assert!(body.contains("The question: the Welsh is missing."), "English words for the problem");
    assert!(body.contains("id=\"question-q2-problems\""), "next to its question");
    let (_, body) = page(&app, &format!("/cy{builder}"), &lead).await;
    assert!(body.contains("Y cwestiwn: mae'r Gymraeg ar goll."), "Welsh words for the problem");
    // Publishing is refused until the Welsh is complete; in Welsh for a Welsh page.
    let v = survey_version(&db, id).await;
    let (_, location) =
        post(&app, &format!("{builder}/publish"), &lead, &format!("lang=cy&version={v}")).await;
    assert!(location.starts_with(&format!("/cy{builder}?error=builder_missing_welsh")), "{location}");
    let (_, body) = follow(&app, &location, &lead).await;
    assert!(body.contains("Ni ellir cyhoeddi'r arolwg nes bod Cymraeg"), "the refusal in Welsh");
    assert!(body.contains("value=\"Why?\""), "the draft is as it was");
    let published: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM survey_versions").fetch_one(db.reader()).await.unwrap();
    assert_eq!(published, 0);
    // A question change that cannot be stored comes back as typed: a condition on a later question.
    let v = survey_version(&db, id).await;
    let bad = format!("lang=en&version={v}&key=q1&text_en=Typed%20but%20refused&text_cy=x&show_if=q2%3Do1");
    let (_, location) = post(&app, &format!("{builder}/question"), &lead, &bad).await;
    assert!(
        location.contains("error=builder_condition&kept=") && location.ends_with("#question-q1"),
        "{location}"
    );
    let (_, body) = follow(&app, &location, &lead).await;
    assert!(body.contains("value=\"Typed but refused\""), "kept as typed");
    assert!(body.contains("href=\"#question-q1\""), "the summary links to the question");
    assert_eq!(survey_version(&db, id).await, v, "nothing saved");
    // The Welsh filled in, with a condition: q2 only when q1 is "No". Then published: version 1.
    let fix = format!("lang=en&version={v}&key=q2&text_en=Why%3F&text_cy=Pam%3F&show_if=q1%3Do2");
    let (_, location) = post(&app, &format!("{builder}/question"), &lead, &fix).await;
    assert!(location.contains("done=builder_saved"), "{location}");
    let v = survey_version(&db, id).await;
    let (_, location) =
        post(&app, &format!("{builder}/publish"), &lead, &format!("lang=en&version={v}")).await;
    assert!(location.contains("done=builder_published"), "{location}");
    let v1: String = sqlx::query_scalar("SELECT questions FROM survey_versions WHERE number = 1")
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert!(
        v1.contains("Pam?") && v1.contains("\"show_if\":{\"question\":\"q1\",\"answer\":\"o2\"}"),
        "{v1}"
    );
    // The preview, in both languages, as residents will see it.
    let (status, body) = page(&app, &format!("{builder}/preview?lang=cy"), &lead).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("Ydych chi'n teimlo'n ddiogel?")
            && body.contains("Nac ydw")
            && body.contains("lang=\"cy\"")
    );
    assert!(body.contains("Gofynnir pan atebir cwestiwn 1 â “Nac ydw”."), "the condition in Welsh");
    assert!(body.contains("disabled"), "read-only");
    let (_, body) = page(&app, &format!("{builder}/preview?lang=en"), &lead).await;
    let shown = main(&body);
    assert!(shown.contains("Do you feel safe?") && !shown.contains("Ydych chi'n teimlo'n ddiogel?"));
    // Editing after publishing edits the draft; version 1 does not change; publishing again makes 2.
    let v = survey_version(&db, id).await;
    let reword = format!(
        "lang=en&version={v}&key=q1&text_en={}&text_cy={}&required=1&option_key=o1&option_en=Yes&option_cy=Ydw\
         &option_key=o2&option_en=No&option_cy={}",
        encode("Do you feel safe after dark?"),
        encode("Ydych chi'n teimlo'n ddiogel ar ôl iddi nosi?"),
        encode("Nac ydw")
    );
    let (_, location) = post(&app, &format!("{builder}/question"), &lead, &reword).await;
    assert!(location.contains("done=builder_saved"), "{location}");
    // Move the free-text question up (its condition then names a later question), and back.
    let v = survey_version(&db, id).await;
    let (_, location) =
        post(&app, &format!("{builder}/move"), &lead, &format!("lang=en&version={v}&key=q2&direction=up"))
            .await;
    assert!(location.contains("done=builder_saved"), "{location}");
    let v = survey_version(&db, id).await;
    let (_, location) =
        post(&app, &format!("{builder}/publish"), &lead, &format!("lang=en&version={v}")).await;
    assert!(location.contains("error=builder_problems"), "a condition on a later question: {location}");
    let (_, location) =
        post(&app, &format!("{builder}/move"), &lead, &format!("lang=en&version={v}&key=q2&direction=down"))
            .await;
    assert!(location.contains("done=builder_saved"), "{location}");
    // Opening and closing days.
    let v = survey_version(&db, id).await;
    let (_, location) = post(
        &app,
        &format!("{builder}/dates"),
        &lead,
        &format!("lang=en&version={v}&opens_on={}&closes_on={}", in_days(5), today()),
    )
    .await;
    assert!(location.contains("error=builder_dates&kept="), "closing before opening: {location}");
    let (_, body) = follow(&app, &location, &lead).await;
    assert!(
        body.contains(&format!("value=\"{}\"", in_days(5))) && body.contains("href=\"#survey-opens\""),
        "kept as typed"
    );
    let (_, location) = post(
        &app,
        &format!("{builder}/dates"),
        &lead,
        &format!("lang=en&version={v}&opens_on={}&closes_on={}", today(), in_days(14)),
    )
    .await;
    assert!(location.contains("done=builder_saved"), "{location}");
    // A stale form (the version before) is refused and nothing is overwritten.
    let (_, location) =
        post(&app, &format!("{builder}/remove"), &lead, &format!("lang=en&version={v}&key=q2")).await;
    assert!(location.contains("error=builder_stale&kept="), "{location}");
    let v = survey_version(&db, id).await;
    let (_, location) =
        post(&app, &format!("{builder}/publish"), &lead, &format!("lang=en&version={v}")).await;
    assert!(location.contains("done=builder_published"), "{location}");
    let versions: Vec<String> = sqlx::query_scalar("SELECT questions FROM survey_versions ORDER BY number")
        .fetch_all(db.reader())
        .await
        .unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0], v1, "version 1 never changes");
    assert!(versions[1].contains("after dark") && !versions[0].contains("after dark"));
    let (_, body) = page(&app, &format!("{builder}/preview?lang=en&version=1"), &lead).await;
    let shown = main(&body);
    assert!(shown.contains("Do you feel safe?") && !shown.contains("after dark"), "version 1 as published");
    let (_, body) = page(&app, &builder, &lead).await;
    assert!(body.contains("Version 1, published") && body.contains("Version 2, published"));
    // Options: add one, remove it.
    let v = survey_version(&db, id).await;
    let (_, location) =
        post(&app, &format!("{builder}/option-add"), &lead, &format!("lang=en&version={v}&key=q1")).await;
    assert!(location.contains("done=builder_saved"), "{location}");
    let v = survey_version(&db, id).await;
    let (_, location) = post(
        &app,
        &format!("{builder}/option-remove"),
        &lead,
        &format!("lang=en&version={v}&key=q1&option=o3"),
    )
    .await;
    assert!(location.contains("done=builder_saved"), "{location}");
    let changes: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('survey_changed', 'survey_published')",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
    assert!(changes >= 12, "every change is audited: {changes}");
    // Now the campaign can open, then close, then be reported; a reported campaign no longer changes.
    for (to, done) in [("open", true), ("closed", true), ("reported", true)] {
        let v = scalar_for(&db, "SELECT version FROM campaigns WHERE id = $1", id).await;
        let (_, location) = post(
            &app,
            &format!("/staff/engagement/{id}/status"),
            &lead,
            &format!("lang=en&version={v}&status={to}"),
        )
        .await;
        assert_eq!(location.contains("done=campaign_status"), done, "{to}: {location}");
        assert_eq!(text(&db, "SELECT status FROM campaigns WHERE id = $1", id).await, to);
    }
    let v = survey_version(&db, id).await;
    let (_, location) =
        post(&app, &format!("{builder}/remove"), &lead, &format!("lang=en&version={v}&key=q2")).await;
    assert!(location.contains("error=builder_reported"), "{location}");
    let (_, body) = page(&app, &format!("/staff/engagement/{id}"), &lead).await;
    assert!(!body.contains(&format!("/staff/engagement/{id}/edit")), "no edit form once reported");
});

both_backends!(
    the_neighbourhood_priorities_poll_uses_the_partnership_s_categories,
    |db: Db, url: String| async move {
        let app = hub(db.clone(), &url).await;
        let manager = cookie_for(&app, "csp-manager@demo.cymuned.cymru").await;
        let owner = user_id(&db, "csp-manager@demo.cymuned.cymru").await;
        let id = plan(
            &app,
            &manager,
            &plan_body("en", "Priorities 2027", "Blaenoriaethau 2027", "whole_csp=1", owner, 30),
        )
        .await;
        let (_, location) =
            post(&app, &format!("/staff/engagement/{id}/survey/priorities-poll"), &manager, "lang=en").await;
        assert!(location.contains("done=builder_started"), "{location}");
        assert_eq!(text(&db, "SELECT kind FROM surveys WHERE campaign_id = $1", id).await, "priorities_poll");
        let draft: app::engagement::survey::Survey =
            serde_json::from_str(&text(&db, "SELECT draft FROM surveys WHERE campaign_id = $1", id).await)
                .unwrap();
        assert_eq!(
            draft.questions.iter().map(|q| q.key.as_str()).collect::<Vec<_>>(),
            ["priorities", "place", "detail"]
        );
        let categories: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM report_categories r JOIN csps c ON c.id = r.csp_id WHERE c.slug = 'cardiff' AND r.active = 1",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
        assert_eq!(
            draft.questions[0].options.len() as i64,
            categories,
            "the partnership's fixed list of concerns"
        );
        assert!(draft.questions[0].options.iter().any(|o| o.key == "asb-noise" && o.label.cy == "Sŵn"));
        assert_eq!(draft.questions[0].max_choices, Some(3));
        assert!(draft.problems().is_empty(), "{:?}", draft.problems());
        // A second survey for the same campaign is refused.
        let (_, location) =
            post(&app, &format!("/staff/engagement/{id}/survey/start"), &manager, "lang=en").await;
        assert!(location.contains("error=builder_exists"), "{location}");
        // Ready to publish as it is, in both languages.
        let v = survey_version(&db, id).await;
        let (_, location) = post(
            &app,
            &format!("/staff/engagement/{id}/survey/publish"),
            &manager,
            &format!("lang=en&version={v}"),
        )
        .await;
        assert!(location.contains("done=builder_published"), "{location}");
        let (_, body) = page(&app, &format!("/staff/engagement/{id}/survey/preview?lang=cy"), &manager).await;
        assert!(body.contains("Pa faterion y dylai'r bartneriaeth"));
        assert!(body.contains("Sŵn") && body.contains("Dewis 3"), "three ranked choices, in Welsh");
    }
);

both_backends!(who_may_plan_and_build, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    add_account(&db, "lead@swansea.example", "Swansea lead", "engagement_lead", "swansea", None).await;
    let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
    let owner = user_id(&db, "engagement-lead@demo.cymuned.cymru").await;
    let (n1, _) = neighbourhoods(&db).await;
    let id =
        plan(&app, &lead, &plan_body("en", "Who may", "Pwy all", &format!("neighbourhood={n1}"), owner, 10))
            .await;
    draft_with_missing_welsh(&app, &db, &lead, id).await;
    let people = [
        ("signed out", None),
        ("officer", cookie_for(&app, "officer@demo.cymuned.cymru").await),
        ("analyst", cookie_for(&app, "analyst@demo.cymuned.cymru").await),
        ("partner", cookie_for(&app, "partner@demo.cymuned.cymru").await),
        ("engagement lead", lead.clone()),
        ("manager", cookie_for(&app, "csp-manager@demo.cymuned.cymru").await),
        ("admin", cookie_for(&app, "admin@demo.cymuned.cymru").await),
        ("another CSP's lead", cookie_for(&app, "lead@swansea.example").await),
    ];
    // Every action, posted with a stale version (0) or an incomplete form: those allowed are
    // answered on the builder or campaign page, and nothing changes.
    let actions = [
        ("/edit", "lang=en&version=0"),
        ("/status", "lang=en&version=0&status=open"),
        ("/survey/start", "lang=en"),
        ("/survey/priorities-poll", "lang=en"),
        ("/survey/add", "lang=en&version=0&kind=rating"),
        ("/survey/question", "lang=en&version=0&key=q1"),
        ("/survey/option-add", "lang=en&version=0&key=q1"),
        ("/survey/option-remove", "lang=en&version=0&key=q1&option=o1"),
        ("/survey/move", "lang=en&version=0&key=q2&direction=up"),
        ("/survey/remove", "lang=en&version=0&key=q1"),
        ("/survey/dates", "lang=en&version=0&opens_on=&closes_on="),
        ("/survey/publish", "lang=en&version=0"),
    ];
    let before = survey_version(&db, id).await;
    for (who, cookie) in &people {
        // (campaign page, list page, actions)
        let expected = match *who {
            "signed out" => (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER, StatusCode::SEE_OTHER),
            "officer" | "analyst" => (StatusCode::OK, StatusCode::OK, StatusCode::FORBIDDEN),
            "engagement lead" | "manager" | "admin" => {
                (StatusCode::OK, StatusCode::OK, StatusCode::SEE_OTHER)
            }
            // Partners, and another CSP's lead: Cardiff's campaigns are not there for them.
            _ => (StatusCode::NOT_FOUND, StatusCode::FORBIDDEN, StatusCode::NOT_FOUND),
        };
        for path in [
            format!("/staff/engagement/{id}"),
            format!("/staff/engagement/{id}/survey"),
            format!("/staff/engagement/{id}/survey/preview?lang=cy"),
        ] {
            let (status, body) = page(&app, &path, cookie).await;
            assert_eq!(status, expected.0, "{who}: {path}");
            if status == StatusCode::OK {
                assert!(
                    body.contains("Who may") || body.contains("Pwy all") || body.contains("Ydych chi"),
                    "{who}: {path}"
                );
            }
        }
        // The campaign page links only to the pages the person may open (by the permission
        // each needs): officers do not code, analysts do not enter responses.
        let (status, body) = page(&app, &format!("/staff/engagement/{id}"), cookie).await;
        if status == StatusCode::OK {
            let links = |tail: &str| main(&body).contains(&format!("href=\"/staff/engagement/{id}{tail}\""));
            let (enters, codes) = match *who {
                "officer" => (true, false),
                "analyst" => (false, true),
                _ => (true, true),
            };
            assert_eq!(links("/coding"), codes, "{who}: the coding link");
            for tail in ["/enter", "/paper", "/import"] {
                assert_eq!(links(tail), enters, "{who}: the {tail} link");
            }
            for tail in ["/survey", "/results", "/reach", "/export.csv"] {
                assert!(links(tail), "{who}: the {tail} link");
            }
        }
        let (status, body) = page(&app, "/staff/engagement?csp=cardiff", cookie).await;
        assert_eq!(status, expected.1, "{who}: the list");
        let lists_it = body.contains(&format!("/staff/engagement/{id}\""));
        assert_eq!(
            lists_it,
            expected.0 == StatusCode::OK,
            "{who}: the list shows Cardiff's campaign only to Cardiff"
        );
        let can_plan = body.contains("action=\"/staff/engagement\"");
        assert_eq!(
            can_plan,
            expected.2 == StatusCode::SEE_OTHER && *who != "signed out",
            "{who}: the plan form"
        );
        for (tail, body) in actions {
            let (status, location) = post(&app, &format!("/staff/engagement/{id}{tail}"), cookie, body).await;
            assert_eq!(status, expected.2, "{who}: {tail}");
            match *who {
                "signed out" => assert!(location.starts_with("/sign-in"), "{who}: {tail}: {location}"),
                "engagement lead" | "manager" | "admin" => {
                    assert!(
                        location.starts_with(&format!("/staff/engagement/{id}")),
                        "{who}: {tail}: {location}"
                    )
                }
                _ => {}
            }
        }
        // Planning in Cardiff.
        let (status, location) =
            post(&app, "/staff/engagement", cookie, "lang=en&csp=cardiff&title_en=x").await;
        let planned = match *who {
            "signed out" => StatusCode::SEE_OTHER,
            "engagement lead" | "manager" | "admin" => StatusCode::SEE_OTHER,
            _ => StatusCode::FORBIDDEN,
        };
        assert_eq!(status, planned, "{who}: plan");
        if planned == StatusCode::SEE_OTHER && *who != "signed out" {
            assert!(location.contains("error=campaign_title"), "{who}: {location}");
        }
    }
    assert_eq!(survey_version(&db, id).await, before, "no one changed the survey");
    let campaigns: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM campaigns").fetch_one(db.reader()).await.unwrap();
    assert_eq!(campaigns, 1);
    assert_eq!(text(&db, "SELECT status FROM campaigns WHERE id = $1", id).await, "planned");
    // The staff home links to the campaigns for those who may see them.
    let (_, body) = page(&app, "/staff", &people[4].1).await;
    assert!(body.contains("href=\"/staff/engagement\""));
    let (_, body) = page(&app, "/staff", &people[3].1).await;
    assert!(!body.contains("href=\"/staff/engagement\""), "not for partners");
});

both_backends!(no_english_on_the_welsh_campaign_pages, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let manager = cookie_for(&app, "csp-manager@demo.cymuned.cymru").await;
    let owner = user_id(&db, "csp-manager@demo.cymuned.cymru").await;
    let (n1, _) = neighbourhoods(&db).await;
    let id = plan(
        &app,
        &manager,
        &plan_body("cy", "Diogelwch Sblot", "Diogelwch y Sblot", &format!("neighbourhood={n1}"), owner, 20),
    )
    .await;
    let _overlapping =
        plan(&app, &manager, &plan_body("cy", "Tai Sblot", "Tai y Sblot", "whole_csp=1", owner, 20)).await;
    draft_with_missing_welsh(&app, &db, &manager, id).await;
    let v = survey_version(&db, id).await;
    let (_, location) = post(
        &app,
        &format!("/staff/engagement/{id}/survey/publish"),
        &manager,
        &format!("lang=cy&version={v}"),
    )
    .await;
    let english = english_only_phrases();
    assert!(english.len() > 40);
    let pages = [
        "/cy/staff".to_string(),
        "/cy/staff/engagement".into(),
        format!("/cy/staff/engagement/{id}"),
        format!("/cy/staff/engagement/{id}/survey"),
        format!("/cy/staff/engagement/{id}/survey/preview?lang=cy"),
        location,
    ];
    for path in &pages {
        let (status, body) = page(&app, path, &manager).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let text = visible_text(&body);
        for phrase in &english {
            assert!(!text.contains(phrase.as_str()), "{path} shows English: {phrase:?}");
        }
    }
});

/// The text a reader sees: no scripts or styles, nor anything marked as English on purpose
/// (`lang="en"`: the English words a Welsh-speaking lead writes for English readers), no tags.
fn visible_text(html: &str) -> String {
    common::visible_text(&common::without_marked_english(html, &["textarea", "p", "dd", "div"]))
}
