//! Reach on both databases: census figures imported with `cymuned import-population` (all or
//! nothing), responses stored with their equality monitoring, and the reach view's numbers,
//! suppression, "no population figures imported", Welsh, audit and who may read it.

mod common;

use app::{
    db::{
        self,
        engagement::{EqualityRow, NewCampaign, NewResponse},
        Db,
    },
    engagement::{
        survey::{Question, QuestionKind, Survey},
        Channel, ResponseChannel, ResponsePolicy,
    },
    i18n::Lang,
    reference::Names,
};
use axum::Router;
use common::{
    engagement::{
        add_account, cookie_for, english_only_phrases, id_of, publish, question, visible_text, YES_NO,
    },
    http::hub,
};
use http::StatusCode;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data/census").join(name)
}

const WARD_FILES: [&str; 4] = [
    "ts007a-age-cardiff-wards.csv",
    "ts008-sex-cardiff-wards.csv",
    "ts021-ethnic-group-cardiff-wards.csv",
    "ts033-welsh-speaking-cardiff-wards.csv",
];
const AUTHORITY_FILES: [&str; 2] =
    ["ts008-sex-cardiff-local-authority.csv", "ts021-ethnic-group-cardiff-local-authority.csv"];

fn scratch(name: &str, text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("cymuned-reach-{}-{name}", uuid::Uuid::new_v4().simple()));
    std::fs::write(&path, text).unwrap();
    path
}

async fn figures(db: &Db) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM population").fetch_one(db.reader()).await.unwrap()
}

