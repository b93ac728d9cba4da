//! The demo that tells the story (demo mode only). The first start on an empty database fills the
//! hub with a year of generated reports across Wales (`demo_reports`, 60,000 by default: a few
//! thousand per partnership) and plants, in Cardiff, what each capability needs to show itself:
//!
//! - a rise of drug reports in one neighbourhood over the last three weeks, and fly-tipping at
//!   one place over the last three months (the problems page suggests both, with the reason);
//! - Welsh and English reports from residents at each step of triage: new, acknowledged, asked
//!   a question, graded (one graded C and shared with the demo partner, the fire service),
//!   assigned to a colleague or to the fire service;
//! - a resident whose three ASB reports meet the Community Trigger, and their application;
//! - problem profiles at each SARA stage, one closed with its residents told ("you said, we
//!   did" on their tracking pages);
//! - a tasking meeting recorded today and the published strategic assessment of the last quarter;
//! - engagement (`engagement`): a closed neighbourhood priorities campaign with a few hundred
//!   responses, its reach against the census fixture, coded themes and published results, KIN
//!   members, a priority linked to a profile and intelligence from a street briefing.
//!
//! The background reports are generated as `cymuned generate` makes them; the rise and the
//! place are generated reports too, placed by hand. Everything else is played through the hub's
//! own routes, in process, by residents and by the demo accounts (as a browser sends the forms),
//! so every record is checked, versioned, emailed and audited exactly as real work is. Dates are
//! relative to today, so the demo stays fresh. Nothing is planted when Cardiff already has
//! reports, so a second start plants nothing. Refused outside demo mode.

use anyhow::{bail, Context};
use app::{
    config::Environment,
    db::{self, Db},
    limits::{AddressLimiter, SignInLimiter},
    reference::{locate::WardIndex, Coordinates, Location},
    reporting::{generate::SyntheticReport, Category, ReportStatus},
    staff::accounts,
    state::AppState,
};
use axum::{body::Body, extract::ConnectInfo, Router};
use http::{header, Request, StatusCode};
use std::{net::SocketAddr, sync::Arc};

mod engagement;
pub use engagement::{EngagementStory, KIN_MEMBER, PRIORITY_EN, RESPONSES, SLUG, TITLE_CY, TITLE_EN};

const DAY: i64 = 86_400;
/// The seed of the background reports (the same as `cymuned generate`'s default).
const SEED: u64 = 2026;
/// Cardiff's local authority, as the report form names it.
const CARDIFF_AREA: &str = "W06000015";
/// Places in Cardiff (lat, lon): where the rise, the repeat place and the residents' reports are.
const RISE_AT: (f64, f64) = (51.4943, -3.1812);
const PLACE_AT: (f64, f64) = (51.4800, -3.2560);
const STREET_AT: (f64, f64) = (51.4816, -3.1791);
const ROAD_AT: (f64, f64) = (51.5060, -3.2030);
const PARK_AT: (f64, f64) = (51.5120, -3.1640);
const SHOPS_AT: (f64, f64) = (51.4650, -3.1670);

/// What was planted, for the log and the tests.
#[derive(Clone, Debug)]
pub struct Story {
    pub background_reports: usize,
    /// The tracking page (`/track/{token}`) of a resident told of the closed profile.
    pub told_resident_page: String,
    pub closed_profile: String,
    pub case_review: String,
    /// Residents' reports waiting for an officer's acknowledgement.
    pub new_reports: Vec<String>,
    /// The engagement demo's campaign.
    pub engagement: Option<EngagementStory>,
    pub seconds: f64,
}

/// The demo account of a role (`officer@demo.cymuned.cymru`, ...).
pub fn demo_email(role: app::staff::Role) -> String {
    accounts::demo_accounts().into_iter().find(|d| d.role == role).map(|d| d.email).unwrap_or_default()
}

