//! Engagement's core records on both databases: a campaign with its survey, published versions
//! that never change, and responses stored whole or not at all.

mod common;

use app::{
    db::{
        self,
        engagement::{EqualityRow, NewCampaign, NewResponse},
        Db,
    },
    engagement::{
        survey::{Answer, Answers, Question, QuestionKind, Survey},
        Channel, ResponseChannel, ResponsePolicy, SurveyKind,
    },
    i18n::Lang,
    reference::Names,
    staff::accounts,
};
use common::engagement::{cardiff_neighbourhoods, question, YES_NO};
use std::collections::{BTreeMap, HashMap};

async fn lead(db: &Db) -> i64 {
    accounts::create_account(
        db,
        accounts::NewAccount {
            email: "lead@cardiff.gov.uk",
            display_name: "Lead",
            password: "a long enough password",
            role: "engagement_lead",
            csp_slug: "cardiff",
            organisation: None,
            language: Lang::En,
            is_demo: false,
        },
        "test",
    )
    .await
    .unwrap()
}

async fn cardiff(db: &Db) -> (i64, i64) {
    (common::engagement::cardiff(db).await, cardiff_neighbourhoods(db).await[0])
}

fn survey() -> Survey {
    Survey {
        questions: vec![Question {
            required: true,
            ..question(
                "q1",
                QuestionKind::SingleChoice,
                "Do you feel safe?",
                "Ydych chi'n teimlo'n ddiogel?",
                &YES_NO,
            )
        }],
    }
}

both_backends!(a_campaign_survey_and_response_round_trip, |db: Db, _url| async move {
    let user = lead(&db).await;
    let (csp, neighbourhood) = cardiff(&db).await;
    let id = db::engagement::create_campaign(
        &db,
        NewCampaign {
            csp_id: csp,
            slug: "feeling-safe",
            title: &Names::new("Feeling safe", "Teimlo'n ddiogel"),
            purpose: &Names::new("", ""),
            whole_csp: false,
            neighbourhoods: &[neighbourhood],
            channels: &[Channel::OnlineSurvey, Channel::StreetBriefing],
            starts_on: 1_800_000_000,
            ends_on: 1_802_000_000,
            owner_user_id: user,
            response_policy: ResponsePolicy::OnePerDevice,
            results_due_on: None,
        },
    )
    .await
    .unwrap();
    let c = db::engagement::campaign_by_slug(&db, "feeling-safe").await.unwrap().unwrap();
    assert_eq!((c.id, c.title_cy.as_str(), c.whole_csp), (id, "Teimlo'n ddiogel", 0));
    assert_eq!(
        db::engagement::campaign_channels(&db, id).await.unwrap(),
        vec![Channel::OnlineSurvey, Channel::StreetBriefing]
    );
    let wards = db::engagement::campaign_wards(&db, id).await.unwrap();
    assert!(!wards.is_empty() && wards.iter().all(|w| w.neighbourhood_id == neighbourhood));

    let draft = serde_json::to_string(&survey()).unwrap();
    let survey_id = db::engagement::create_survey(&db, id, SurveyKind::Custom, &draft).await.unwrap();
    let s = db::engagement::survey_of_campaign(&db, id).await.unwrap().unwrap();
    // A stale save is refused; a current one is kept.
    assert!(!db::engagement::save_survey_draft(&db, survey_id, s.version + 1, &draft, None, None)
        .await
        .unwrap());
    assert!(db::engagement::save_survey_draft(&db, survey_id, s.version, &draft, Some(1), Some(2))
        .await
        .unwrap());
    let v1 = db::engagement::publish_survey(&db, survey_id, &draft, user).await.unwrap();
    let v2 = db::engagement::publish_survey(&db, survey_id, &draft, user).await.unwrap();
    assert_eq!((v1.number, v2.number), (1, 2));
    assert_eq!(db::engagement::current_version(&db, survey_id).await.unwrap().unwrap().id, v2.id);

    let places: HashMap<String, i64> = HashMap::new();
    let answers =
        survey().check(&HashMap::from([("q_q1".to_string(), vec!["no".to_string()])]), &places).unwrap();
    assert_eq!(answers, Answers(BTreeMap::from([("q1".to_string(), Answer::Choice("no".into()))])));
    let equality = EqualityRow { age_band: Some("25-34".into()), ..Default::default() };
    let response = NewResponse {
        campaign_id: id,
        survey_version_id: v1.id,
        csp_id: csp,
        neighbourhood_id: Some(neighbourhood),
        channel: ResponseChannel::Online,
        language: Lang::Cy,
        entered_by: None,
        respondent_key: Some("k"),
        duplicate_of: None,
        answers: &answers.rows(),
        equality: &equality,
    };
    let r = db::engagement::store_response(&db, &response).await.unwrap();
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM survey_answers WHERE response_id = $1")
        .bind(r)
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert_eq!(stored, 1);
    let age: String = sqlx::query_scalar("SELECT age_band FROM survey_equality WHERE response_id = $1")
        .bind(r)
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert_eq!(age, "25-34");

    // Whole or not at all: an answer naming a neighbourhood that does not exist fails the
    // insert, and neither the response nor its equality row is left behind.
    let mut bad = answers.rows();
    bad[0].neighbourhood_id = Some(987_654_321);
    let broken = NewResponse { answers: &bad, ..response };
    assert!(db::engagement::store_response(&db, &broken).await.is_err());
    let responses: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM survey_responses").fetch_one(db.reader()).await.unwrap();
    let equalities: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM survey_equality").fetch_one(db.reader()).await.unwrap();
    assert_eq!((responses, equalities), (1, 1));
    assert_eq!(db::engagement::suppression_threshold(&db, csp).await.unwrap(), 10);
});
