//! The demo that tells the story: a fresh demo hub is filled once (generated reports and the
//! planted Cardiff story), shows the analyst suggested problems with their reasons and the
//! officer a queue, shows the engagement lead a campaign's results, reach, coding, KIN and
//! priority (and partners its published results), says on every page that it is demo data in English and Welsh, and nothing of
//! it happens in production. Each test runs on SQLite and on PostgreSQL.

mod common;

use app::{
    db::{self, Db},
    state::AppState,
};
use common::http::{cookie_for, page};
use http::StatusCode;

const BANNER_EN: &str = "every report, person and case on this hub is made up";
const BANNER_CY: &str = "mae pob adroddiad, person ac achos ar yr hwb hwn wedi";

/// A hub as `cymuned serve` starts it, with `settings`.
async fn state(db: &Db, settings: app::config::Settings) -> AppState {
    let wards = server::startup::prepare(&settings, db).await.unwrap();
    let options = leptos::prelude::LeptosOptions::builder().output_name("cymuned").build();
    AppState::new(options, db.clone(), settings, wards)
}

async fn cardiff_reports(db: &Db) -> i64 {
    let cardiff = db::reference::csp_by_slug(db, "cardiff").await.unwrap().unwrap();
    db::reporting::report_count(db, cardiff.id).await.unwrap()
}