/// Fills an empty demo hub (see the module): `None` when Cardiff already has reports.
pub async fn fill_if_empty(state: &AppState) -> anyhow::Result<Option<Story>> {
    if state.settings.environment != Environment::Demo {
        bail!("demo data: refused with CYMUNED_ENV=production (it would mix with real reports)");
    }
    let db = &state.db;
    let cardiff = db::reference::csp_by_slug(db, "cardiff").await?.context("the Cardiff CSP is missing")?;
    if db::reporting::report_count(db, cardiff.id).await? > 0 {
        // A demo hub filled before the engagement demo existed gets it once.
        // (Not fatal: the hub still starts if that hub lacks what the demo builds on.)
        if db::campaigns::campaigns_of_csp(db, cardiff.id).await?.is_empty() {
            match Play::new(state, cardiff.id).await?.engagement().await {
                Ok(Some(e)) => {
                    tracing::info!(
                        campaign = e.campaign_id,
                        responses = e.responses,
                        "demo engagement planted"
                    )
                }
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e, "demo data: the engagement demo could not be planted"),
            }
        }
        return Ok(None);
    }
    let started = std::time::Instant::now();
    let background = state.settings.demo_reports;
    crate::startup::generate_reports(db, &state.wards, background, SEED, |_| {}).await?;
    let categories = db::reporting::categories(db, cardiff.id).await?;
    let now = db::now();
    plant_rise_and_place(db, &state.wards, cardiff.id, &categories, now).await?;
    let story = Play::new(state, cardiff.id).await?.story().await?;
    db.analyze().await?;
    Ok(Some(Story { background_reports: background, seconds: started.elapsed().as_secs_f64(), ..story }))
}

/// Where a Cardiff point is (falling back to the rise's place if the boundaries moved).
fn cardiff_location(wards: &WardIndex, csp_id: i64, at: (f64, f64)) -> anyhow::Result<Location> {
    [at, RISE_AT]
        .into_iter()
        .filter_map(|(lat, lon)| wards.locate(Coordinates { lat, lon }).cloned())
        .find(|l| l.csp_id == csp_id)
        .context("no Cardiff ward at the demo's places")
}

fn category<'a>(categories: &'a [Category], code: &str) -> anyhow::Result<&'a Category> {
    categories.iter().find(|c| c.code == code).with_context(|| format!("Cardiff has no category {code}"))
}

/// Fourteen drug reports over the last three weeks spread over one neighbourhood (a rise), and
/// ten fly-tipping reports over the last three months at one place in another (a repeat place).
async fn plant_rise_and_place(
    db: &Db,
    wards: &WardIndex,
    csp_id: i64,
    categories: &[Category],
    now: i64,
) -> anyhow::Result<()> {
    let mut planted = Vec::new();
    let report = |location: &Location, category: &Category, days_ago: i64, point, text: &str, n: usize| {
        let created_at = now - days_ago * DAY - (n as i64 % 7) * 3_600;
        let status = if days_ago < 3 { ReportStatus::Open } else { ReportStatus::Investigating };
        SyntheticReport {
            tracking_hash: accounts::sha256_hex(&format!("demo-planted-{}-{n}", category.code)),
            csp_id,
            category_id: category.id,
            ward_code: location.ward.code.clone(),
            neighbourhood_id: location.neighbourhood_id,
            point,
            location_text: text.into(),
            ongoing: true,
            description: text.into(),
            asb_qualifier: None,
            hate_strands: None,
            language: if n.is_multiple_of(4) { "cy" } else { "en" },
            sensitive: category.sensitive,
            status,
            created_at,
            acknowledged_at: (status != ReportStatus::Open).then_some(created_at + 4 * 3_600),
        }
    };
    let rise = cardiff_location(wards, csp_id, RISE_AT)?;
    let drugs = category(categories, "drugs")?;
    let mut seed = 17_u64;
    let mut random = move || {
        // A small deterministic generator: the same points at every demo start.
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 11) as f64 / (1_u64 << 53) as f64
    };
    for n in 0..14 {
        let point = wards.random_point(&rise.ward.code, &mut random);
        planted.push(report(
            &rise,
            drugs,
            1 + (n as i64 * 3) / 2,
            point,
            "Dealing from cars by the flats.",
            n,
        ));
    }
    let place = cardiff_location(wards, csp_id, PLACE_AT)?;
    let tipping = category(categories, "fly-tipping")?;
    for n in 0..10 {
        let point = Some((PLACE_AT.0 + n as f64 * 0.00002, PLACE_AT.1 - n as f64 * 0.00002));
        planted.push(report(
            &place,
            tipping,
            2 + n as i64 * 9,
            point,
            "Mattresses and bags dumped in the lane.",
            n,
        ));
    }
    db::reporting::insert_synthetic(db, &planted).await?;
    Ok(())
}

