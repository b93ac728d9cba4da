//! A neighbourhood's public page over HTTP, on SQLite and on PostgreSQL (issue 14): its parts in
//! English and in Welsh (no English left on the Welsh page), the report counts (a sensitive
//! family never on its own row, a small count "fewer than 10" that no total gives away, the
//! partnership's own threshold), unknown addresses a 404 in both languages, public addresses
//! unique across Wales, the links to it (partnership page, place search, tracking page), and the
//! partnership's public contact set by a manager only.

mod common;

use app::{
    db::{self, engagement::NewCampaign, Db},
    engagement::{priorities::Period, Channel, ResponsePolicy, SurveyKind},
    reference::Names,
    reporting::{generate::SyntheticReport, ReportStatus},
    staff::accounts::sha256_hex,
};
use axum::{body::Body, Router};
use common::http::{form, hub, page, send, with_cookie};
use common::{english_only_messages, no_english};
use http::{header, StatusCode};

const DAY: i64 = 86_400;

async fn post(app: &Router, path: &str, cookie: &Option<String>, body: &str) -> (StatusCode, String) {
    let (status, headers, _) =
        send(app, with_cookie(form(path), cookie).body(Body::from(body.to_string())).unwrap()).await;
    (status, headers.get(header::LOCATION).map(|l| l.to_str().unwrap().to_string()).unwrap_or_default())
}

/// A Cardiff neighbourhood: its CSP, id, public slug, English name and one ward's code and name.
struct Place {
    csp: i64,
    id: i64,
    slug: String,
    name: String,
    ward: String,
    ward_name: String,
}

async fn place(db: &Db) -> Place {
    let csp: i64 = sqlx::query_scalar("SELECT id FROM csps WHERE slug = 'cardiff'")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let (id, slug, name): (i64, String, String) = sqlx::query_as(
        "SELECT id, public_slug, name_en FROM neighbourhoods WHERE csp_id = $1 ORDER BY name_en LIMIT 1",
    )
    .bind(csp)
    .fetch_one(db.reader())
    .await
    .unwrap();
    let (ward, ward_name): (String, String) =
        sqlx::query_as("SELECT code, name_en FROM wards WHERE neighbourhood_id = $1 ORDER BY code LIMIT 1")
            .bind(id)
            .fetch_one(db.reader())
            .await
            .unwrap();
    Place { csp, id, slug, name, ward, ward_name }
}

/// Stores `n` reports of a category in the place at a time; `token` gives the first a
/// tracking link.
async fn reports(db: &Db, p: &Place, code: &str, n: usize, at: i64, token: Option<&str>) {
    let (category, sensitive): (i64, i64) =
        sqlx::query_as("SELECT id, sensitive FROM report_categories WHERE csp_id = $1 AND code = $2")
            .bind(p.csp)
            .bind(code)
            .fetch_one(db.reader())
            .await
            .unwrap();
    let list: Vec<SyntheticReport> = (0..n)
        .map(|i| SyntheticReport {
            tracking_hash: match (i, token) {
                (0, Some(t)) => sha256_hex(t),
                _ => sha256_hex(&uuid::Uuid::new_v4().to_string()),
            },
            csp_id: p.csp,
            category_id: category,
            ward_code: p.ward.clone(),
            neighbourhood_id: p.id,
            point: Some((51.48, -3.17)),
            location_text: "Outside number 12, the secret lane".into(),
            ongoing: false,
            description: "A private description a resident wrote".into(),
            asb_qualifier: None,
            hate_strands: None,
            language: "en",
            sensitive: sensitive == 1,
            status: ReportStatus::Open,
            created_at: at,
            acknowledged_at: None,
        })
        .collect();
    db::reporting::insert_synthetic(db, &list).await.unwrap();
}

/// A cell as read: a number, or hidden ("fewer than N").
type Cell = Option<i64>;

