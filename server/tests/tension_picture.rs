//! The tension picture over HTTP, on SQLite and on PostgreSQL (issue 15, part 4): the map's SVG
//! carries a pattern, a number and a title per neighbourhood and the table under it says the
//! same; a level-3 assessment shows on the map, the table, the neighbourhood's timeline, the
//! weekly summary and the tasking agenda; a stored signal shows in words (with the caveat) on
//! the timeline, the table and the summary; a CTLP-relevant event is "Restricted event" on an
//! officer's summary with nothing of it in the page source, and absent from their timeline;
//! overdue reviews and actions are listed; a week that is not a date is refused as typed; the
//! pages in Welsh are in Welsh; the summary read is audited.

mod common;

use app::{
    db::{
        self,
        tension_signals::{store_run, NewSignal, WeekRun},
        Db,
    },
    tension::weeks,
};
use axum::Router;
use common::{
    engagement::{cookie_for, encode, post, scalar, DAY},
    http::{hub, page},
    no_english, visible_text,
};
use http::StatusCode;

fn day(offset: i64) -> String {
    let now = db::now();
    app::time::iso_date(now - now.rem_euclid(DAY) + offset * DAY)
}

/// Cardiff's neighbourhoods with wards, by English name: (id, public slug, name).
async fn cardiff_neighbourhoods(db: &Db) -> Vec<(i64, String, String)> {
    sqlx::query_as(
        "SELECT n.id, n.public_slug, n.name_en FROM neighbourhoods n JOIN csps c ON c.id = n.csp_id \
         WHERE c.slug = 'cardiff' AND EXISTS (SELECT 1 FROM wards w WHERE w.neighbourhood_id = n.id) ORDER BY n.name_en",
    )
    .fetch_all(db.reader())
    .await
    .unwrap()
}

async fn assess(app: &Router, cookie: &Option<String>, slug: &str, level: u8, narrative: &str, owner: &str) {
    let body = format!(
        "lang=en&version=0&level={level}&narrative={}&owner={}&review_on={}\
         &kind=graffiti_leaflets&tag=evidenced&note={}&source=police%20briefing&source_grade=2&intelligence=B&handling=P&conditions=&media=no&items=",
        encode(narrative),
        encode(owner),
        day(3),
        encode("Leaflets on cars")
    );
    let (_, location) = post(app, &format!("/staff/tension/{slug}/assess"), cookie, &body).await;
    assert!(location.contains("done=saved"), "{slug}: {location}");
}

fn event_form(title: &str, neighbourhood: i64, ctlp: bool) -> String {
    format!(
        "lang=en&csp=cardiff&version=&kind=march&title={}&starts_on={}&ends_on={}&place={}&neighbourhood={neighbourhood}\
         &risks={}&mitigations={}&owner={}&next_review_on={}&status=planned&risk_level=medium{}",
        encode(title),
        day(5),
        day(6),
        encode("From the castle to the civic centre"),
        encode(if ctlp { "Counter-protest expected near the station" } else { "Crowds at the harbour" }),
        encode(if ctlp { "Reassurance patrols agreed" } else { "Stewards on the route" }),
        encode("Cohesion coordinator"),
        day(2),
        if ctlp { "&ctlp=yes" } else { "" }
    )
}

/// The map's areas: (slug, level, name, level label).
fn areas(body: &str) -> Vec<(String, String, String, String)> {
    body.split("<g class=\"tension-area\" ")
        .skip(1)
        .map(|chunk| {
            let attr = |name: &str| {
                let start = chunk.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                chunk[start..start + chunk[start..].find('"').unwrap()].to_string()
            };
            let between = |open: &str, close: &str| {
                let start = chunk.find(open).unwrap() + open.len();
                chunk[start..start + chunk[start..].find(close).unwrap()].to_string()
            };
            (
                attr("data-slug"),
                attr("data-level"),
                between("<title>", "</title>"),
                between("<desc>", "</desc>"),
            )
        })
        .collect()
}

/// The table row (its text) linking to `slug`.
fn row_of(body: &str, slug: &str) -> String {
    let table = &body[body.find("<table").unwrap()..];
    let row = table
        .split("<tr")
        .find(|r| r.contains(&format!("/staff/tension/{slug}\"")))
        .unwrap_or_else(|| panic!("no row for {slug}"));
    visible_text(&format!("<tr{}", &row[..row.find("</tr>").unwrap_or(row.len())]))
}