/// A resident or a demo account sending the hub's forms, in process.
struct Play {
    app: Router,
    db: Db,
    csp_id: i64,
    wards: Arc<WardIndex>,
    officer: String,
    analyst: String,
    fire_service: i64,
    officer_id: i64,
}

/// A resident's report as the form sends it.
struct Concern<'a> {
    lang: &'a str,
    category: &'a str,
    at: (f64, f64),
    place: &'a str,
    description: &'a str,
    name: &'a str,
    email: &'a str,
}

/// A report a resident made: its reference and their tracking page.
struct Made {
    reference: String,
    page: String,
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A form body from (name, value) pairs.
fn body(fields: &[(&str, &str)]) -> String {
    fields.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect::<Vec<_>>().join("&")
}

/// The hub's redirect after a form: refused unless it says `done`.
fn done(path: &str, location: &str) -> anyhow::Result<()> {
    if location.contains("done=") && !location.contains("error=") {
        Ok(())
    } else {
        bail!("demo data: {path} answered {location}")
    }
}

impl Play {
    async fn new(state: &AppState, csp_id: i64) -> anyhow::Result<Play> {
        // The hub's own routes, with limits of their own (the story's residents all write from
        // one address, and none of it counts against visitors).
        let mut planting = state.clone();
        planting.report_limiter = Arc::new(AddressLimiter::per_hour(1_000));
        planting.case_review_limiter = Arc::new(AddressLimiter::per_hour(1_000));
        planting.sign_in_limiter = Arc::new(SignInLimiter::new(100));
        let db = state.db.clone();
        let organisations = db::triage::organisations(&db, csp_id).await?;
        let fire_service = organisations
            .iter()
            .find(|o| o.name.contains("Fire"))
            .map(|o| o.id)
            .context("the demo partner organisation is missing")?;
        let officer_email = demo_email(app::staff::Role::Officer);
        let officer_id =
            db::staff::user_id_by_email(&db, &officer_email).await?.context("the demo officer is missing")?;
        let mut play = Play {
            app: crate::http::router(planting),
            db,
            csp_id,
            wards: state.wards.clone(),
            officer: String::new(),
            analyst: String::new(),
            fire_service,
            officer_id,
        };
        play.officer = play.sign_in(&officer_email).await?;
        play.analyst = play.sign_in(&demo_email(app::staff::Role::Analyst)).await?;
        Ok(play)
    }

