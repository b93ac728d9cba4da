//! Intelligence from engagement and neighbourhood priorities (issue 13), over HTTP on both
//! databases: an item recorded from a street briefing (graded, shared C with one organisation)
//! is in the intelligence list, on the tasking agenda, seen by that partner only, linkable to a
//! profile; an item made from a survey's free-text answer keeps the link; items written before
//! migration 0018 read the same after it; priorities are set (a fourth refused, in Welsh on the
//! Welsh page), linked to a profile and an action, and reviewed; and every new action is
//! authorised (each role, another CSP, signed out).

mod common;

use app::{
    db::{self, engagement::NewCampaign, Db},
    engagement::{survey::AnswerRow, Channel, ResponseChannel, ResponsePolicy, SurveyKind},
    i18n::Lang,
    reference::Names,
    staff::accounts::{self, NewAccount, DEMO_PASSWORD},
};
use axum::{body::Body, Router};
use common::{
    engagement::{
        add_account, cardiff, cardiff_neighbourhoods_by_name, cookie_for, encode, id_of, post, scalar,
        sign_in_each, CARDIFF_STAFF,
    },
    http::{hub, page, send, with_cookie},
};
use http::{header, StatusCode};
use sqlx::Row as _;

async fn extra_accounts(db: &Db) {
    for (email, role, csp, organisation) in [
        ("officer@swansea.example", "officer", "swansea", None),
        ("lead@swansea.example", "engagement_lead", "swansea", None),
        ("housing@cardiff.example", "partner", "cardiff", Some(("housing", "Cardiff Community Housing"))),
    ] {
        add_account(db, email, email, role, csp, organisation).await;
    }
}

async fn cardiff_neighbourhood(db: &Db) -> i64 {
    cardiff_neighbourhoods_by_name(db).await[0]
}

async fn fire(db: &Db) -> i64 {
    id_of(db, "SELECT id FROM organisations WHERE name = $1", "South Wales Fire and Rescue Service").await
}

/// A graded report of Cardiff and a profile opened from it: (report reference, profile reference).
async fn report_and_profile(
    app: &Router,
    db: &Db,
    officer: &Option<String>,
    analyst: &Option<String>,
) -> (String, String) {
    let body = "lang=en&area=W06000015&category=drugs&ward=&lat=51.4943&lon=-3.1812&ongoing=on\
         &description=Dealing%20from%20the%20corner%20house%20every%20night&anonymous=yes";
    let (status, _) = post(app, "/report", &None, body).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let reference: String = sqlx::query_scalar("SELECT reference FROM reports ORDER BY id DESC LIMIT 1")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let v = id_of(db, "SELECT version FROM reports WHERE reference = $1", &reference).await;
    let (_, location) = post(app, &format!("/staff/reports/{reference}/grade"), officer, &format!("lang=en&version={v}&summary=Drug%20dealing%20from%20a%20house%20at%20night&source=2&intelligence=B&handling=P")).await;
    assert!(location.contains("done=graded"), "{location}");
    let neighbourhood =
        id_of(db, "SELECT neighbourhood_id FROM reports WHERE reference = $1", &reference).await;
    let category = id_of(db, "SELECT category_id FROM reports WHERE reference = $1", &reference).await;
    let today = app::time::iso_date(db::now());
    let from = app::time::iso_date(db::now() - 300 * 86_400);
    let body = format!(
        "lang=en&csp=cardiff&title=Dealing%20at%20the%20corner%20house&priority=high&neighbourhood={neighbourhood}&category={category}\
         &period_from={from}&period_to={today}&requester=Tasking&aim=Stop%20it&references={reference}"
    );
    let (_, location) = post(app, "/staff/problems", analyst, &body).await;
    assert!(location.contains("done=opened"), "{location}");
    let profile = location.split("/staff/problems/").nth(1).unwrap().split('?').next().unwrap().to_string();
    (reference, profile)
}

fn record_body(neighbourhood: i64, summary: &str, handling: &str, shares: &[i64]) -> String {
    let shares: String = shares.iter().map(|s| format!("&share={s}")).collect();
    let conditions = if handling == "C" { "Fire%20service%20only%2C%20for%20a%20safety%20visit" } else { "" };
    format!(
        "lang=en&csp=cardiff&origin=street_briefing&neighbourhood={neighbourhood}&observed_on={}&summary={}\
         &source=2&intelligence=B&handling={handling}&conditions={conditions}&tension=experienced{shares}",
        app::time::iso_date(db::now()),
        encode(summary)
    )
}