/// The counts table: each row's name and its cells (the last is the row's total); the footer
/// row ("All reports") comes last.
fn counts_table(html: &str) -> Vec<(String, Vec<Cell>)> {
    let start = html.find("<table class=\"counts\"").expect("the counts table");
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    let body = &table[table.find("<tbody").unwrap()..];
    let text = |s: &str| -> String {
        let mut out = String::new();
        let mut inside = false;
        for c in s.chars() {
            match c {
                '<' => inside = true,
                '>' => inside = false,
                c if !inside => out.push(c),
                _ => {}
            }
        }
        out.trim().to_string()
    };
    body.split("<tr")
        .skip(1)
        .map(|row| {
            let name = text(&row[row.find("<th").unwrap()..row.find("</th>").unwrap()]);
            let cells = row
                .split("<td")
                .skip(1)
                .map(|c| {
                    let t = text(&format!("<td{}", &c[..c.find("</td>").unwrap()]));
                    match t.replace(',', "").parse::<i64>() {
                        Ok(n) => Some(n),
                        Err(_) => {
                            assert!(t.starts_with("fewer than") || t.starts_with("llai na"), "cell {t:?}");
                            None
                        }
                    }
                })
                .collect();
            (name, cells)
        })
        .collect()
}

/// No hidden cell can be worked out: in each row and column whose total is shown, none or at
/// least two are hidden; shown lines with nothing hidden add up.
fn assert_safe(table: &[(String, Vec<Cell>)]) {
    let grid: Vec<&Vec<Cell>> = table.iter().map(|(_, c)| c).collect();
    let columns = grid[0].len();
    for (name, cells) in table {
        assert_eq!(cells.len(), columns, "{name}");
        if cells[columns - 1].is_some() {
            let hidden = cells[..columns - 1].iter().filter(|c| c.is_none()).count();
            assert_ne!(hidden, 1, "row {name} gives away its hidden cell: {cells:?}");
            if hidden == 0 {
                let sum: i64 = cells[..columns - 1].iter().map(|c| c.unwrap()).sum();
                assert_eq!(Some(sum), cells[columns - 1], "{name}");
            }
        }
    }
    let rows = grid.len();
    for c in 0..columns {
        if grid[rows - 1][c].is_some() {
            let hidden = grid[..rows - 1].iter().filter(|r| r[c].is_none()).count();
            assert_ne!(hidden, 1, "column {c} gives away its hidden cell: {table:?}");
        }
    }
}

fn row<'a>(table: &'a [(String, Vec<Cell>)], name: &str) -> &'a Vec<Cell> {
    &table.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no row {name}: {table:?}")).1
}

/// A Cardiff campaign in the place, open now with a published survey.
async fn open_campaign(db: &Db, p: &Place, slug: &str) {
    let lead = db::staff::user_id_by_email(db, "engagement-lead@demo.cymuned.cymru").await.unwrap().unwrap();
    let now = db::now();
    let id = db::engagement::create_campaign(
        db,
        NewCampaign {
            csp_id: p.csp,
            slug,
            title: &Names::new("Feeling safe at night", "Teimlo'n ddiogel gyda'r nos"),
            purpose: &Names::new("Tell us.", "Dywedwch wrthym."),
            whole_csp: false,
            neighbourhoods: &[p.id],
            channels: &[Channel::OnlineSurvey],
            starts_on: now - DAY,
            ends_on: now + 30 * DAY,
            owner_user_id: lead,
            response_policy: ResponsePolicy::Open,
            results_due_on: None,
        },
    )
    .await
    .unwrap();
    let json = serde_json::to_string(&app::engagement::survey::Survey::default()).unwrap();
    let survey = db::engagement::create_survey(db, id, SurveyKind::Custom, &json).await.unwrap();
    db::engagement::publish_survey(db, survey, &json, lead).await.unwrap();
}

async fn set_priority(db: &Db, p: &Place) {
    let lead = db::staff::user_id_by_email(db, "engagement-lead@demo.cymuned.cymru").await.unwrap().unwrap();
    let text = app::engagement::priorities::check_priority(
        "Speeding on the main road",
        "Goryrru ar y brif ffordd",
        "Residents said so at the street briefing",
    )
    .unwrap();
    let set = db::priorities::set_priority(
        db,
        &db::priorities::NewPriority {
            csp_id: p.csp,
            neighbourhood_id: p.id,
            period: Period::of(db::now()),
            text: &text,
            profiles: &[],
            actions: &[],
            created_by: lead,
        },
    )
    .await
    .unwrap();
    assert!(set.is_some());
}