both_backends!(the_picture_map_timeline_summary_and_agenda, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    let manager = cookie_for(&app, "csp-manager@demo.cymuned.cymru").await;
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let analyst = cookie_for(&app, "analyst@demo.cymuned.cymru").await;
    let neighbourhoods = cardiff_neighbourhoods(&db).await;
    assert!(neighbourhoods.len() >= 3);
    let (a_id, a_slug, a_name) = neighbourhoods[0].clone();
    let (_, b_slug, b_name) = neighbourhoods[1].clone();

    // Before anything: every neighbourhood on the map, none assessed.
    let (status, body) = page(&app, "/staff/tension?csp=cardiff", &officer).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("role=\"img\" aria-labelledby=\"tension-map-title tension-map-desc\""));
    let before = areas(&body);
    assert_eq!(before.len(), neighbourhoods.len(), "one area per neighbourhood");
    assert!(before.iter().all(|(_, level, _, desc)| level == "none" && desc == "Not assessed yet"));

    // A level 3 in A, a level 2 in B whose review is then overdue, an overdue action in A.
    assess(&app, &officer, &a_slug, 3, "Leaflets and rumours after the vigil", "Inspector Price").await;
    assess(&app, &officer, &b_slug, 2, "Graffiti on the footbridge", "Sergeant Evans").await;
    sqlx::query(
        "UPDATE tension_assessments SET review_on = $1 WHERE neighbourhood_id = (SELECT id FROM neighbourhoods WHERE public_slug = $2)",
    )
    .bind(db::now() - 5 * DAY)
    .bind(&b_slug)
    .execute(db.writer())
    .await
    .unwrap();
    let (_, location) = post(
        &app,
        &format!("/staff/tension/{a_slug}/actions"),
        &officer,
        &format!(
            "lang=en&title=Myth-busting%20leaflet%20drop&kind=myth_busting&owner=PCSO%20Jones&due_on={}",
            day(-3)
        ),
    )
    .await;
    assert!(location.contains("done=action_added"), "{location}");

    // Two signals, stored as the weekly job stores them: the partnership's and A's cluster's.
    let csp: i64 = scalar(&db, "SELECT id FROM csps WHERE slug = 'cardiff'").await;
    let now = db::now();
    let signal =
        |series: &str, counted: &str, centre: Option<i64>, four_weeks: bool, observed: i64| NewSignal {
            series: series.into(),
            counted: counted.into(),
            neighbourhood_id: centre,
            four_weeks,
            method: "farrington",
            history_weeks: 200,
            observed,
            usual: 1.2,
            upper_bound: 4.0,
            p_value: 0.000_8,
            threshold: 0.001,
        };
    let run = WeekRun {
        csp_id: csp,
        week_start: weeks::stored(weeks::last_complete_week(now)),
        tests: 40,
        budget: 1.0 / 52.0,
        signals: vec![
            signal("reports_hate:partnership:week", "reports_hate", None, false, 7),
            signal(
                &format!("intelligence_tension:cluster:{a_id}:four_weeks"),
                "intelligence_tension",
                Some(a_id),
                true,
                9,
            ),
        ],
    };
    assert_eq!(store_run(&db, &run, now).await.unwrap().len(), 2);
    let hate_words = "7 hate incident reports in ";
    let cluster_words = format!("9 tension-tagged intelligence items in {a_name} and the neighbourhoods bordering it in the last 4 weeks");
    let caveat = "Reports also reflect how willing people are to report";

    // Events on A: one open, one restricted to the Counter-Terrorism Local Profile.
    for (title, ctlp) in [("Harbour march", false), ("Kestrel vigil", true)] {
        let (_, location) =
            post(&app, "/staff/tension/events", &manager, &event_form(title, a_id, ctlp)).await;
        assert!(location.contains("done=recorded"), "{location}");
    }
    let secrets = ["Kestrel vigil", "Counter-protest expected", "Reassurance patrols agreed"];

    // The map and its table say the same.
    let (_, body) = page(&app, "/staff/tension?csp=cardiff", &officer).await;
    let map = areas(&body);
    assert_eq!(map.len(), neighbourhoods.len());
    for (slug, level, name, desc) in &map {
        let row = row_of(&body, slug);
        assert!(row.contains(name.replace("&amp;", "&").as_str()), "{slug}: {row}");
        assert!(row.contains(desc.as_str()), "{slug}: the table says {row}, the map {desc}");
        assert!(body.contains(&format!("url(#tension-pattern-{level})")), "{slug}: its pattern");
    }
    let a = map.iter().find(|(s, ..)| *s == a_slug).unwrap();
    assert_eq!((a.1.as_str(), a.3.as_str()), ("3", "3 High"));
    assert!(row_of(&body, &a_slug).contains(&cluster_words), "A's latest signal in words");
    assert!(row_of(&body, &a_slug).contains(caveat));
    assert!(row_of(&body, &b_slug).contains("2 Medium") && row_of(&body, &b_slug).contains("Overdue"));
    assert!(
        row_of(&body, &b_slug).contains("Week beginning"),
        "B's latest signal: the partnership's at least"
    );
    assert!(body.contains("3 High") && body.contains("tension-legend") && body.contains("Not assessed yet"));

    // A's timeline: the events (upcoming, newest first), then the level change, then the signals.
    let (status, body) = page(&app, &format!("/staff/tension/{a_slug}"), &manager).await;
    assert_eq!(status, StatusCode::OK);
    let text = visible_text(&body);
    let timeline = &text[text.find("Timeline").unwrap()..];
    let at =
        |what: &str| timeline.find(what).unwrap_or_else(|| panic!("{what} not on the timeline: {timeline}"));
    assert!(at("Kestrel vigil") < at("Level set:") && at("Harbour march") < at("Level set:"));
    assert!(at("Level set:") < at(&cluster_words) && at("Level set:") < at(hate_words));
    assert!(timeline.contains(caveat) && timeline.contains("3 High"));
    // The officer's: the restricted event is not there at all (its neighbourhood is detail).
    let (_, body) = page(&app, &format!("/staff/tension/{a_slug}"), &officer).await;
    assert!(body.contains("Harbour march"));
    for secret in secrets {
        assert!(!body.contains(secret), "{secret} in the officer's timeline");
    }

    // The weekly summary, as the officer prints it.
    let (status, body) = page(&app, "/staff/tension/summary?csp=cardiff", &officer).await;
    assert_eq!(status, StatusCode::OK);
    let csp_name: String = sqlx::query_scalar("SELECT name_en FROM csps WHERE slug = 'cardiff'")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let text = visible_text(&body);
    assert!(text.contains(&format!("{csp_name} weekly community tension summary, week beginning")), "{text}");
    for shown in [
        a_name.as_str(),
        "3 High",
        "Leaflets and rumours after the vigil",
        "Inspector Price",
        b_name.as_str(),
        "2 Medium",
        hate_words,
        cluster_words.as_str(),
        caveat,
        "Harbour march",
        "Restricted event",
        "Myth-busting leaflet drop",
        "review was due on",
    ] {
        assert!(text.contains(shown), "{shown} not on the summary: {text}");
    }
    for secret in secrets {
        assert!(!body.contains(secret), "{secret} in the officer's summary source");
    }
    let raised = &text[text.find("Neighbourhoods at level 2 or above").unwrap()
        ..text.find("New signals this week").unwrap()];
    assert!(raised.find(&a_name).unwrap() < raised.find(&b_name).unwrap(), "highest level first");
    let overdue = &text[text.find("Overdue reviews").unwrap()..];
    assert!(overdue.contains(&b_name) && overdue.contains("Myth-busting leaflet drop"));
    // The analyst may see the CTLP: the event in full.
    let (_, body) = page(&app, "/staff/tension/summary?csp=cardiff", &analyst).await;
    assert!(body.contains("Kestrel vigil") && !body.contains("Restricted event"));
    // Another week: last week's summary has no new signals (they were raised this week).
    let last_monday = weeks::last_complete_week(now).format("%Y-%m-%d").to_string();
    let (_, body) =
        page(&app, &format!("/staff/tension/summary?csp=cardiff&week={last_monday}"), &officer).await;
    assert!(body.contains("No new signals this week.") && !body.contains(hate_words));
    // A week that is not a date comes back as typed, saying why.
    let (status, body) = page(&app, "/staff/tension/summary?csp=cardiff&week=next%20tuesday", &officer).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("is not a date") && body.contains("value=\"next tuesday\""));
    assert!(
        scalar(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'tension_viewed' AND record_type = 'tension_summary'").await >= 4
    );

    // On the tasking agenda, with a link to the summary of the meeting's week.
    let (status, body) = page(&app, "/staff/tasking?csp=cardiff", &analyst).await;
    assert_eq!(status, StatusCode::OK);
    let text = visible_text(&body);
    let section = &text[text.find("Community tension").expect("the agenda's tension section")..];
    for shown in [
        "2 neighbourhoods at level 2 or above.",
        "Highest: 3 High.",
        "2 new signals this week.",
        "2 events in the next fortnight.",
        "Overdue: 1 reviews, 1 de-escalation actions.",
    ] {
        assert!(section.contains(shown), "{shown} not on the agenda: {section}");
    }
    let this_monday = weeks::week_of(now).format("%Y-%m-%d").to_string();
    assert!(body.contains(&format!("/staff/tension/summary?csp=cardiff&amp;week={this_monday}")), "the link");

    // In Welsh.
    let (_, body) = page(&app, "/cy/staff/tension/summary?csp=cardiff", &officer).await;
    let text = visible_text(&body);
    assert!(text.contains("Crynodeb wythnosol o densiwn cymunedol"), "{text}");
    assert!(text.contains("yn y 4 wythnos diwethaf") && text.contains("pa mor barod yw pobl"), "{text}");
    no_english("the Welsh summary", &body);
    let (_, body) = page(&app, "/cy/staff/tension?csp=cardiff", &officer).await;
    assert!(body.contains("Map tensiwn") && body.contains("Arwydd diweddaraf"));
    no_english("the Welsh tension map", &body);
    let (_, body) = page(&app, &format!("/cy/staff/tension/{a_slug}"), &officer).await;
    assert!(body.contains("Llinell amser") && body.contains("Lefel wedi"));
    no_english("the Welsh timeline", &body);
    let (_, body) = page(&app, "/cy/staff/tasking?csp=cardiff", &analyst).await;
    assert!(
        body.contains("Tensiwn cymunedol")
            && body.contains("Crynodeb wythnosol o densiwn cymunedol, wythnos yn dechrau")
    );
});