both_backends!(
    an_engagement_item_is_listed_on_the_agenda_shared_and_linked,
    |db: Db, url: String| async move {
        let app = hub(db.clone(), &url).await;
        extra_accounts(&db).await;
        let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
        let analyst = cookie_for(&app, "analyst@demo.cymuned.cymru").await;
        let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
        let fire_partner = cookie_for(&app, "partner@demo.cymuned.cymru").await;
        let housing = cookie_for(&app, "housing@cardiff.example").await;
        let (report, profile) = report_and_profile(&app, &db, &officer, &analyst).await;
        let neighbourhood = cardiff_neighbourhood(&db).await;
        let fire = fire(&db).await;

        // Refused forms come back as typed, with the mistake said: C without conditions, a phone number.
        let summary = "Bonfire material stacked behind the flats; residents fear it will be lit on the 5th";
        let bad = record_body(neighbourhood, summary, "C", &[fire])
            .replace("&conditions=Fire%20service%20only%2C%20for%20a%20safety%20visit", "&conditions=");
        let (status, location) = post(&app, "/staff/intelligence/record", &lead, &bad).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert!(
            location.contains("error=intel_conditions_required") && location.contains("kept="),
            "{location}"
        );
        let (status, body) = page(&app, &location, &lead).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("Handling code C needs written conditions."), "the mistake is said");
        assert!(body.contains("Bonfire material stacked behind the flats"), "the text is kept");
        assert!(body.contains(&format!(r#"value="{fire}" checked"#)), "the share stays ticked");
        let (_, location) = post(
            &app,
            "/staff/intelligence/record",
            &lead,
            &record_body(neighbourhood, "Ring 07700 900123 about the bonfire", "P", &[]),
        )
        .await;
        assert!(location.contains("error=intel_summary_identifies"), "{location}");
        assert_eq!(scalar(&db, "SELECT COUNT(*) FROM intelligence_items WHERE report_id IS NULL").await, 0);

        // Recorded: graded 2B C, shared with the fire service only, audited.
        let (_, location) = post(
            &app,
            "/staff/intelligence/record",
            &lead,
            &record_body(neighbourhood, summary, "C", &[fire]),
        )
        .await;
        assert!(location.contains("done=intel_recorded"), "{location}");
        let item = location.split("item=").nth(1).unwrap().split('&').next().unwrap().to_string();
        assert!(item.starts_with("INT-"), "{item}");
        let (_, body) = page(&app, &location, &lead).await;
        assert!(body.contains("The intelligence item is recorded.") && body.contains(&item));
        let audited = scalar(&db, &format!("SELECT COUNT(*) FROM audit_log WHERE action = 'intelligence_recorded' AND record_id = '{item}' AND detail LIKE '%2B C%South Wales Fire%'")).await;
        assert_eq!(audited, 1, "the recording is audited with its grade and sharing");
        let stored = sqlx::query("SELECT source, neighbourhood_id, tension, report_id FROM intelligence_items WHERE report_id IS NULL")
        .fetch_one(db.reader())
        .await
        .unwrap();
        assert_eq!(stored.get::<String, _>("source"), "street_briefing");
        assert_eq!(stored.get::<i64, _>("neighbourhood_id"), neighbourhood);
        assert_eq!(stored.get::<String, _>("tension"), "experienced");

        // In the intelligence list, next to the report's item.
        let (_, body) = page(&app, "/staff/intelligence", &officer).await;
        for expected in [
            summary,
            "Street briefing",
            item.as_str(),
            "2B C",
            "South Wales Fire and Rescue Service",
            &report,
            "Drug dealing from a house",
        ] {
            assert!(body.contains(expected), "the list shows {expected}");
        }
        // Partners: the fire service sees it with its conditions, housing does not.
        let (_, body) = page(&app, "/staff/intelligence", &fire_partner).await;
        assert!(body.contains(summary) && body.contains("Fire service only, for a safety visit"));
        let (_, body) = page(&app, "/staff/intelligence", &housing).await;
        assert!(!body.contains(summary), "a C item is not shown to another organisation");
        assert!(body.contains("Drug dealing from a house"), "the P item from the report is");
        // Read by the data layer (as the API does): its source, no category, whom it is shared with.
        let csp_id = cardiff(&db).await;
        let list = db::triage::intelligence(&db, csp_id, db::triage::Audience::Csp, None, 100).await.unwrap();
        let ours = list.iter().find(|i| i.reference == item).expect("listed");
        assert_eq!(
            (ours.category.clone(), ours.family, ours.source),
            (None, None, app::triage::IntelligenceSource::StreetBriefing)
        );
        assert_eq!(ours.shared_with, vec!["South Wales Fire and Rescue Service".to_string()]);

        // On the tasking agenda.
        let (status, body) = page(&app, "/staff/tasking?csp=cardiff", &analyst).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            body.contains(summary) && body.contains(&item) && body.contains(&report),
            "both items are on the agenda"
        );
        assert!(
            body.contains(&format!("/staff/intelligence#{item}")),
            "the item links to the list, not to a report"
        );

        // Linked to the profile like any other item (by its reference), and unlinked.
        let path = format!("/staff/problems/{profile}");
        let v = id_of(&db, "SELECT version FROM problem_profiles WHERE reference = $1", &profile).await;
        let (_, location) = post(
            &app,
            &format!("{path}/link"),
            &analyst,
            &format!("lang=en&version={v}&reference={}", item.to_lowercase()),
        )
        .await;
        assert!(location.contains("done=saved"), "{location}");
        let (_, body) = page(&app, &path, &analyst).await;
        assert!(
            body.contains(summary) && body.contains(&item) && body.contains(&report),
            "both items are in the profile"
        );
        let (_, body) = page(&app, "/staff/tasking?csp=cardiff", &analyst).await;
        assert!(
            body.contains(&format!("In {profile}")) || body.contains(&profile),
            "the agenda says which profile it is in"
        );
        // An item of another CSP, or no such item: refused.
        let v = id_of(&db, "SELECT version FROM problem_profiles WHERE reference = $1", &profile).await;
        let (_, location) = post(
            &app,
            &format!("{path}/link"),
            &analyst,
            &format!("lang=en&version={v}&reference=INT-999999"),
        )
        .await;
        assert!(location.contains("error=item"), "{location}");
        let linked = scalar(&db, "SELECT COUNT(*) FROM problem_profile_items").await;
        assert_eq!(linked, 2);
    }
);

both_backends!(an_item_made_from_a_survey_answer_keeps_the_link, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    extra_accounts(&db).await;
    let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
    let swansea = cookie_for(&app, "lead@swansea.example").await;
    let neighbourhood = cardiff_neighbourhood(&db).await;
    let csp = cardiff(&db).await;
    let owner =
        id_of(&db, "SELECT id FROM users WHERE email = $1", "engagement-lead@demo.cymuned.cymru").await;
    let campaign = db::engagement::create_campaign(
        &db,
        NewCampaign {
            csp_id: csp,
            slug: "kin-winter",
            title: &Names::new("KIN winter questionnaire", "Holiadur gaeaf RhUA"),
            purpose: &Names::new("", ""),
            whole_csp: false,
            neighbourhoods: &[neighbourhood],
            channels: &[Channel::KinQuestionnaire],
            starts_on: db::now() - 86_400,
            ends_on: db::now() + 86_400,
            owner_user_id: owner,
            response_policy: ResponsePolicy::OnePerLink,
            results_due_on: None,
        },
    )
    .await
    .unwrap();
    let survey = db::engagement::create_survey(&db, campaign, SurveyKind::Custom, r#"{"questions":[]}"#)
        .await
        .unwrap();
    let version = db::engagement::publish_survey(&db, survey, r#"{"questions":[]}"#, owner).await.unwrap();
    let answers = [AnswerRow {
        question: "worries".into(),
        choice: None,
        number: None,
        text: Some("Young lads dealing by the shops, call me on 029 2087 1234 if you need more".into()),
        neighbourhood_id: None,
    }];
    let equality = db::engagement::EqualityRow::default();
    let response = db::engagement::store_response(
        &db,
        &db::engagement::NewResponse {
            campaign_id: campaign,
            survey_version_id: version.id,
            csp_id: csp,
            neighbourhood_id: Some(neighbourhood),
            channel: ResponseChannel::Kin,
            language: Lang::En,
            entered_by: None,
            respondent_key: Some("member-1"),
            duplicate_of: None,
            answers: &answers,
            equality: &equality,
        },
    )
    .await
    .unwrap();

    // Opened from the answer: a KIN answer, its neighbourhood, its words without the phone number;
    // reading the answer is audited.
    let path = format!("/staff/intelligence/record?response={response}&question=worries");
    let (status, body) = page(&app, &path, &lead).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("From a Key Individual Network answer") && body.contains("KIN winter questionnaire")
    );
    assert!(
        body.contains("Young lads dealing by the shops, call me on [removed]"),
        "the phone number is taken out"
    );
    assert!(!body.contains("2087 1234"));
    assert!(body.contains(r#"<option value="kin_answer" selected"#), "{}", "the source is the KIN answer");
    assert!(body.contains(&format!(r#"<option value="{neighbourhood}" selected"#)));
    assert!(body.contains(&format!(r#"name="response" value="{response}""#)));
    let read = scalar(
        &db,
        &format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'survey_answer_read' AND record_id = '{response}'"
        ),
    )
    .await;
    assert_eq!(read, 1);
    // Another CSP's lead, or a question with no text answer: not found.
    let (status, _) = page(&app, &path, &swansea).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) =
        page(&app, &format!("/staff/intelligence/record?response={response}&question=nothing"), &lead).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let body = format!(
        "lang=en&csp=cardiff&origin=kin_answer&neighbourhood={neighbourhood}&observed_on={}&summary=Young%20people%20dealing%20by%20the%20shops\
         &source=2&intelligence=C&handling=P&conditions=&tension=potential&response={response}&question=worries",
        app::time::iso_date(db::now())
    );
    // Posted naming a response of Cardiff as a Swansea form: refused, nothing stored.
    let (status, _) =
        post(&app, "/staff/intelligence/record", &swansea, &body.replace("csp=cardiff", "csp=swansea")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM intelligence_items").await, 0);
    let (_, location) = post(&app, "/staff/intelligence/record", &lead, &body).await;
    assert!(location.contains("done=intel_recorded"), "{location}");
    let linked = sqlx::query("SELECT response_id, question, source FROM intelligence_items")
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert_eq!(linked.get::<i64, _>("response_id"), response);
    assert_eq!(linked.get::<String, _>("question"), "worries");
    assert_eq!(linked.get::<String, _>("source"), "kin_answer");
    let (_, body) = page(&app, &path, &lead).await;
    assert!(
        body.contains("Items already recorded from this response: INT-"),
        "the form says what was made from it"
    );
});

/// An item as stored before migration 0018.
#[derive(Debug, PartialEq, sqlx::FromRow)]
struct OldItem {
    id: i64,
    report_id: i64,
    csp_id: i64,
    summary: String,
    source_grade: String,
    intelligence_grade: String,
    handling_code: String,
    conditions: Option<String>,
    tension: Option<String>,
    graded_by: i64,
    created_at: i64,
    updated_at: i64,
}

const OLD_ITEMS: &str =
    "SELECT id, report_id, csp_id, summary, source_grade, intelligence_grade, handling_code, conditions, \
     tension, graded_by, created_at, updated_at FROM intelligence_items ORDER BY id";

async fn up_to_0017(backend: common::Backend) -> (Db, String) {
    let (url, dir) = match backend {
        common::Backend::Sqlite => {
            let path =
                std::env::temp_dir().join(format!("cymuned-intel-{}.db", uuid::Uuid::new_v4().simple()));
            (format!("sqlite://{}", path.display()), "../migrations/sqlite")
        }
        common::Backend::Postgres => {
            use sqlx::Connection;
            let admin = common::postgres_admin_url();
            let name = format!("cymuned_intel_{}", uuid::Uuid::new_v4().simple());
            let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.unwrap();
            let base = &admin[..admin.rfind('/').unwrap()];
            (format!("{base}/{name}"), "../migrations/postgres")
        }
    };
    let db = Db::connect(&url, 2).await.unwrap();
    let mut migrator = sqlx::migrate::Migrator::new(std::path::Path::new(dir)).await.unwrap();
    migrator.migrations =
        std::borrow::Cow::Owned(migrator.migrations.iter().filter(|m| m.version <= 17).cloned().collect());
    migrator.run(db.writer()).await.unwrap();
    app::reference::seed::seed_if_empty(&db).await.unwrap();
    app::reporting::categories::ensure_defaults(&db).await.unwrap();
    (db, url)
}

async fn items_before_0018_read_the_same(backend: common::Backend) {
    let (db, _) = up_to_0017(backend).await;
    let user = accounts::create_account(
        &db,
        NewAccount {
            email: "officer@cardiff.example",
            display_name: "Officer",
            password: DEMO_PASSWORD,
            role: "officer",
            csp_slug: "cardiff",
            organisation: Some(("fire", "South Wales Fire and Rescue Service")),
            language: Lang::En,
            is_demo: false,
        },
        "test",
    )
    .await
    .unwrap();
    let csp = cardiff(&db).await;
    let (category, neighbourhood, ward): (i64, i64, String) = {
        let c: i64 =
            sqlx::query_scalar("SELECT id FROM report_categories WHERE csp_id = $1 AND code = 'drugs'")
                .bind(csp)
                .fetch_one(db.reader())
                .await
                .unwrap();
        let w = sqlx::query("SELECT w.code, w.neighbourhood_id FROM wards w JOIN neighbourhoods n ON n.id = w.neighbourhood_id WHERE n.csp_id = $1 ORDER BY w.code LIMIT 1")
            .bind(csp)
            .fetch_one(db.reader())
            .await
            .unwrap();
        (c, w.get("neighbourhood_id"), w.get("code"))
    };
    let organisation: i64 =
        sqlx::query_scalar("SELECT id FROM organisations WHERE csp_id = $1 ORDER BY id LIMIT 1")
            .bind(csp)
            .fetch_one(db.reader())
            .await
            .unwrap();
    // Two graded reports (one C, shared), one linked to a profile, as the old schema held them.
    for (i, handling) in [(1, "P"), (2, "C")] {
        let report: i64 = sqlx::query_scalar(
            "INSERT INTO reports (reference, tracking_hash, csp_id, category_id, ward_code, neighbourhood_id, location_text, ongoing, \
             description, language, sensitive, status, created_at, source) VALUES ($1, $2, $3, $4, $5, $6, '', 0, 'Dealing', 'en', 0, \
             'open', $7, 'web') RETURNING id",
        )
        .bind(format!("CYM-26-00000{i}"))
        .bind(format!("hash{i}"))
        .bind(csp)
        .bind(category)
        .bind(&ward)
        .bind(neighbourhood)
        .bind(1_790_000_000 + i)
        .fetch_one(db.writer())
        .await
        .unwrap();
        let item: i64 = sqlx::query_scalar(
            "INSERT INTO intelligence_items (report_id, csp_id, summary, source_grade, intelligence_grade, handling_code, conditions, \
             tension, graded_by, created_at, updated_at) VALUES ($1, $2, $3, '2', 'B', $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(report)
        .bind(csp)
        .bind(format!("Dealing seen {i}"))
        .bind(handling)
        .bind((handling == "C").then_some("Fire only"))
        .bind((i == 2).then_some("evidenced"))
        .bind(user)
        .bind(1_790_000_100 + i)
        .bind(1_790_000_200 + i)
        .fetch_one(db.writer())
        .await
        .unwrap();
        if handling == "C" {
            sqlx::query("INSERT INTO intelligence_shares (item_id, organisation_id) VALUES ($1, $2)")
                .bind(item)
                .bind(organisation)
                .execute(db.writer())
                .await
                .unwrap();
            let profile: i64 = sqlx::query_scalar(
                "INSERT INTO problem_profiles (reference, csp_id, title, period_from, period_to, created_by, created_at, updated_at) \
                 VALUES ('PP-26-0001', $1, 'Dealing', 1780000000, 1790000000, $2, 1790000000, 1790000000) RETURNING id",
            )
            .bind(csp)
            .bind(user)
            .fetch_one(db.writer())
            .await
            .unwrap();
            sqlx::query("INSERT INTO problem_profile_items (profile_id, item_id, added_by, added_at) VALUES ($1, $2, $3, 1790000300)")
                .bind(profile)
                .bind(item)
                .bind(user)
                .execute(db.writer())
                .await
                .unwrap();
        }
    }
    let before: Vec<OldItem> = sqlx::query_as(OLD_ITEMS).fetch_all(db.reader()).await.unwrap();
    let shares = "SELECT item_id || ':' || organisation_id FROM intelligence_shares ORDER BY item_id";
    let links = "SELECT profile_id || ':' || item_id || ':' || added_by || ':' || added_at FROM problem_profile_items";
    let shares_before: Vec<String> = sqlx::query_scalar(shares).fetch_all(db.reader()).await.unwrap();
    let links_before: Vec<String> = sqlx::query_scalar(links).fetch_all(db.reader()).await.unwrap();
    assert_eq!((before.len(), shares_before.len(), links_before.len()), (2, 1, 1));

    db.migrate().await.unwrap();
    let after: Vec<OldItem> = sqlx::query_as(OLD_ITEMS).fetch_all(db.reader()).await.unwrap();
    assert_eq!(after, before, "every item reads the same");
    assert_eq!(sqlx::query_scalar::<_, String>(shares).fetch_all(db.reader()).await.unwrap(), shares_before);
    assert_eq!(sqlx::query_scalar::<_, String>(links).fetch_all(db.reader()).await.unwrap(), links_before);
    let sources: Vec<String> = sqlx::query_scalar("SELECT source FROM intelligence_items WHERE neighbourhood_id IS NULL AND observed_on IS NULL AND response_id IS NULL ORDER BY id").fetch_all(db.reader()).await.unwrap();
    assert_eq!(sources, ["report", "report"]);
    // Read through the hub as before: reference, category, neighbourhood, when reported, shares.
    let items = db::triage::intelligence(&db, csp, db::triage::Audience::Csp, None, 10).await.unwrap();
    let c = items.iter().find(|i| i.reference == "CYM-26-000002").unwrap();
    assert_eq!(c.source, app::triage::IntelligenceSource::Report);
    assert!(c.category.is_some() && c.family == Some(app::reporting::Family::Drugs));
    assert_eq!(c.reported_at, 1_790_000_002);
    assert_eq!(c.grade.label(), "2B C");
    assert_eq!(c.shared_with.len(), 1);
    let profile = db::problems::find(&db, "PP-26-0001").await.unwrap().unwrap();
    let record = db::problems::load(&db, profile.id).await.unwrap().unwrap();
    assert_eq!(
        record.items.iter().map(|i| i.reference.clone()).collect::<Vec<_>>(),
        [Some("CYM-26-000002".to_string())]
    );
    // A report's item still cannot be stored without its report, nor an engagement item with one.
    let no_report = sqlx::query("INSERT INTO intelligence_items (csp_id, summary, source_grade, intelligence_grade, handling_code, graded_by, created_at, updated_at) VALUES ($1, 'x', '2', 'B', 'P', $2, 1, 1)")
        .bind(csp)
        .bind(user)
        .execute(db.writer())
        .await;
    assert!(no_report.is_err(), "an item from a report needs its report");
    db.close().await;
}

#[test]
fn items_written_before_0018_read_the_same_sqlite() {
    common::RUNTIME.block_on(items_before_0018_read_the_same(common::Backend::Sqlite));
}

#[test]
fn items_written_before_0018_read_the_same_postgres() {
    if common::postgres_available() {
        common::RUNTIME.block_on(items_before_0018_read_the_same(common::Backend::Postgres));
    }
}

fn priority_body(lang: &str, neighbourhood: i64, period: &str, en: &str, cy: &str, links: &str) -> String {
    format!(
        "lang={lang}&csp=cardiff&neighbourhood={neighbourhood}&period={period}&title_en={}&title_cy={}&why=41%25%20named%20it{links}",
        encode(en),
        encode(cy)
    )
}

both_backends!(priorities_are_set_linked_and_reviewed, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let analyst = cookie_for(&app, "analyst@demo.cymuned.cymru").await;
    let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
    let (_, profile) = report_and_profile(&app, &db, &officer, &analyst).await;
    let v = id_of(&db, "SELECT version FROM problem_profiles WHERE reference = $1", &profile).await;
    let (_, location) = post(&app, &format!("/staff/problems/{profile}/add-action"), &analyst, &format!("lang=en&version={v}&title=Board%20up%20the%20empty%20house&organisation=&owner=Estates&due_on=&notes=")).await;
    assert!(location.contains("done="), "{location}");
    let profile_id = id_of(&db, "SELECT id FROM problem_profiles WHERE reference = $1", &profile).await;
    let action = id_of(&db, "SELECT a.id FROM problem_actions a JOIN problem_profiles p ON p.id = a.profile_id WHERE p.reference = $1", &profile).await;
    let neighbourhood = cardiff_neighbourhood(&db).await;
    let period = app::engagement::priorities::Period::of(db::now()).to_string();

    // A title in one language only: refused, kept as typed.
    let (_, location) = post(
        &app,
        "/staff/engagement/priorities/set",
        &lead,
        &priority_body("en", neighbourhood, &period, "Speeding on Heol y Felin", "", ""),
    )
    .await;
    assert!(location.contains("error=priority_title") && location.contains("kept="), "{location}");
    let (_, body) = page(&app, &location, &lead).await;
    assert!(
        body.contains("Give the priority in both English and Welsh.")
            && body.contains(r#"value="Speeding on Heol y Felin""#)
    );

    // Three set, the first linked to the profile and its action.
    let first = priority_body(
        "en",
        neighbourhood,
        &period,
        "Drug dealing at the corner house",
        "Gwerthu cyffuriau yn y tŷ ar y gornel",
        &format!("&profiles={profile_id}&actions={action}"),
    );
    let (_, location) = post(&app, "/staff/engagement/priorities/set", &lead, &first).await;
    assert!(location.contains("done=priority_set"), "{location}");
    for (en, cy) in [("Speeding", "Goryrru"), ("Litter in the park", "Sbwriel yn y parc")] {
        let (_, location) = post(
            &app,
            "/staff/engagement/priorities/set",
            &lead,
            &priority_body("en", neighbourhood, &period, en, cy, ""),
        )
        .await;
        assert!(location.contains("done=priority_set"), "{location}");
    }
    // A fourth: refused, in Welsh on the Welsh page, kept as typed; nothing stored.
    let (status, location) = post(
        &app,
        "/staff/engagement/priorities/set",
        &lead,
        &priority_body("cy", neighbourhood, &period, "Parking", "Parcio", ""),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(
        location.starts_with("/cy/staff/engagement/priorities")
            && location.contains("error=priority_too_many"),
        "{location}"
    );
    let (status, body) = page(&app, &location, &lead).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("Mae gan y gymdogaeth hon dair blaenoriaeth eisoes ar gyfer y chwarter hwn."),
        "the refusal in Welsh"
    );
    assert!(body.contains(r#"value="Parcio""#), "the form is kept as typed");
    assert!(!body.contains("already has three priorities"), "no English on the Welsh page");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM neighbourhood_priorities").await, 3);
    // The next quarter has room again.
    let next = app::engagement::priorities::Period::parse(&period).unwrap().next().to_string();
    let (_, location) = post(
        &app,
        "/staff/engagement/priorities/set",
        &lead,
        &priority_body("en", neighbourhood, &next, "Parking", "Parcio", ""),
    )
    .await;
    assert!(location.contains("done=priority_set"), "{location}");

    // The page, in both languages; the profile shows its community priority.
    let path =
        format!("/staff/engagement/priorities?csp=cardiff&neighbourhood={neighbourhood}&period={period}");
    let (status, body) = page(&app, &path, &officer).await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "Drug dealing at the corner house",
        "Speeding",
        "Litter in the park",
        &profile,
        "Board up the empty house",
        "(3 of 3)",
    ] {
        assert!(body.contains(expected), "the page shows {expected}");
    }
    assert!(!body.contains("Record the verdict"), "an officer reads, without the lead's forms");
    let (_, body) = page(&app, &format!("/cy{path}"), &lead).await;
    assert!(body.contains("Gwerthu cyffuriau yn y tŷ ar y gornel") && body.contains("Cofnodi'r farn"));
    let (_, body) = page(&app, &format!("/staff/problems/{profile}"), &analyst).await;
    assert!(body.contains("Community priority in") && body.contains("Drug dealing at the corner house"));

    // Linked to one more (the profile again: no duplicate), another CSP's profile refused.
    let priority =
        id_of(&db, "SELECT id FROM neighbourhood_priorities WHERE title_en = $1", "Speeding").await;
    let link = |target: String| {
        format!("lang=en&csp=cardiff&neighbourhood={neighbourhood}&period={period}&priority={priority}&target={target}")
    };
    let (_, location) =
        post(&app, "/staff/engagement/priorities/link", &lead, &link(format!("profile:{profile_id}"))).await;
    assert!(location.contains("done=priority_linked"), "{location}");
    let (_, location) =
        post(&app, "/staff/engagement/priorities/link", &lead, &link(format!("action:{action}"))).await;
    assert!(location.contains("done=priority_linked"), "{location}");
    let (_, location) =
        post(&app, "/staff/engagement/priorities/link", &lead, &link(format!("profile:{profile_id}"))).await;
    assert!(location.contains("done=priority_linked"), "{location}");
    let (_, location) =
        post(&app, "/staff/engagement/priorities/link", &lead, &link("profile:999999".into())).await;
    assert!(location.contains("error=priority_unknown"), "{location}");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM neighbourhood_priority_profiles").await, 2);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM neighbourhood_priority_actions").await, 2);

    // The verdict at the review, with its evidence and day; a second review is kept too.
    let today = app::time::iso_date(db::now());
    let review = |verdict: &str, evidence: &str| {
        format!("lang=en&csp=cardiff&neighbourhood={neighbourhood}&period={period}&priority={priority}&verdict={verdict}&evidence={}&reviewed_on={today}", encode(evidence))
    };
    let (_, location) =
        post(&app, "/staff/engagement/priorities/review", &lead, &review("improving", "")).await;
    assert!(location.contains("error=priority_evidence"), "{location}");
    let (_, location) = post(&app, "/staff/engagement/priorities/review", &lead, &review("fixed", "x")).await;
    assert!(location.contains("error=priority_verdict"), "{location}");
    let (_, location) = post(
        &app,
        "/staff/engagement/priorities/review",
        &lead,
        &review("improving", "PACT meeting: speed checks cut the complaints by half"),
    )
    .await;
    assert!(location.contains("done=priority_reviewed"), "{location}");
    let (_, location) = post(
        &app,
        "/staff/engagement/priorities/review",
        &lead,
        &review("resolved", "PACT meeting: residents agree it is solved"),
    )
    .await;
    assert!(location.contains("done=priority_reviewed"), "{location}");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM neighbourhood_priority_reviews").await, 2, "history kept");
    let (_, body) = page(&app, &path, &officer).await;
    assert!(
        body.contains("Resolved")
            && body.contains("residents agree it is solved")
            && body.contains("cut the complaints by half")
    );
    // Next quarter's page lists this quarter's priorities and their verdicts as history.
    let (_, body) = page(
        &app,
        &format!("/staff/engagement/priorities?csp=cardiff&neighbourhood={neighbourhood}&period={next}"),
        &officer,
    )
    .await;
    assert!(body.contains("Earlier priorities") && body.contains("residents agree it is solved"));
});

both_backends!(who_may_record_intelligence_and_set_priorities, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    extra_accounts(&db).await;
    app::staff::accounts::create_regional_account(
        &db,
        app::staff::accounts::NewRegionalAccount {
            email: "coordinator@south-wales.example",
            display_name: "Coordinator",
            password: app::staff::accounts::DEMO_PASSWORD,
            role: "cohesion_coordinator",
            region_slug: "south-wales",
            language: app::i18n::Lang::En,
            is_demo: false,
        },
        "test",
    )
    .await
    .unwrap();
    let neighbourhood = cardiff_neighbourhood(&db).await;
    let period = app::engagement::priorities::Period::of(db::now()).to_string();
    let mut people = vec![("signed out", None)];
    people.extend(sign_in_each(&app, &CARDIFF_STAFF).await);
    people.extend(
        sign_in_each(
            &app,
            &[
                ("Swansea officer", "officer@swansea.example"),
                ("Swansea lead", "lead@swansea.example"),
                ("South Wales cohesion coordinator", "coordinator@south-wales.example"),
            ],
        )
        .await,
    );
    // (record page, record form, priorities page, set/link/review forms): 200/303 allowed,
    // 403 refused, 0 sent to sign in.
    let expected = |who: &str| match who {
        "signed out" => (0, 0, 0, 0),
        "officer" => (200, 303, 200, 403),
        "analyst" => (403, 403, 200, 403),
        "engagement lead" | "manager" | "admin" => (200, 303, 200, 303),
        "partner" => (403, 403, 403, 403),
        // Another CSP's staff, on Cardiff's; and a cohesion coordinator whose region holds Cardiff.
        _ => (403, 403, 403, 403),
    };
    for (i, (who, cookie)) in people.iter().enumerate() {
        let (record_page, record_form, priorities_page, priority_forms) = expected(who);
        let status_of = |s: StatusCode, location: &str| {
            if s == StatusCode::SEE_OTHER && location.starts_with("/sign-in") {
                0
            } else {
                s.as_u16()
            }
        };
        let (s, h, _) = send(
            &app,
            with_cookie(http::Request::get("/staff/intelligence/record?csp=cardiff"), cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        let location = h.get(header::LOCATION).map(|l| l.to_str().unwrap().to_string()).unwrap_or_default();
        assert_eq!(status_of(s, &location), record_page, "{who}: record page");
        let before = scalar(&db, "SELECT COUNT(*) FROM intelligence_items").await;
        let (s, location) = post(
            &app,
            "/staff/intelligence/record",
            cookie,
            &record_body(neighbourhood, &format!("Fireworks at the park, night {i}"), "P", &[]),
        )
        .await;
        assert_eq!(status_of(s, &location), record_form, "{who}: record form");
        let after = scalar(&db, "SELECT COUNT(*) FROM intelligence_items").await;
        assert_eq!(after - before, i64::from(record_form == 303), "{who}: stored only when allowed");
        if record_form == 303 {
            assert!(location.contains("done=intel_recorded"), "{who}: {location}");
        }
        let (s, h, _) = send(
            &app,
            with_cookie(
                http::Request::get(format!("/staff/engagement/priorities?csp=cardiff&period={period}")),
                cookie,
            )
            .body(Body::empty())
            .unwrap(),
        )
        .await;
        let location = h.get(header::LOCATION).map(|l| l.to_str().unwrap().to_string()).unwrap_or_default();
        assert_eq!(status_of(s, &location), priorities_page, "{who}: priorities page");

        // Set (a quarter of its own per person, so none runs out of room), link, review.
        let quarter = app::engagement::priorities::Period { year: 2030 + i as i64, quarter: 1 }.to_string();
        let before = scalar(&db, "SELECT COUNT(*) FROM neighbourhood_priorities").await;
        let (s, location) = post(
            &app,
            "/staff/engagement/priorities/set",
            cookie,
            &priority_body("en", neighbourhood, &quarter, "Speeding", "Goryrru", ""),
        )
        .await;
        assert_eq!(status_of(s, &location), priority_forms, "{who}: set");
        if priority_forms == 303 {
            assert!(location.contains("done=priority_set"), "{who}: {location}");
        }
        let after = scalar(&db, "SELECT COUNT(*) FROM neighbourhood_priorities").await;
        assert_eq!(after - before, i64::from(priority_forms == 303), "{who}: set only when allowed");
        let priority: i64 = sqlx::query_scalar("SELECT MIN(id) FROM neighbourhood_priorities")
            .fetch_one(db.reader())
            .await
            .unwrap_or(0);
        let common =
            format!("lang=en&csp=cardiff&neighbourhood={neighbourhood}&period={quarter}&priority={priority}");
        let reviews = scalar(&db, "SELECT COUNT(*) FROM neighbourhood_priority_reviews").await;
        for (action, body) in [
            ("link", format!("{common}&target=profile:1")),
            (
                "review",
                format!(
                    "{common}&verdict=improving&evidence=PACT&reviewed_on={}",
                    app::time::iso_date(db::now())
                ),
            ),
        ] {
            let (s, location) =
                post(&app, &format!("/staff/engagement/priorities/{action}"), cookie, &body).await;
            // Allowed people may find no such priority or profile, but are never refused.
            let got = status_of(s, &location);
            assert_eq!(got, priority_forms, "{who}: {action} ({location})");
        }
        let changed = scalar(&db, "SELECT COUNT(*) FROM neighbourhood_priority_reviews").await - reviews;
        assert_eq!(
            changed,
            i64::from(priority_forms == 303 && priority > 0),
            "{who}: reviewed only when allowed"
        );
    }
    // Another CSP's lead naming Cardiff's priority in a Swansea form: "no such priority".
    let priority: i64 = sqlx::query_scalar("SELECT MIN(id) FROM neighbourhood_priorities")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let swansea_lead = cookie_for(&app, "lead@swansea.example").await;
    let (_, location) = post(&app, "/staff/engagement/priorities/review", &swansea_lead, &format!("lang=en&csp=swansea&neighbourhood=1&period={period}&priority={priority}&verdict=resolved&evidence=x&reviewed_on={}", app::time::iso_date(db::now()))).await;
    assert!(location.contains("error=priority_unknown"), "{location}");
    let (_, location) = post(
        &app,
        "/staff/engagement/priorities/link",
        &swansea_lead,
        &format!("lang=en&csp=swansea&neighbourhood=1&period={period}&priority={priority}&target=profile:1"),
    )
    .await;
    assert!(location.contains("error=priority_unknown"), "{location}");
});

/// Sets a priority for Cardiff's first neighbourhood in `period` as the demo lead; its id.
async fn set_priority(app: &Router, db: &Db, lead: &Option<String>, period: &str, en: &str, cy: &str) -> i64 {
    let neighbourhood = cardiff_neighbourhood(db).await;
    let (_, location) = post(
        app,
        "/staff/engagement/priorities/set",
        lead,
        &priority_body("en", neighbourhood, period, en, cy, ""),
    )
    .await;
    assert!(location.contains("done=priority_set"), "{location}");
    id_of(db, "SELECT MAX(id) FROM neighbourhood_priorities WHERE title_en = $1", en).await
}

fn change_body(lang: &str, csp: &str, neighbourhood: i64, period: &str, priority: i64, rest: &str) -> String {
    format!("lang={lang}&csp={csp}&neighbourhood={neighbourhood}&period={period}&priority={priority}&{rest}")
}

both_backends!(priorities_are_edited_and_removed, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let analyst = cookie_for(&app, "analyst@demo.cymuned.cymru").await;
    let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
    let (_, profile) = report_and_profile(&app, &db, &officer, &analyst).await;
    let profile_id = id_of(&db, "SELECT id FROM problem_profiles WHERE reference = $1", &profile).await;
    let neighbourhood = cardiff_neighbourhood(&db).await;
    let period = app::engagement::priorities::Period::of(db::now()).to_string();
    let path =
        format!("/staff/engagement/priorities?csp=cardiff&neighbourhood={neighbourhood}&period={period}");
    let priority = set_priority(&app, &db, &lead, &period, "Speeding", "Goryrru").await;
    let (_, location) = post(
        &app,
        "/staff/engagement/priorities/link",
        &lead,
        &change_body(
            "en",
            "cardiff",
            neighbourhood,
            &period,
            priority,
            &format!("target=profile:{profile_id}"),
        ),
    )
    .await;
    assert!(location.contains("done=priority_linked"), "{location}");
    let (_, body) = page(&app, &path, &lead).await;
    assert!(body.contains("Change “Speeding”") && body.contains("Remove “Speeding”"), "the lead's forms");
    let (_, body) = page(&app, &path, &officer).await;
    assert!(!body.contains("/staff/engagement/priorities/edit") && !body.contains("priorities/remove"));

    // Edited: refused without the Welsh, the form back open as typed; then saved and audited.
    let edit = |lang: &str, en: &str, cy: &str| {
        change_body(
            lang,
            "cardiff",
            neighbourhood,
            &period,
            priority,
            &format!("title_en={}&title_cy={}&why=Named%20by%2041%25", encode(en), encode(cy)),
        )
    };
    let (_, location) =
        post(&app, "/staff/engagement/priorities/edit", &lead, &edit("en", "Speeding on Heol y Felin", " "))
            .await;
    assert!(location.contains("error=priority_title") && location.contains("kept="), "{location}");
    let (_, body) = page(&app, &location, &lead).await;
    assert!(body.contains("Give the priority in both English and Welsh."));
    assert!(body.contains("value=\"Speeding on Heol y Felin\""), "as typed");
    assert!(body.contains("<details open"), "the refused form comes back open");
    let (_, location) =
        post(&app, "/staff/engagement/priorities/edit", &lead, &edit("cy", "Speeding", &"x".repeat(201)))
            .await;
    assert!(location.starts_with("/cy/") && location.contains("error=priority_too_long"), "{location}");
    let (_, body) = page(&app, &location, &lead).await;
    assert!(body.contains("Mae blaenoriaeth yn 200 nod") && !body.contains("A priority is at most 200"));
    let (_, location) = post(
        &app,
        "/staff/engagement/priorities/edit",
        &lead,
        &edit("en", "Speeding on Heol y Felin", "Goryrru ar Heol y Felin"),
    )
    .await;
    assert!(location.contains("done=priority_edited"), "{location}");
    let (en, cy, why): (String, String, String) =
        sqlx::query_as("SELECT title_en, title_cy, why FROM neighbourhood_priorities WHERE id = $1")
            .bind(priority)
            .fetch_one(db.reader())
            .await
            .unwrap();
    assert_eq!(
        (en.as_str(), cy.as_str(), why.as_str()),
        ("Speeding on Heol y Felin", "Goryrru ar Heol y Felin", "Named by 41%")
    );
    let audited = scalar(
        &db,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'priority_changed' AND detail LIKE 'edited:%'",
    )
    .await;
    assert_eq!(audited, 1);
    let (_, body) = page(&app, &path, &officer).await;
    assert!(body.contains("Speeding on Heol y Felin"));

    // Removed: refused until the box is ticked; then gone with its links, its place free.
    let remove = |lang: &str, confirm: &str| {
        change_body(lang, "cardiff", neighbourhood, &period, priority, &format!("confirm={confirm}"))
    };
    let (_, location) = post(&app, "/staff/engagement/priorities/remove", &lead, &remove("cy", "")).await;
    assert!(location.starts_with("/cy/") && location.contains("error=priority_confirm"), "{location}");
    let (_, body) = page(&app, &location, &lead).await;
    assert!(body.contains("Ticiwch y blwch i gadarnhau") && !body.contains("Tick the box to confirm"));
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM neighbourhood_priorities").await, 1);
    let (_, location) = post(&app, "/staff/engagement/priorities/remove", &lead, &remove("en", "yes")).await;
    assert!(location.contains("done=priority_removed"), "{location}");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM neighbourhood_priorities").await, 0);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM neighbourhood_priority_profiles").await, 0);
    let audited = scalar(
        &db,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'priority_changed' AND detail LIKE 'removed:%'",
    )
    .await;
    assert_eq!(audited, 1);
    let (_, location) = post(&app, "/staff/engagement/priorities/remove", &lead, &remove("en", "yes")).await;
    assert!(location.contains("error=priority_unknown"), "already gone: {location}");

    // A priority with a verdict is the neighbourhood's history: kept, and no remove form.
    let kept = set_priority(&app, &db, &lead, &period, "Litter", "Sbwriel").await;
    let review = change_body(
        "en",
        "cardiff",
        neighbourhood,
        &period,
        kept,
        &format!("verdict=improving&evidence=PACT&reviewed_on={}", app::time::iso_date(db::now())),
    );
    let (_, location) = post(&app, "/staff/engagement/priorities/review", &lead, &review).await;
    assert!(location.contains("done=priority_reviewed"), "{location}");
    let (_, location) = post(
        &app,
        "/staff/engagement/priorities/remove",
        &lead,
        &change_body("en", "cardiff", neighbourhood, &period, kept, "confirm=yes"),
    )
    .await;
    assert!(location.contains("error=priority_has_verdict"), "{location}");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM neighbourhood_priorities").await, 1);
    let (_, body) = page(&app, &path, &lead).await;
    assert!(body.contains("Change “Litter”") && !body.contains("Remove “Litter”"));
});

both_backends!(who_may_edit_and_remove_priorities, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    extra_accounts(&db).await;
    let neighbourhood = cardiff_neighbourhood(&db).await;
    let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
    let people = [
        ("signed out", None),
        ("officer", cookie_for(&app, "officer@demo.cymuned.cymru").await),
        ("analyst", cookie_for(&app, "analyst@demo.cymuned.cymru").await),
        ("engagement lead", lead.clone()),
        ("partner", cookie_for(&app, "partner@demo.cymuned.cymru").await),
        ("manager", cookie_for(&app, "csp-manager@demo.cymuned.cymru").await),
        ("admin", cookie_for(&app, "admin@demo.cymuned.cymru").await),
        ("Swansea officer", cookie_for(&app, "officer@swansea.example").await),
        ("Swansea lead", cookie_for(&app, "lead@swansea.example").await),
    ];
    for (i, (who, cookie)) in people.iter().enumerate() {
        let allowed = matches!(*who, "engagement lead" | "manager" | "admin");
        let quarter = app::engagement::priorities::Period { year: 2040 + i as i64, quarter: 2 }.to_string();
        let priority = set_priority(&app, &db, &lead, &quarter, &format!("Parking {i}"), "Parcio").await;
        let title = || -> String { format!("Parking {i}") };
        let stored = |db: Db, priority: i64| async move {
            sqlx::query_scalar::<_, String>("SELECT title_en FROM neighbourhood_priorities WHERE id = $1")
                .bind(priority)
                .fetch_optional(db.reader())
                .await
                .unwrap()
        };
        let edit = change_body(
            "en",
            "cardiff",
            neighbourhood,
            &quarter,
            priority,
            "title_en=Changed&title_cy=Newidiwyd&why=",
        );
        let (status, location) = post(&app, "/staff/engagement/priorities/edit", cookie, &edit).await;
        let (remove_status, remove_location) = post(
            &app,
            "/staff/engagement/priorities/remove",
            cookie,
            &change_body("en", "cardiff", neighbourhood, &quarter, priority, "confirm=yes"),
        )
        .await;
        match *who {
            "signed out" => {
                assert_eq!(status, StatusCode::SEE_OTHER);
                assert!(
                    location.starts_with("/sign-in") && remove_location.starts_with("/sign-in"),
                    "{location}"
                );
                assert_eq!(stored(db.clone(), priority).await, Some(title()), "{who}: unchanged");
            }
            _ if allowed => {
                assert!(location.contains("done=priority_edited"), "{who}: {location}");
                assert!(remove_location.contains("done=priority_removed"), "{who}: {remove_location}");
                assert_eq!(stored(db.clone(), priority).await, None, "{who}: removed");
            }
            _ => {
                assert_eq!((status, remove_status), (StatusCode::FORBIDDEN, StatusCode::FORBIDDEN), "{who}");
                assert_eq!(stored(db.clone(), priority).await, Some(title()), "{who}: unchanged");
            }
        }
    }
    // Another CSP's lead naming Cardiff's priority in their own CSP's form: no such priority.
    let period = app::engagement::priorities::Period::of(db::now()).to_string();
    let priority = set_priority(&app, &db, &lead, &period, "Noise", "Sŵn").await;
    let swansea_lead = &people[8].1;
    for (action, rest) in [("edit", "title_en=Mine&title_cy=Fy%20un%20i&why="), ("remove", "confirm=yes")] {
        let (_, location) = post(
            &app,
            &format!("/staff/engagement/priorities/{action}"),
            swansea_lead,
            &change_body("en", "swansea", 1, &period, priority, rest),
        )
        .await;
        assert!(location.contains("error=priority_unknown"), "{action}: {location}");
    }
    let title: String = sqlx::query_scalar("SELECT title_en FROM neighbourhood_priorities WHERE id = $1")
        .bind(priority)
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert_eq!(title, "Noise");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'priority_changed'").await, 6);
});