both_backends!(the_page_shows_its_parts_in_both_languages, |db: Db, url: String| async move {
    let p = place(&db).await;
    // The hub first: it gives the partnership its categories.
    let app = hub(db.clone(), &url).await;
    let (months, _) = app::neighbourhoods::last_months(db::now());
    let this_month = months[11].starts + 60;
    reports(&db, &p, "asb-noise", 25, this_month, None).await;
    reports(&db, &p, "fly-tipping", 12, this_month, None).await;
    // Older than twelve months: not counted.
    reports(&db, &p, "asb-noise", 30, months[0].starts - DAY, None).await;
    open_campaign(&db, &p, "feeling-safe-at-night").await;
    set_priority(&db, &p).await;

    let (status, body) = page(&app, &format!("/neighbourhoods/{}", p.slug), &None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(texts(&body, "h1"), vec![p.name.clone()], "its name");
    assert!(body.contains("<svg") && body.contains("Map of "), "its outline, titled");
    assert!(!body.contains(".wasm") && !body.contains("leaflet"), "no script or map tiles needed");
    assert!(body.contains("Who to contact") && body.contains("href=\"/partnerships/cardiff\""));
    assert!(body.contains("Speeding on the main road") && body.contains("not reviewed yet"), "priority");
    assert!(body.contains("href=\"/have-your-say/feeling-safe-at-night\""), "open campaign");
    assert!(body.contains("Feeling safe at night"));
    assert!(body.contains("<caption id=\"counts-caption\">Reports by kind of concern and month"));
    let table = counts_table(&body);
    assert_eq!(row(&table, "Anti-social behaviour")[11], Some(25));
    assert_eq!(row(&table, "Anti-social behaviour")[12], Some(25), "the older reports are not counted");
    assert_eq!(row(&table, "Environmental problems")[11], Some(12));
    assert_eq!(row(&table, "All reports")[11], Some(37));
    assert_safe(&table);
    // No personal data: neither a report's words nor its place.
    assert!(!body.contains("secret lane") && !body.contains("private description"));
    assert!(!body.contains("51.48"));

    let (status, body) = page(&app, &format!("/cy/neighbourhoods/{}", p.slug), &None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("Blaenoriaethau'r gymdogaeth") || body.contains("Blaenoriaethau&#x27;r gymdogaeth")
    );
    assert!(body.contains("Goryrru ar y brif ffordd"));
    assert!(body.contains("href=\"/cy/have-your-say/feeling-safe-at-night\""));
    assert!(body.contains("href=\"/cy/partnerships/cardiff\""));
    assert!(body.contains("llai na 10"));
    assert!(english_only_messages().contains_key("nbhd-counts-heading"), "the page's messages are read");
    no_english("the Welsh neighbourhood page", &body);
});

both_backends!(sensitive_reports_never_have_a_row_of_their_own, |db: Db, url: String| async move {
    let p = place(&db).await;
    // The hub first: it gives the partnership its categories.
    let app = hub(db.clone(), &url).await;
    let (months, _) = app::neighbourhoods::last_months(db::now());
    let at = months[11].starts + 60;
    reports(&db, &p, "hate", 40, at, None).await;
    reports(&db, &p, "domestic-abuse", 17, months[10].starts + 60, None).await;
    reports(&db, &p, "sexual-violence", 12, months[9].starts + 60, None).await;
    reports(&db, &p, "other", 3, at, None).await;
    reports(&db, &p, "asb-noise", 20, at, None).await;
    for (path, other, hate, abuse) in [
        (format!("/neighbourhoods/{}", p.slug), "Other concerns", "Hate", "Abuse"),
        (format!("/cy/neighbourhoods/{}", p.slug), "Pryderon eraill", "casineb", "Cam-drin"),
    ] {
        let (status, body) = page(&app, &path, &None).await;
        assert_eq!(status, StatusCode::OK);
        let table = counts_table(&body);
        for (name, _) in &table {
            assert!(!name.contains(hate) && !name.contains(abuse), "{path}: a sensitive row {name}");
        }
        // Only ever inside "other concerns" and the totals.
        let others = row(&table, other);
        assert_eq!(others[11], Some(43), "hate 40 with 3 others");
        assert_eq!(others[10], Some(17));
        assert_eq!(others[9], Some(12));
        assert_eq!(others[12], Some(72));
        // No cell anywhere is a sensitive count on its own beside a row of its kind.
        assert!(!table.iter().any(|(_, cells)| cells[11] == Some(40)), "{path}: {table:?}");
        assert_safe(&table);
    }
});

both_backends!(
    a_small_count_is_fewer_than_the_threshold_and_no_total_gives_it_away,
    |db: Db, url: String| async move {
        let p = place(&db).await;
        // The hub first: it gives the partnership its categories.
        let app = hub(db.clone(), &url).await;
        let (months, _) = app::neighbourhoods::last_months(db::now());
        // Drugs: 15 a month for eleven months, then 3: the 3 is the only small cell in its row.
        for m in &months[..11] {
            reports(&db, &p, "drugs", 15, m.starts + 3_600, None).await;
        }
        reports(&db, &p, "drugs", 3, months[11].starts + 60, None).await;
        reports(&db, &p, "asb-noise", 25, months[11].starts + 60, None).await;
        let (_, body) = page(&app, &format!("/neighbourhoods/{}", p.slug), &None).await;
        let table = counts_table(&body);
        let drugs = row(&table, "Drugs");
        assert_eq!(drugs[11], None, "3 is fewer than 10: {drugs:?}");
        assert!(body.contains("fewer than 10"));
        // Another cell of the row (or its total) is hidden too, so 168 - 11 x 15 cannot be done.
        assert!(drugs[12].is_none() || drugs[..12].iter().filter(|c| c.is_none()).count() >= 2, "{drugs:?}");
        assert!(!table.iter().any(|(_, cells)| cells.contains(&Some(3))), "{table:?}");
        assert_safe(&table);

        // The partnership's own threshold.
        sqlx::query("INSERT INTO csp_settings (csp_id, suppression_threshold) VALUES ($1, 20) ON CONFLICT (csp_id) DO UPDATE SET suppression_threshold = 20")
        .bind(p.csp)
        .execute(db.writer())
        .await
        .unwrap();
        let (_, body) = page(&app, &format!("/neighbourhoods/{}", p.slug), &None).await;
        let table = counts_table(&body);
        assert!(body.contains("fewer than 20"));
        assert!(row(&table, "Drugs")[..11].iter().all(|c| c.is_none()), "15 is fewer than 20");
        assert_eq!(row(&table, "Anti-social behaviour")[11], Some(25));
        assert_safe(&table);
    }
);

both_backends!(unknown_addresses_are_a_404_in_both_languages, |db: Db, url: String| async move {
    let p = place(&db).await;
    // The hub first: it gives the partnership its categories.
    let app = hub(db.clone(), &url).await;
    let (status, body) = page(&app, "/neighbourhoods/nowhere-at-all", &None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Page not found"), "{body}");
    let (status, body) = page(&app, "/cy/neighbourhoods/nowhere-at-all", &None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    no_english("the Welsh 404", &body);
    // A neighbourhood's slug within its CSP is not its public address.
    let own: String = sqlx::query_scalar("SELECT slug FROM neighbourhoods WHERE id = $1")
        .bind(p.id)
        .fetch_one(db.reader())
        .await
        .unwrap();
    let (status, _) = page(&app, &format!("/neighbourhoods/{own}"), &None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
});

both_backends!(public_addresses_are_unique_across_wales, |db: Db, url: String| async move {
    let (all, distinct, set): (i64, i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(DISTINCT public_slug), COUNT(public_slug) FROM neighbourhoods",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
    assert_eq!((distinct, set), (all, all));
    // Ward names recur across Wales ("Castle" in Swansea and elsewhere): one page each.
    let repeated: Vec<(String, String)> = sqlx::query_as(
        "SELECT n.public_slug, n.name_en FROM neighbourhoods n WHERE n.slug IN \
         (SELECT slug FROM neighbourhoods GROUP BY slug HAVING COUNT(*) > 1) ORDER BY n.slug, n.public_slug LIMIT 2",
    )
    .fetch_all(db.reader())
    .await
    .unwrap();
    assert_eq!(repeated.len(), 2);
    assert_ne!(repeated[0].0, repeated[1].0);
    let app = hub(db.clone(), &url).await;
    let mut bodies = Vec::new();
    for (slug, name) in &repeated {
        let (status, body) = page(&app, &format!("/neighbourhoods/{slug}"), &None).await;
        assert_eq!(status, StatusCode::OK, "{slug}");
        assert_eq!(texts(&body, "h1"), vec![name.clone()]);
        bodies.push(body);
    }
    assert_ne!(bodies[0], bodies[1], "two neighbourhoods, two pages");
    // A neighbourhood made later gets its own.
    let csp = db::reference::csp_by_slug(&db, "cardiff").await.unwrap().unwrap();
    let wards: Vec<String> = db::reference::neighbourhoods(&db, csp.id).await.unwrap()[..2]
        .iter()
        .map(|n| n.wards[0].code.clone())
        .collect();
    db::reference::group_wards(
        &db,
        csp.id,
        "city-centre-east",
        &Names::new("City Centre East", "Canol y Ddinas Dwyrain"),
        &wards,
    )
    .await
    .unwrap();
    let (status, body) = page(&app, "/neighbourhoods/cardiff-city-centre-east", &None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(texts(&body, "h1"), vec!["City Centre East".to_string()]);
});

both_backends!(
    the_partnership_page_place_search_and_tracking_page_lead_to_it,
    |db: Db, url: String| async move {
        let p = place(&db).await;
        // The hub first: it gives the partnership its categories.
        let app = hub(db.clone(), &url).await;
        reports(&db, &p, "graffiti", 1, db::now() - 60, Some("my-private-tracking-token")).await;
        let link = format!("href=\"/neighbourhoods/{}\"", p.slug);
        let cy_link = format!("href=\"/cy/neighbourhoods/{}\"", p.slug);
        let (_, body) = page(&app, "/partnerships/cardiff", &None).await;
        assert!(body.contains(&link), "the partnership page lists it");
        let (_, body) = page(&app, "/cy/partnerships/cardiff", &None).await;
        assert!(body.contains(&cy_link));
        let search: String = p
            .ward_name
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect();
        let (_, body) = page(&app, &format!("/report?place={search}"), &None).await;
        assert!(body.contains(&link), "place search leads to it");
        let (_, body) = page(&app, &format!("/cy/report?place={search}"), &None).await;
        assert!(body.contains(&cy_link));
        let (status, body) = page(&app, "/track/my-private-tracking-token", &None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            body.contains(&link) && body.contains("See what is happening in your area"),
            "the tracking page"
        );
        let (_, body) = page(&app, "/cy/track/my-private-tracking-token", &None).await;
        assert!(body.contains(&cy_link) && body.contains("Gweld beth sy"));

        // The page leads on to following the neighbourhood: by email (the subscribe form with
        // it chosen) and by its Atom feed, in the page's language.
        let local: String = sqlx::query_scalar("SELECT slug FROM neighbourhoods WHERE id = $1")
            .bind(p.id)
            .fetch_one(db.reader())
            .await
            .unwrap();
        for (prefix, words) in [("", "Follow this neighbourhood"), ("/cy", "Dilyn y gymdogaeth hon")] {
            let (_, body) = page(&app, &format!("{prefix}/neighbourhoods/{}", p.slug), &None).await;
            let subscribe = format!("{prefix}/partnerships/cardiff/subscribe?area={local}");
            let feed = format!("{prefix}/feeds/neighbourhoods/cardiff/{local}.atom");
            assert!(body.contains(words), "{prefix}: the follow section");
            assert!(
                body.contains(&format!("href=\"{}\"", subscribe.replace('&', "&amp;"))),
                "{prefix}: {subscribe}"
            );
            assert!(body.contains(&format!("href=\"{feed}\"")), "{prefix}: {feed}");
            let (status, form) = page(&app, &subscribe, &None).await;
            assert_eq!(status, StatusCode::OK);
            assert!(
                form.contains(&format!("value=\"{local}\" selected")),
                "{prefix}: the neighbourhood is chosen"
            );
            let (status, _) = page(&app, &feed, &None).await;
            assert_eq!(status, StatusCode::OK, "{prefix}: {feed}");
        }
    }
);

both_backends!(a_manager_sets_the_public_contact, |db: Db, url: String| async move {
    let p = place(&db).await;
    // The hub first: it gives the partnership its categories.
    let app = hub(db.clone(), &url).await;
    let path = format!("/neighbourhoods/{}", p.slug);
    let (_, body) = page(&app, &path, &None).await;
    assert!(body.contains("works with the police, the council and local services"), "the default words");
    let officer = Some(common::http::cookie_for(&app, "officer@demo.cymuned.cymru").await);
    let manager = Some(common::http::cookie_for(&app, "csp-manager@demo.cymuned.cymru").await);
    let contact = "lang=en&csp=cardiff&contact_en=Cardiff+Community+Safety+Team%0D%0A029+2087+2087&contact_cy=T%C3%AEm+Diogelwch+Cymunedol+Caerdydd";
    let (status, _) = post(&app, "/staff/settings/public-contact", &officer, contact).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "only managers");
    // Signed out: sent to sign in, nothing saved.
    let (_, location) = post(&app, "/staff/settings/public-contact", &None, contact).await;
    assert!(!location.contains("done=contact"), "{location}");
    let (_, body) = page(&app, &path, &None).await;
    assert!(!body.contains("Cardiff Community Safety Team"));
    let (status, location) = post(&app, "/staff/settings/public-contact", &manager, contact).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.contains("done=contact"), "{location}");
    let (_, body) = page(&app, &path, &None).await;
    let paragraphs = texts(&body, "p");
    assert!(paragraphs.contains(&"Cardiff Community Safety Team".to_string()), "{paragraphs:?}");
    assert!(paragraphs.contains(&"029 2087 2087".to_string()), "one paragraph a line");
    let (_, body) = page(&app, &format!("/cy{path}"), &None).await;
    assert!(body.contains("Tîm Diogelwch Cymunedol Caerdydd"));
    no_english("the Welsh page with a contact", &body);
    // The settings page shows it to the manager to change.
    let (_, body) = page(&app, "/staff/case-reviews?csp=cardiff", &manager).await;
    assert!(body.contains("Cardiff Community Safety Team"));
    // Too long: refused, nothing changed.
    let long = format!("lang=en&csp=cardiff&contact_en={}&contact_cy=", "a".repeat(1001));
    let (_, location) = post(&app, "/staff/settings/public-contact", &manager, &long).await;
    assert!(location.contains("error=contact_too_long"), "{location}");
    let (_, body) = page(&app, &path, &None).await;
    assert!(body.contains("Cardiff Community Safety Team"));
    // Emptied: the default words again.
    let (_, _) =
        post(&app, "/staff/settings/public-contact", &manager, "lang=en&csp=cardiff&contact_en=&contact_cy=")
            .await;
    let (_, body) = page(&app, &path, &None).await;
    assert!(body.contains("works with the police, the council and local services"));
});

/// The text of each `tag` element (tags and markers inside left out).
fn texts(html: &str, tag: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find(&format!("<{tag}")) {
        let after = &rest[open + tag.len() + 1..];
        if !after.starts_with('>') && !after.starts_with(' ') {
            rest = after;
            continue;
        }
        let close = after.find(&format!("</{tag}>")).unwrap_or(after.len());
        let inner = &after[after.find('>').map(|i| i + 1).unwrap_or(0).min(close)..close];
        let mut text = String::new();
        let mut inside = false;
        for c in inner.chars() {
            match c {
                '<' => inside = true,
                '>' => inside = false,
                c if !inside => text.push(c),
                _ => {}
            }
        }
        out.push(text.trim().replace("&#x27;", "'").replace("&amp;", "&"));
        rest = &after[close..];
    }
    out
}