both_backends!(a_fresh_demo_hub_tells_the_story, |db: Db, url: String| async move {
    let mut settings = common::settings(&url);
    settings.demo_reports = 3_000;
    let state = state(&db, settings).await;
    let story = server::demo::fill_if_empty(&state).await.unwrap().expect("an empty hub is filled");
    let planted = cardiff_reports(&db).await;
    assert!(planted > 40, "background and planted reports: {planted}");
    let app = server::http::router(state.clone());

    // The analyst sees suggested problems, each with its reason.
    let analyst = Some(cookie_for(&app, "analyst@demo.cymuned.cymru").await);
    let (status, body) = page(&app, "/staff/problems?csp=cardiff", &analyst).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("More drugs reports in "), "the planted rise is suggested");
    assert!(body.contains("reports of drugs in ") && body.contains("in the last 28 days, against a usual"));
    assert!(
        body.contains("Repeated environmental reports at one place in "),
        "the planted place is suggested"
    );
    assert!(body.contains("within about 165 metres of one place"));
    assert!(body.contains(&story.closed_profile), "the profiles are listed");

    // The officer's queue holds the residents' new reports.
    let officer = Some(cookie_for(&app, "officer@demo.cymuned.cymru").await);
    let (status, body) = page(&app, "/staff/intake?status=new", &officer).await;
    assert_eq!(status, StatusCode::OK);
    for reference in &story.new_reports {
        assert!(body.contains(reference.as_str()), "{reference} waits in the queue");
    }
    // The partner sees the C item shared with the fire service.
    let partner = Some(cookie_for(&app, "partner@demo.cymuned.cymru").await);
    let (_, body) = page(&app, "/staff/intelligence", &partner).await;
    assert!(body.contains("Tyres and petrol cans stored in empty garages"), "the shared C item");
    // The resident told of the closed profile reads "you said, we did".
    let (status, body) = page(&app, &story.told_resident_page, &None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Torrwyd y tyfiant o dan y bont"), "the outcome in Welsh");
    assert!(story.case_review.starts_with("CR-"), "{}", story.case_review);

    // Engagement: the closed priorities campaign with its responses, published results, reach
    // against the census fixture, coded themes, KIN members and the priority it led to.
    let e = story.engagement.clone().expect("the engagement demo is planted");
    assert_eq!(e.responses, server::demo::RESPONSES);
    let campaign = format!("/staff/engagement/{}", e.campaign_id);
    let lead = Some(cookie_for(&app, "engagement-lead@demo.cymuned.cymru").await);
    let (status, body) = page(&app, &campaign, &lead).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains(server::demo::TITLE_EN)
            && body.contains(&format!("/have-your-say/{}", server::demo::SLUG))
    );
    let (status, body) = page(&app, &format!("{campaign}/results"), &lead).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains(&format!("Responses counted: {}", server::demo::RESPONSES)), "results");
    assert!(body.contains("Hate incident") && !body.contains("never shown outside the partnership"));
    let (_, body) = page(&app, &format!("/cy{campaign}/results"), &lead).await;
    assert!(body.contains(server::demo::TITLE_CY), "the results in Welsh");
    let (status, body) = page(&app, &format!("{campaign}/reach"), &lead).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("Representativeness score") && !body.contains("No population figures imported"));
    assert!(body.contains("Compared with the Census 2021 figures of the campaign"), "ward figures");
    let (status, body) = page(&app, "/staff/engagement/kin?csp=cardiff", &lead).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(server::demo::KIN_MEMBER), "KIN members, for the engagement lead");
    let (status, body) = page(&app, &format!("{campaign}/coding"), &analyst).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Speeding and racing") && body.contains("Drug dealing and drug litter"), "themes");
    let (status, body) = page(&app, "/staff/engagement/priorities?csp=cardiff", &lead).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(server::demo::PRIORITY_EN) && body.contains("/staff/problems/PP-"), "linked");
    let (_, body) = page(&app, "/staff/intelligence", &lead).await;
    assert!(
        body.contains("Residents at the street briefing say the cars meet"),
        "intelligence from engagement"
    );
    // The partner reads the published results, the sensitive concerns' counts hidden.
    let (_, body) = page(&app, "/staff/engagement/published", &partner).await;
    assert!(body.contains(server::demo::TITLE_EN));
    let (status, body) = page(&app, &format!("{campaign}/results"), &partner).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("never shown outside the partnership"), "the sensitive rule, said");

    // Every page says it is demo data, in the page's language.
    for (path, cookie, banner) in [
        ("/report", &None, BANNER_EN),
        ("/cy/report", &None, BANNER_CY),
        ("/staff/intake", &officer, BANNER_EN),
        ("/cy/staff/intake", &officer, BANNER_CY),
    ] {
        let (status, body) = page(&app, path, cookie).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let banner_at = body.find(banner).unwrap_or_else(|| panic!("{path} says it is demo data"));
        let before = &body[banner_at.saturating_sub(300)..banner_at];
        assert!(
            before.contains("role=\"note\"") && before.contains("<strong>Demo:"),
            "{path}: said in words, not only colour: {before}"
        );
    }

    // A second start plants nothing.
    let id = e.campaign_id;
    let responses =
        |db: Db| async move { db::results::response_count(&db, id, &Default::default()).await.unwrap() };
    assert_eq!(responses(db.clone()).await, server::demo::RESPONSES as i64);
    assert!(server::demo::fill_if_empty(&state).await.unwrap().is_none());
    assert_eq!(cardiff_reports(&db).await, planted);
    assert_eq!(responses(db.clone()).await, server::demo::RESPONSES as i64, "no second campaign");
    let cardiff = db::reference::csp_by_slug(&db, "cardiff").await.unwrap().unwrap();
    assert_eq!(db::campaigns::campaigns_of_csp(&db, cardiff.id).await.unwrap().len(), 1);
});

both_backends!(production_plants_nothing_and_shows_no_banner, |db: Db, url: String| async move {
    let mut settings = common::settings(&url);
    settings.environment = app::config::Environment::Production;
    settings.demo_reports = 100;
    let state = state(&db, settings).await;
    let err = server::demo::fill_if_empty(&state).await.expect_err("refused in production");
    assert!(err.to_string().contains("CYMUNED_ENV=production"), "{err}");
    server::startup::fill_demo(&state).await.expect_err("refused in production");
    assert_eq!(cardiff_reports(&db).await, 0);
    let app = server::http::router(state);
    for path in ["/report", "/cy/report", "/sign-in"] {
        let (status, body) = page(&app, path, &None).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(!body.contains(BANNER_EN) && !body.contains(BANNER_CY), "{path}: no demo banner");
    }
});