    async fn send(&self, mut req: Request<Body>) -> anyhow::Result<http::Response<Body>> {
        use tower::Service;
        req.extensions_mut().insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 0))));
        let mut app = self.app.clone();
        Ok(app.call(req).await?)
    }

    /// Posts a form (as `cookie`'s account, or a visitor) and answers where the hub sent them.
    async fn post(
        &self,
        path: &str,
        cookie: Option<&str>,
        fields: &[(&str, &str)],
    ) -> anyhow::Result<String> {
        let mut req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        let res = self.send(req.body(Body::from(body(fields)))?).await?;
        let location = res.headers().get(header::LOCATION).and_then(|l| l.to_str().ok()).unwrap_or("");
        if res.status() != StatusCode::SEE_OTHER {
            bail!("demo data: {path} answered {}", res.status());
        }
        Ok(location.to_string())
    }

    async fn sign_in(&self, email: &str) -> anyhow::Result<String> {
        let mut req = Request::post("/sign-in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin");
        req = req.header(header::ACCEPT, "text/html");
        let fields = [("email", email), ("password", accounts::DEMO_PASSWORD), ("lang", "en"), ("next", "")];
        let res = self.send(req.body(Body::from(body(&fields)))?).await?;
        res.headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("cymuned_session=") && !c.starts_with("cymuned_session=;"))
            .map(|c| c.split(';').next().unwrap_or_default().to_string())
            .with_context(|| format!("demo data: {email} could not sign in"))
    }

    /// A resident reports a concern through the report form, with their contact details and
    /// consent to email.
    async fn report(&self, c: Concern<'_>) -> anyhow::Result<Made> {
        let (lat, lon) = (c.at.0.to_string(), c.at.1.to_string());
        let asb = c.category.starts_with("asb-");
        let mut fields = vec![
            ("lang", c.lang),
            ("area", CARDIFF_AREA),
            ("category", c.category),
            ("ward", ""),
            ("lat", &lat),
            ("lon", &lon),
            ("location_text", c.place),
            ("ongoing", "on"),
            ("description", c.description),
            ("anonymous", "no"),
            ("name", c.name),
            ("email", c.email),
            ("contact_language", c.lang),
            ("consent", "on"),
        ];
        if asb {
            fields.push(("asb_qualifier", "personal"));
        }
        let location = self.post("/report", None, &fields).await?;
        let token = location
            .split("/track/")
            .nth(1)
            .and_then(|rest| rest.split('?').next())
            .with_context(|| format!("demo data: the report form answered {location}"))?;
        let tracked = db::reporting::tracked_report(&self.db, &accounts::sha256_hex(token))
            .await?
            .context("demo data: the report just made is missing")?;
        Ok(Made {
            reference: tracked.reference,
            page: location.split('?').next().unwrap_or_default().to_string(),
        })
    }

    async fn report_version(&self, reference: &str) -> anyhow::Result<String> {
        let record = db::triage::record(&self.db, reference).await?.context("demo data: report missing")?;
        Ok(record.version.to_string())
    }

    /// The officer sends one of the report page's forms.
    async fn triage(&self, reference: &str, action: &str, fields: &[(&str, &str)]) -> anyhow::Result<()> {
        let version = self.report_version(reference).await?;
        let mut all = vec![("lang", "en"), ("version", version.as_str())];
        all.extend_from_slice(fields);
        let path = format!("/staff/reports/{reference}/{action}");
        done(&path, &self.post(&path, Some(&self.officer), &all).await?)
    }

    async fn profile_version(&self, reference: &str) -> anyhow::Result<String> {
        let key = db::problems::find(&self.db, reference).await?.context("demo data: profile missing")?;
        Ok(key.version.to_string())
    }

    /// The analyst sends one of a profile page's forms.
    async fn profile(&self, reference: &str, action: &str, fields: &[(&str, &str)]) -> anyhow::Result<()> {
        let version = self.profile_version(reference).await?;
        let mut all = vec![("lang", "en"), ("version", version.as_str())];
        all.extend_from_slice(fields);
        let path = format!("/staff/problems/{reference}/{action}");
        done(&path, &self.post(&path, Some(&self.analyst), &all).await?)
    }

    /// The analyst opens a profile over one neighbourhood and category for the last year.
    async fn open_profile(
        &self,
        title: &str,
        priority: &str,
        at: (f64, f64),
        category: &str,
        references: &[&str],
    ) -> anyhow::Result<String> {
        let location = cardiff_location(&self.wards, self.csp_id, at)?;
        let categories = db::reporting::categories(&self.db, self.csp_id).await?;
        let category = category_id(&categories, category)?;
        let neighbourhood = location.neighbourhood_id.to_string();
        let today = app::time::iso_date(db::now());
        let from = app::time::iso_date(db::now() - 364 * DAY);
        let references = references.join(",");
        let fields = [
            ("lang", "en"),
            ("csp", "cardiff"),
            ("title", title),
            ("priority", priority),
            ("neighbourhood", &neighbourhood),
            ("category", &category),
            ("period_from", &from),
            ("period_to", &today),
            ("requester", "Cardiff tactical tasking group"),
            ("aim", "Reduce the harm residents report and keep it down"),
            ("references", &references),
        ];
        let location = self.post("/staff/problems", Some(&self.analyst), &fields).await?;
        done("/staff/problems", &location)?;
        location
            .split("/staff/problems/")
            .nth(1)
            .and_then(|rest| rest.split('?').next())
            .map(str::to_string)
            .with_context(|| format!("demo data: opening a profile answered {location}"))
    }

    async fn story(&self) -> anyhow::Result<Story> {
        let new_reports = self.triage_steps().await?;
        let case_review = self.community_trigger().await?;
        let (closed_profile, told_resident_page) = self.profiles().await?;
        self.tasking_and_assessment(&closed_profile).await?;
        let engagement = self.engagement().await?;
        Ok(Story {
            engagement,
            background_reports: 0,
            told_resident_page,
            closed_profile,
            case_review,
            new_reports,
            seconds: 0.0,
        })
    }

    /// Welsh and English reports waiting at each step of the queue.
    async fn triage_steps(&self) -> anyhow::Result<Vec<String>> {
        // New: not yet acknowledged.
        let first = self
            .report(Concern {
                lang: "cy",
                category: "asb-noise",
                at: STREET_AT,
                place: "Y fflatiau ar Heol y Castell",
                description: "Cerddoriaeth uchel bob nos tan dri y bore ers pythefnos.",
                name: "Ffion Evans",
                email: "ffion@example.cymru",
            })
            .await?;
        let second = self
            .report(Concern {
                lang: "en",
                category: "vehicle-nuisance",
                at: ROAD_AT,
                place: "The lay-by on the main road",
                description: "A burnt-out car has been left in the lay-by for a week.",
                name: "Mark Davies",
                email: "mark@example.com",
            })
            .await?;
        // Acknowledged: the resident has the standard message.
        for c in [
            Concern {
                lang: "cy",
                category: "litter",
                at: PARK_AT,
                place: "Y parc chwarae",
                description: "Mae sbwriel a gwydr wedi torri ar hyd y parc chwarae.",
                name: "Gwen Thomas",
                email: "gwen@example.cymru",
            },
            Concern {
                lang: "en",
                category: "asb-rowdy",
                at: SHOPS_AT,
                place: "Outside the shops on the corner",
                description: "Groups gathering outside the shops every evening, shouting at people.",
                name: "Sarah Price",
                email: "sarah@example.com",
            },
        ] {
            let made = self.report(c).await?;
            self.triage(&made.reference, "acknowledge", &[("message", ""), ("public_note", "")]).await?;
        }
        // Asked: a question waits for the resident's answer on their tracking page.
        for (c, question) in [
            (
                Concern {
                    lang: "en",
                    category: "graffiti",
                    at: STREET_AT,
                    place: "The underpass by the station",
                    description: "Offensive graffiti sprayed in the underpass again.",
                    name: "Tom Hughes",
                    email: "tom@example.com",
                },
                "Is the graffiti still there, and does it name anyone?",
            ),
            (
                Concern {
                    lang: "cy",
                    category: "asb-street-drinking",
                    at: SHOPS_AT,
                    place: "Y meinciau ger y llyfrgell",
                    description: "Pobl yn yfed ar y meinciau ac yn gweiddi ar blant.",
                    name: "Eleri Jones",
                    email: "eleri@example.cymru",
                },
                "Pa amser o'r dydd mae hyn yn digwydd fel arfer?",
            ),
        ] {
            let made = self.report(c).await?;
            self.triage(&made.reference, "acknowledge", &[("message", ""), ("public_note", "")]).await?;
            self.triage(&made.reference, "ask", &[("question", question)]).await?;
        }
        // Graded intelligence: one for the CSP (P), one shared with the fire service (C).
        let made = self
            .report(Concern {
                lang: "en",
                category: "asb-street-drinking",
                at: PARK_AT,
                place: "The bandstand in the park",
                description: "People drinking at the bandstand all afternoon and leaving cans.",
                name: "Helen Morgan",
                email: "helen@example.com",
            })
            .await?;
        self.triage(
            &made.reference,
            "grade",
            &[
                ("summary", "Daytime street drinking at the park bandstand, cans left behind"),
                ("source", "2"),
                ("intelligence", "B"),
                ("handling", "P"),
                ("tension", ""),
            ],
        )
        .await?;
        let fire = self.fire_service.to_string();
        let made = self.report(Concern { lang: "cy", category: "fly-tipping", at: ROAD_AT, place: "Y garejys y tu ôl i'r ysgol", description: "Mae rhywun yn cadw teiars a chaniau petrol yn y garejys gwag ac mae plant yn chwarae yno.", name: "Dylan Rees", email: "dylan@example.cymru" }).await?;
        self.triage(&made.reference, "grade", &[("summary", "Tyres and petrol cans stored in empty garages behind the school; children play there"), ("source", "1"), ("intelligence", "B"), ("handling", "C"), ("conditions", "Fire service use only, for a fire safety visit; not to be passed on without the CSP's agreement"), ("tension", ""), ("share", &fire)]).await?;
        // Assigned: to the fire service, and to a colleague.
        self.triage(&made.reference, "assign", &[("assignee", &format!("organisation:{fire}"))]).await?;
        let made = self
            .report(Concern {
                lang: "en",
                category: "asb-neighbours",
                at: PARK_AT,
                place: "Flats on Park Road",
                description: "The flat above has parties every weekend with people fighting on the stairs.",
                name: "Rhys Lewis",
                email: "rhys@example.com",
            })
            .await?;
        self.triage(&made.reference, "acknowledge", &[("message", ""), ("public_note", "")]).await?;
        self.triage(&made.reference, "assign", &[("assignee", &format!("user:{}", self.officer_id))]).await?;
        Ok(vec![first.reference, second.reference])
    }

    /// Three ASB reports from one resident whose contact details the officer confirmed by
    /// phone meet the threshold; the resident applies for a case review.
    async fn community_trigger(&self) -> anyhow::Result<String> {
        let mut references = Vec::new();
        for (category, description) in [
            ("asb-neighbours", "The neighbours bang on my wall and shout at me whenever I go out."),
            ("asb-noise", "Music through the wall again until four in the morning."),
            ("asb-neighbours", "They threw rubbish over my fence and shouted threats at my children."),
        ] {
            let made = self
                .report(Concern {
                    lang: "en",
                    category,
                    at: SHOPS_AT,
                    place: "My house on Dock Street",
                    description,
                    name: "Alun Hughes",
                    email: "alun@example.cymru",
                })
                .await?;
            self.triage(&made.reference, "verify_contact", &[]).await?;
            references.push(made.reference);
        }
        let fields = [
            ("lang", "en"),
            ("name", "Alun Hughes"),
            ("email", "alun@example.cymru"),
            ("contact_language", "en"),
            ("references", &references.join(", ")),
            ("impact", "It has gone on for months; my children are frightened to play outside and nothing has changed."),
        ];
        let location = self.post("/case-review", None, &fields).await?;
        location
            .split("done=")
            .nth(1)
            .map(str::to_string)
            .with_context(|| format!("demo data: the case-review form answered {location}"))
    }

    /// Profiles at each SARA stage; the last one closed with its residents told.
    async fn profiles(&self) -> anyhow::Result<(String, String)> {
        self.open_profile("Rowdy groups outside the shops", "medium", SHOPS_AT, "asb-rowdy", &[]).await?;

        let analysis = self
            .open_profile("Cars racing on the main road at night", "high", ROAD_AT, "vehicle-nuisance", &[])
            .await?;
        self.profile(
            &analysis,
            "analysis",
            &[
                ("offender", "Young drivers meeting after midnight"),
                ("victim", "Residents along the road"),
                ("place", "The long straight by the retail park"),
                ("handler", ""),
                ("guardian", ""),
                ("manager", "The retail park's owners"),
                ("hypothesis", "The empty car park after closing gives them a place to meet"),
                ("gaps", "Which nights; whether the same cars return"),
            ],
        )
        .await?;
        self.profile(&analysis, "stage", &[("stage", "analysis")]).await?;

        let response = self
            .open_profile("Graffiti in the station underpass", "medium", STREET_AT, "graffiti", &[])
            .await?;
        self.profile(
            &response,
            "analysis",
            &[
                ("offender", "A small crew tagging the same walls"),
                ("victim", ""),
                ("place", "The unlit underpass"),
                ("handler", ""),
                ("guardian", ""),
                ("manager", "Network Rail and the council"),
                ("hypothesis", "Dark walls nobody watches"),
                ("gaps", ""),
            ],
        )
        .await?;
        let due = app::time::iso_date(db::now() + 21 * DAY);
        self.profile(
            &response,
            "add-action",
            &[
                ("title", "Light the underpass and paint the walls"),
                ("organisation", ""),
                ("owner", "Council street scene"),
                ("due_on", &due),
                ("notes", ""),
            ],
        )
        .await?;
        self.profile(&response, "stage", &[("stage", "response")]).await?;

        let started = app::time::iso_date(db::now() - 45 * DAY);
        let assessment =
            self.open_profile("Late-night noise from the flats", "low", PARK_AT, "asb-noise", &[]).await?;
        self.profile(
            &assessment,
            "assessment",
            &[
                ("response_started", &started),
                ("window_days", "28"),
                ("process_review", "Warning letters sent by the housing association as planned"),
            ],
        )
        .await?;
        self.profile(&assessment, "stage", &[("stage", "assessment")]).await?;

        // Closed: two residents' reports, graded and linked; they are told how it ended.
        let welsh = self
            .report(Concern {
                lang: "cy",
                category: "drug-litter",
                at: PARK_AT,
                place: "Llwybr y gamlas",
                description: "Nodwyddau ar hyd llwybr y gamlas lle mae plant yn cerdded i'r ysgol.",
                name: "Siân Roberts",
                email: "sian@example.cymru",
            })
            .await?;
        let english = self
            .report(Concern {
                lang: "en",
                category: "drug-litter",
                at: PARK_AT,
                place: "The canal path",
                description: "Needles left along the canal path again this week.",
                name: "Gareth Jones",
                email: "gareth@example.com",
            })
            .await?;
        for made in [&welsh, &english] {
            self.triage(
                &made.reference,
                "grade",
                &[
                    ("summary", "Needles left on the canal path used by children walking to school"),
                    ("source", "2"),
                    ("intelligence", "B"),
                    ("handling", "P"),
                    ("tension", ""),
                ],
            )
            .await?;
        }
        let closed = self
            .open_profile(
                "Needles on the canal path",
                "high",
                PARK_AT,
                "drug-litter",
                &[&welsh.reference, &english.reference],
            )
            .await?;
        self.profile(
            &closed,
            "analysis",
            &[
                ("offender", "People using drugs out of sight under the bridge"),
                ("victim", "Children and families using the path"),
                ("place", "The overgrown stretch under the bridge"),
                ("handler", ""),
                ("guardian", "Canal volunteers"),
                ("manager", "Glandŵr Cymru"),
                ("hypothesis", "Overgrowth hides the bridge from the path"),
                ("gaps", ""),
            ],
        )
        .await?;
        let done_on = app::time::iso_date(db::now() - 40 * DAY);
        self.profile(
            &closed,
            "add-action",
            &[
                ("title", "Cut back the overgrowth and add a sharps bin"),
                ("organisation", ""),
                ("owner", "Glandŵr Cymru"),
                ("due_on", &done_on),
                ("notes", ""),
            ],
        )
        .await?;
        let action_id =
            db::problems::load(&self.db, db::problems::find(&self.db, &closed).await?.context("profile")?.id)
                .await?
                .and_then(|p| p.actions.first().map(|a| a.id))
                .context("demo data: the action just added is missing")?;
        self.profile(
            &closed,
            "action",
            &[
                ("action_id", &action_id.to_string()),
                ("status", "done"),
                ("due_on", &done_on),
                ("notes", "Cut back; sharps bin in place"),
            ],
        )
        .await?;
        let started = app::time::iso_date(db::now() - 60 * DAY);
        self.profile(&closed, "stage", &[("stage", "response")]).await?;
        self.profile(
            &closed,
            "assessment",
            &[
                ("response_started", &started),
                ("window_days", "28"),
                ("process_review", "Done as planned; the volunteers check the path weekly"),
            ],
        )
        .await?;
        self.profile(&closed, "stage", &[("stage", "assessment")]).await?;
        self.profile(&closed, "decide", &[("decision", "close"), ("decision_notes", ""), ("outcome_en", "The overgrowth under the bridge was cut back and a sharps bin put in; volunteers now check the path every week."), ("outcome_cy", "Torrwyd y tyfiant o dan y bont a gosodwyd bin nodwyddau; mae gwirfoddolwyr yn gwirio'r llwybr bob wythnos.")]).await?;
        Ok((closed, welsh.page))
    }

    /// Today's tasking meeting, and the last quarter's strategic assessment drafted and published.
    async fn tasking_and_assessment(&self, closed_profile: &str) -> anyhow::Result<()> {
        let today = app::time::iso_date(db::now());
        let decisions = format!("Closed {closed_profile}: keep the canal path under review. Rise in drug reports to be scanned next week.");
        let fields = [
            ("lang", "en"),
            ("csp", "cardiff"),
            ("date", &today),
            ("version", "0"),
            ("attendees", "CSP, South Wales Police, Cardiff Council, South Wales Fire and Rescue Service"),
            ("decisions", &decisions),
        ];
        done("/staff/tasking", &self.post("/staff/tasking", Some(&self.analyst), &fields).await?)?;

        let (year, quarter) = app::problems::strategic::last_complete(db::now());
        let (year, quarter) = (year.to_string(), quarter.to_string());
        let fields =
            [("lang", "en"), ("csp", "cardiff"), ("op", "draft"), ("year", &year), ("quarter", &quarter)];
        done(
            "/staff/strategic-assessments",
            &self.post("/staff/strategic-assessments", Some(&self.analyst), &fields).await?,
        )?;
        let draft = db::tasking::assessments(&self.db, self.csp_id)
            .await?
            .into_iter()
            .next()
            .context("demo data: the assessment just drafted is missing")?;
        let id = draft.id.to_string();
        let fields = [
            ("lang", "en"),
            ("csp", "cardiff"),
            ("id", &id),
            ("year", &year),
            ("quarter", &quarter),
            ("summary", "Anti-social behaviour stayed the largest share of reports; drug litter fell after the canal path work."),
            ("top_problems", &draft.sections.top_problems),
            ("emerging", "Drug dealing reports rising in one neighbourhood; vehicle nuisance on the main road at night."),
            ("outcomes", "Needles on the canal path: closed, residents told."),
            ("gaps", "Few reports from younger residents; Welsh-language reporting below the population share."),
            ("recommendations", "Scan the rise in drug dealing; keep the canal path under review; promote reporting in Welsh."),
            ("publish", "1"),
        ];
        done(
            "/staff/strategic-assessments/save",
            &self.post("/staff/strategic-assessments/save", Some(&self.analyst), &fields).await?,
        )
    }
}

fn category_id(categories: &[Category], code: &str) -> anyhow::Result<String> {
    Ok(category(categories, code)?.id.to_string())
}