both_backends!(population_is_imported_whole_or_not_at_all, |db: Db, _url| async move {
    let files: Vec<PathBuf> = WARD_FILES.iter().map(|f| fixture(f)).collect();
    let done = server::cli::import_population(&db, &files).await.unwrap();
    // Four wards: 8 age bands (under 15 included), 2 sexes, 5 ethnic groups, 2 Welsh groups.
    assert_eq!(done.figures, 4 * (8 + 2 + 5 + 2));
    assert_eq!(done.areas, 4);
    assert_eq!(done.topics, vec!["age_band", "sex", "ethnic_group", "welsh_language"]);
    assert_eq!(done.ignored_areas, 0);
    assert_eq!(figures(&db).await, 68);
    let adamsdown_women: i64 = sqlx::query_scalar(
        "SELECT count FROM population WHERE area_code = 'W05000853' AND topic = 'sex' AND category = 'female'",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
    assert_eq!(adamsdown_women, 5194);
    let source: String =
        sqlx::query_scalar("SELECT source FROM population WHERE topic = 'welsh_language' LIMIT 1")
            .fetch_one(db.reader())
            .await
            .unwrap();
    assert!(source.contains("ts033-welsh-speaking-cardiff-wards.csv"), "{source}");

    // Imported again: replaced, not doubled.
    server::cli::import_population(&db, &files[1..2]).await.unwrap();
    assert_eq!(figures(&db).await, 68);

    // A good file with a bad one: refused whole, naming the file and the line; nothing changes.
    let bad = scratch(
        "bad.csv",
        "Electoral wards and divisions Code,Electoral wards and divisions,Sex (2 categories) Code,Sex (2 categories),Observation\n\
         W05000853,Adamsdown,1,Female,1\nW05000853,Adamsdown,2,Male,many\n",
    );
    let authority = fixture(AUTHORITY_FILES[0]);
    let err =
        server::cli::import_population(&db, &[authority.clone(), bad.clone()]).await.unwrap_err().to_string();
    assert!(
        err.contains("line 3") && err.contains("'many'") && err.contains("nothing was imported"),
        "{err}"
    );
    assert_eq!(figures(&db).await, 68);
    let women: i64 = sqlx::query_scalar(
        "SELECT count FROM population WHERE area_code = 'W05000853' AND category = 'female'",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
    assert_eq!(women, 5194, "the good file's figures were not stored either");
    // Another table, another year's areas, a file that is not there: refused, nothing stored.
    let religion = scratch(
        "religion.csv",
        "Electoral wards and divisions Code,Electoral wards and divisions,Religion (10 categories) Code,Religion (10 categories),Observation\n\
         W05000853,Adamsdown,1,No religion,10\n",
    );
    let err = server::cli::import_population(&db, &[religion]).await.unwrap_err().to_string();
    assert!(err.contains("TS021") && err.contains("Religion"), "{err}");
    let elsewhere = scratch(
        "england.csv",
        "Electoral wards and divisions Code,Electoral wards and divisions,Sex (2 categories) Code,Sex (2 categories),Observation\n\
         E05000026,Abbey,1,Female,7000\nE05000026,Abbey,2,Male,6900\n",
    );
    let err = server::cli::import_population(&db, &[elsewhere]).await.unwrap_err().to_string();
    assert!(err.contains("none of its areas"), "{err}");
    let err =
        server::cli::import_population(&db, &[PathBuf::from("/nonexistent/ts008.csv")]).await.unwrap_err();
    assert!(err.to_string().contains("/nonexistent/ts008.csv"), "{err}");
    assert_eq!(figures(&db).await, 68);

    // A local authority's table is kept beside the wards'.
    let done = server::cli::import_population(&db, &AUTHORITY_FILES.map(fixture)).await.unwrap();
    assert_eq!((done.areas, done.figures), (1, 2 + 5));
    assert_eq!(figures(&db).await, 75);
});

async fn neighbourhood_of(db: &Db, ward: &str) -> i64 {
    id_of(db, "SELECT neighbourhood_id FROM wards WHERE code = $1", ward).await
}

/// A Cardiff campaign over Adamsdown, Butetown, Cathays and Splott, with its survey published;
/// returns (campaign, survey version, CSP).
async fn campaign(db: &Db, slug: &str) -> (i64, i64, i64) {
    let csp = id_of(db, "SELECT id FROM csps WHERE slug = $1", "cardiff").await;
    let lead = id_of(db, "SELECT id FROM users WHERE email = $1", "engagement-lead@demo.cymuned.cymru").await;
    let mut neighbourhoods = Vec::new();
    for ward in ["W05000853", "W05000854", "W05000857", "W05000879"] {
        neighbourhoods.push(neighbourhood_of(db, ward).await);
    }
    let id = db::engagement::create_campaign(
        db,
        NewCampaign {
            csp_id: csp,
            slug,
            title: &Names::new("Feeling safe in the city centre", "Teimlo'n ddiogel yng nghanol y ddinas"),
            purpose: &Names::new("", ""),
            whole_csp: false,
            neighbourhoods: &neighbourhoods,
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
    let survey = Survey {
        questions: vec![Question {
            required: true,
            ..question(
                "safe",
                QuestionKind::SingleChoice,
                "Do you feel safe?",
                "Ydych chi'n teimlo'n ddiogel?",
                &YES_NO,
            )
        }],
    };
    let version = publish(db, id, &survey, lead).await;
    (id, version, csp)
}

fn equality(age: Option<&str>, sex: Option<&str>, ethnic: Option<&str>, welsh: Option<&str>) -> EqualityRow {
    EqualityRow {
        age_band: age.map(str::to_string),
        sex: sex.map(str::to_string),
        ethnic_group: ethnic.map(str::to_string),
        welsh_language: welsh.map(str::to_string),
        ..EqualityRow::default()
    }
}

/// Stores `n` responses as given; returns the last one's id.
async fn respond(
    db: &Db,
    (campaign, version, csp): (i64, i64, i64),
    neighbourhood: Option<i64>,
    n: usize,
    e: &EqualityRow,
    duplicate_of: Option<i64>,
) -> i64 {
    let mut last = 0;
    for _ in 0..n {
        let answers = vec![app::engagement::survey::AnswerRow {
            question: "safe".into(),
            choice: Some("yes".into()),
            number: None,
            text: None,
            neighbourhood_id: None,
        }];
        last = db::engagement::store_response(
            db,
            &NewResponse {
                campaign_id: campaign,
                survey_version_id: version,
                csp_id: csp,
                neighbourhood_id: neighbourhood,
                channel: ResponseChannel::Online,
                language: Lang::En,
                entered_by: None,
                respondent_key: None,
                duplicate_of,
                answers: &answers,
                equality: e,
            },
        )
        .await
        .unwrap();
    }
    last
}

/// A page as that person gets it, without the renderer's empty comment markers (`<!>`).
async fn page(app: &Router, path: &str, cookie: &Option<String>) -> (StatusCode, String) {
    let (status, body) = common::http::page(app, path, cookie).await;
    (status, body.replace("<!>", ""))
}

both_backends!(the_reach_view_compares_respondents_with_the_census, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let c = campaign(&db, "city-centre").await;
    let adamsdown = neighbourhood_of(&db, "W05000853").await;
    let butetown = neighbourhood_of(&db, "W05000854").await;
    let cathays = neighbourhood_of(&db, "W05000857").await;
    let splott = neighbourhood_of(&db, "W05000879").await;
    let first = respond(
        &db,
        c,
        Some(adamsdown),
        30,
        &equality(Some("25_34"), Some("female"), Some("white_british"), Some("no_skills")),
        None,
    )
    .await;
    respond(
        &db,
        c,
        Some(adamsdown),
        12,
        &equality(Some("15_24"), Some("male"), Some("asian_bangladeshi"), Some("speaks")),
        None,
    )
    .await;
    respond(
        &db,
        c,
        Some(butetown),
        15,
        &equality(Some("35_44"), Some("female"), Some("black_african"), Some("some_skills")),
        None,
    )
    .await;
    respond(&db, c, Some(butetown), 4, &equality(None, Some("prefer_not_to_say"), None, None), None).await;
    respond(&db, c, Some(cathays), 3, &EqualityRow::default(), None).await;
    respond(
        &db,
        c,
        Some(splott),
        10,
        &equality(Some("45_54"), Some("male"), Some("white_other"), Some("no_skills")),
        None,
    )
    .await;
    // A possible duplicate is left out of reach.
    respond(&db, c, Some(adamsdown), 1, &equality(Some("25_34"), Some("female"), None, None), Some(first))
        .await;
    // Special-category data is stored apart, as given.
    let stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM survey_equality WHERE ethnic_group = 'black_african'")
            .fetch_one(db.reader())
            .await
            .unwrap();
    assert_eq!(stored, 15);

    let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
    let path = format!("/staff/engagement/{}/reach", c.0);

    // Nothing imported: counted, never compared, and said so.
    let (status, body) = page(&app, &path, &lead).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("No population figures imported"), "{body}");
    assert!(body.contains("Respondents: 74."), "the duplicate is left out");
    assert!(!body.contains("28,622") && !body.contains("Representativeness score:"));

    // Only the local authority's tables: compared with Cardiff as a whole, said so.
    server::cli::import_population(&db, &AUTHORITY_FILES.map(fixture)).await.unwrap();
    let (_, body) = page(&app, &path, &lead).await;
    assert!(body.contains("Only local-authority figures are imported"), "{body}");
    assert!(body.contains("185,400"), "Cardiff's women");

    // The wards' tables: compared ward by ward.
    server::cli::import_population(&db, &WARD_FILES.map(fixture)).await.unwrap();
    let (_, body) = page(&app, &path, &lead).await;
    assert!(!body.contains("No population figures imported"));
    assert!(body.contains("Compared with the Census 2021 figures of the campaign"));
    // Sex: 45 women of 28,622 (1.6 per 1,000), 22 men of 28,578 (0.8): score 0.49; men
    // under-represented (0.66 of everyone's rate), women not (1.34).
    for expected in [
        "28,622",
        "28,578",
        "<td>45</td>",
        "<td>22</td>",
        "<td>1.6</td>",
        "<td>0.8</td>",
        "0.49",
        "<td>0.66</td>",
        "<td>1.34</td>",
    ] {
        assert!(body.contains(expected), "{expected} missing");
    }
    assert!(body.contains("<li><strong>Sex</strong>: Male</li>"), "men are named under-represented");
    // Prefer not to say (4) and not answered (3) are both small: "fewer than 10", total shown.
    assert!(body.contains("fewer than 10"));
    assert!(!body.contains("<td>4</td>") && !body.contains("<td>3</td>"));
    // Neighbourhoods: Adamsdown 42 of 10,600 (4.0 per 1,000), Butetown 19 (1.4); Cathays's 3
    // is small and would be given away by the total, so the next smallest, Splott's 10, is
    // hidden too, with its rate.
    let section = &body
        [body.find("id=\"reach-neighbourhoods\"").unwrap()..body.find("id=\"reach-campaigns\"").unwrap()];
    for expected in
        ["10,600", "<td>42</td>", "<td>4.0</td>", "<td>19</td>", "<td>1.4</td>", "<td>74</td>", "13,600"]
    {
        assert!(section.contains(expected), "{expected} missing: {section}");
    }
    assert_eq!(section.matches("fewer than 10").count(), 2, "{section}");
    assert!(!section.contains("<td>10</td>") && !section.contains("<td>0.7</td>"), "secondary suppression");
    // Ethnic groups in their five, and scores "at most" where the lowest group is small.
    assert!(body.contains("Black, Black British, Black Welsh, Caribbean or African"));
    assert!(body.contains("at most 0."));
    assert!(body.contains("Does not speak Welsh"));
    // Tables are accessible.
    assert!(body.contains("<caption") && body.contains("scope=\"col\"") && body.contains("scope=\"row\""));

    // The CSP's campaigns compared: a second campaign appears with a link to its reach.
    let other = campaign(&db, "second").await;
    let (_, body) = page(&app, &path, &lead).await;
    assert!(body.contains(&format!("/staff/engagement/{}/reach", other.0)));
    assert!(body.contains("aria-current=\"page\""));

    // Reading it is audited, as a read of special-category aggregates.
    let audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'engagement_reach_viewed' AND record_id = $1",
    )
    .bind(c.0.to_string())
    .fetch_one(db.reader())
    .await
    .unwrap();
    assert!(audited >= 4, "{audited}");

    // In Welsh, in Welsh only.
    let (status, body) = page(&app, &format!("/cy{path}"), &lead).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Teimlo'n ddiogel yng nghanol y ddinas") || body.contains("Teimlo&#x27;n ddiogel"));
    assert!(body.contains("llai na 10") && body.contains("Ddim yn siarad Cymraeg"));
    let text = visible_text(&body);
    for phrase in english_only_phrases() {
        assert!(!text.contains(phrase.as_str()), "the Welsh page shows English: {phrase:?}");
    }
});

both_backends!(who_may_read_reach, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let c = campaign(&db, "who-reads").await;
    respond(&db, c, None, 12, &equality(Some("25_34"), None, None, None), None).await;
    add_account(&db, "officer@swansea.example", "Swansea officer", "officer", "swansea", None).await;
    let path = format!("/staff/engagement/{}/reach", c.0);
    let people = [
        ("signed out", None, StatusCode::SEE_OTHER),
        ("officer", cookie_for(&app, "officer@demo.cymuned.cymru").await, StatusCode::OK),
        ("analyst", cookie_for(&app, "analyst@demo.cymuned.cymru").await, StatusCode::OK),
        ("engagement lead", cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await, StatusCode::OK),
        ("manager", cookie_for(&app, "csp-manager@demo.cymuned.cymru").await, StatusCode::OK),
        ("admin", cookie_for(&app, "admin@demo.cymuned.cymru").await, StatusCode::OK),
        ("partner", cookie_for(&app, "partner@demo.cymuned.cymru").await, StatusCode::FORBIDDEN),
        ("another CSP's officer", cookie_for(&app, "officer@swansea.example").await, StatusCode::NOT_FOUND),
    ];
    for (who, cookie, expected) in &people {
        let (status, body) = page(&app, &path, cookie).await;
        assert_eq!(status, *expected, "{who}");
        assert_eq!(body.contains("Respondents: 12."), status == StatusCode::OK, "{who}");
    }
    // No such campaign, or not a number: not found.
    let lead = cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await;
    assert_eq!(page(&app, "/staff/engagement/999999/reach", &lead).await.0, StatusCode::NOT_FOUND);
    assert_eq!(page(&app, "/staff/engagement/x/reach", &lead).await.0, StatusCode::NOT_FOUND);
    // Only the readers' views were audited.
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'engagement_reach_viewed'")
            .fetch_one(db.reader())
            .await
            .unwrap();
    assert_eq!(audited, 5);
});
