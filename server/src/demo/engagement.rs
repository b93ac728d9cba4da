//! The demo's engagement (issue 13), in Cardiff: a bilingual "neighbourhood priorities" campaign
//! over the neighbourhoods of the four wards the census fixture covers, with the ready-made
//! priorities poll published, opened and closed through the hub's own routes; a few hundred
//! responses across wards and channels, most with equality monitoring, stored through the data
//! layer in one transaction (as the CSV import does); the census fixture's made-up population
//! (`data/census/`, labelled as such) so the reach view compares; a few coded themes; the
//! results published to partners; Key Individual Network members with their consent; a
//! neighbourhood priority linked to a problem profile; and intelligence heard at a street
//! briefing. Deterministic (a seeded generator), and planted only when Cardiff has no campaign.

use super::{done, Play, DAY};
use anyhow::{bail, Context};
use app::{
    db::{
        self,
        engagement::{EqualityRow, NewResponse},
        results::AnswerQuery,
    },
    engagement::{
        equality::{AgeBand, EthnicGroup, Sex, WelshLanguage, PREFER_NOT_TO_SAY},
        priorities::Period,
        survey::Survey,
        ResponseChannel,
    },
    i18n::Lang,
};
use std::collections::HashMap;

/// The census fixture (made-up numbers in the published shape; see `data/census/README.md`),
/// for the four Cardiff wards the campaign covers.
const POPULATION: &[(&str, &str)] = &[
    ("ts007a-age-cardiff-wards.csv", include_str!("../../../data/census/ts007a-age-cardiff-wards.csv")),
    ("ts008-sex-cardiff-wards.csv", include_str!("../../../data/census/ts008-sex-cardiff-wards.csv")),
    (
        "ts021-ethnic-group-cardiff-wards.csv",
        include_str!("../../../data/census/ts021-ethnic-group-cardiff-wards.csv"),
    ),
    (
        "ts033-welsh-speaking-cardiff-wards.csv",
        include_str!("../../../data/census/ts033-welsh-speaking-cardiff-wards.csv"),
    ),
];
/// The wards of the fixture: Adamsdown, Butetown, Cathays, Splott.
const WARDS: &[&str] = &["W05000853", "W05000854", "W05000857", "W05000879"];
/// Responses generated.
pub const RESPONSES: usize = 360;
/// The campaign's address (`/have-your-say/...`), made from its English title.
pub const SLUG: &str = "your-neighbourhood-priorities";
pub const TITLE_EN: &str = "Your neighbourhood priorities";
pub const TITLE_CY: &str = "Blaenoriaethau eich cymdogaeth";
pub const PRIORITY_EN: &str = "Cars racing on the main road at night";
pub const KIN_MEMBER: &str = "Mair Thomas";

/// What the engagement demo planted, for the log and the tests.
#[derive(Clone, Debug)]
pub struct EngagementStory {
    pub campaign_id: i64,
    pub responses: usize,
}

/// A small deterministic generator: the same responses at every demo start.
struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1_u64 << 53) as f64
    }

    /// One of `choices`, by their weights.
    fn weighted<T: Copy>(&mut self, choices: &[(T, u32)]) -> T {
        let total: u32 = choices.iter().map(|(_, w)| w).sum();
        let mut at = self.unit() * f64::from(total);
        for (c, w) in choices {
            if at < f64::from(*w) {
                return *c;
            }
            at -= f64::from(*w);
        }
        choices[choices.len() - 1].0
    }

    fn chance(&mut self, percent: u32) -> bool {
        self.unit() * 100.0 < f64::from(percent)
    }
}

/// The concerns residents put first, second and third (by category code), and how often. The
/// sensitive categories are among them: residents may name them, and staff see their counts,
/// but partners read them hidden (see the README's engagement section).
const CONCERNS: &[(&str, u32)] = &[
    ("vehicle-nuisance", 30),
    ("drugs", 26),
    ("asb-rowdy", 18),
    ("fly-tipping", 16),
    ("litter", 12),
    ("asb-noise", 10),
    ("hate", 8),
    ("drug-litter", 7),
    ("graffiti", 6),
    ("asb-street-drinking", 5),
    ("domestic-abuse", 2),
    ("tension", 2),
];

/// What residents wrote (English, Welsh), by theme.
const WORDS: &[(&str, &str, &str)] = &[
    (
        "speed",
        "Cars race along the main road after midnight.",
        "Mae ceir yn rasio ar hyd y brif ffordd ar ôl hanner nos.",
    ),
    ("speed", "Speeding outside the school every morning.", "Goryrru y tu allan i'r ysgol bob bore."),
    (
        "drugs",
        "Dealing from cars by the flats, most evenings.",
        "Gwerthu cyffuriau o geir wrth y fflatiau, bron bob nos.",
    ),
    (
        "drugs",
        "Needles left in the park near the play area.",
        "Nodwyddau wedi'u gadael yn y parc ger y maes chwarae.",
    ),
    (
        "lighting",
        "The lane behind the shops is dark and feels unsafe.",
        "Mae'r lôn y tu ôl i'r siopau yn dywyll ac yn teimlo'n anniogel.",
    ),
    (
        "lighting",
        "Street lights out on the underpass for weeks.",
        "Goleuadau stryd allan yn y twnnel ers wythnosau.",
    ),
    (
        "tipping",
        "Mattresses and bags dumped in the back lane again.",
        "Matresi a bagiau wedi'u taflu yn y lôn gefn eto.",
    ),
    (
        "tipping",
        "Bins overflowing and litter blowing into gardens.",
        "Biniau'n gorlifo a sbwriel yn chwythu i'r gerddi.",
    ),
];

const THEMES: &[(&str, &str)] = &[
    ("speed", "Speeding and racing"),
    ("drugs", "Drug dealing and drug litter"),
    ("lighting", "Dark streets and lighting"),
    ("tipping", "Fly-tipping and litter"),
];

impl Play {
    /// The engagement demo (see the module); `None` when Cardiff already has a campaign.
    pub(super) async fn engagement(&self) -> anyhow::Result<Option<EngagementStory>> {
        if !db::campaigns::campaigns_of_csp(&self.db, self.csp_id).await?.is_empty() {
            return Ok(None);
        }
        let lead_email = super::demo_email(app::staff::Role::EngagementLead);
        let lead_id = db::staff::user_id_by_email(&self.db, &lead_email)
            .await?
            .context("the demo engagement lead is missing")?;
        let lead = self.sign_in(&lead_email).await?;
        let wards = db::reach::csp_wards(&self.db, self.csp_id).await?;
        let mut neighbourhoods: Vec<i64> =
            wards.iter().filter(|w| WARDS.contains(&w.code.as_str())).map(|w| w.neighbourhood_id).collect();
        neighbourhoods.sort_unstable();
        neighbourhoods.dedup();
        if neighbourhoods.is_empty() {
            bail!("demo data: none of the census fixture's wards is a Cardiff ward");
        }
        self.population().await?;
        let id = self.plan_campaign(&lead, lead_id, &neighbourhoods).await?;
        let responses = self.responses(id, lead_id).await?;
        let path = format!("/staff/engagement/{id}");
        self.move_campaign(&lead, id, "closed").await?;
        done(&path, &self.post(&format!("{path}/results/publish"), Some(&lead), &[("lang", "en")]).await?)?;
        self.coding(id).await?;
        self.kin(&lead, &neighbourhoods).await?;
        self.priority_and_intelligence(&lead, neighbourhoods[0]).await?;
        Ok(Some(EngagementStory { campaign_id: id, responses }))
    }

    /// The census fixture's figures for its wards (made up, as the demo is).
    async fn population(&self) -> anyhow::Result<()> {
        let known = db::reach::known_areas(&self.db).await?;
        let mut rows = Vec::new();
        for (name, text) in POPULATION {
            let table =
                app::engagement::census::read(text).map_err(|e| anyhow::anyhow!("demo data: {name}: {e}"))?;
            rows.extend(table.rows.into_iter().filter(|r| known.contains(&r.area_code)));
        }
        let source = "demo: data/census test fixture (made-up figures)";
        db::reach::replace_population(&self.db, &rows, source).await?;
        Ok(())
    }

    /// The campaign planned by the lead (it ran for the last five weeks), given the priorities
    /// poll, published and opened.
    async fn plan_campaign(&self, lead: &str, lead_id: i64, neighbourhoods: &[i64]) -> anyhow::Result<i64> {
        let now = db::now();
        let (starts, ends, due) = (
            app::time::iso_date(now - 35 * DAY),
            app::time::iso_date(now - 2 * DAY),
            app::time::iso_date(now + 14 * DAY),
        );
        let owner = lead_id.to_string();
        let places: Vec<String> = neighbourhoods.iter().map(|n| n.to_string()).collect();
        let mut fields = vec![
            ("lang", "en"),
            ("csp", "cardiff"),
            ("title_en", TITLE_EN),
            ("title_cy", TITLE_CY),
            (
                "purpose_en",
                "Ask residents which three problems the partnership should work on first, for the next PACT meetings.",
            ),
            (
                "purpose_cy",
                "Gofyn i drigolion pa dair problem y dylai'r bartneriaeth weithio arnyn nhw gyntaf, ar gyfer cyfarfodydd PACT nesaf.",
            ),
            ("channel", "online_survey"),
            ("channel", "street_briefing"),
            ("channel", "door_to_door"),
            ("starts_on", starts.as_str()),
            ("ends_on", ends.as_str()),
            ("owner", owner.as_str()),
            ("response_policy", "one_per_device"),
            ("results_due_on", due.as_str()),
        ];
        fields.extend(places.iter().map(|p| ("neighbourhood", p.as_str())));
        let location = self.post("/staff/engagement", Some(lead), &fields).await?;
        done("/staff/engagement", &location)?;
        let id: i64 = location
            .split("/staff/engagement/")
            .nth(1)
            .and_then(|rest| rest.split('?').next())
            .and_then(|id| id.parse().ok())
            .with_context(|| format!("demo data: planning a campaign answered {location}"))?;
        let path = format!("/staff/engagement/{id}");
        done(
            &path,
            &self.post(&format!("{path}/survey/priorities-poll"), Some(lead), &[("lang", "en")]).await?,
        )?;
        let survey =
            db::engagement::survey_of_campaign(&self.db, id).await?.context("demo data: no survey")?;
        let version = survey.version.to_string();
        let publish = [("lang", "en"), ("version", version.as_str())];
        done(&path, &self.post(&format!("{path}/survey/publish"), Some(lead), &publish).await?)?;
        self.move_campaign(lead, id, "open").await?;
        Ok(id)
    }

    async fn move_campaign(&self, lead: &str, id: i64, status: &str) -> anyhow::Result<()> {
        let campaign =
            db::engagement::campaign(&self.db, id).await?.context("demo data: campaign missing")?;
        let version = campaign.version.to_string();
        let path = format!("/staff/engagement/{id}/status");
        let fields = [("lang", "en"), ("version", version.as_str()), ("status", status)];
        done(&path, &self.post(&path, Some(lead), &fields).await?)
    }

    /// Residents' answers to the poll, checked by the survey's own rules and stored in one
    /// transaction; most with equality monitoring.
    async fn responses(&self, id: i64, lead_id: i64) -> anyhow::Result<usize> {
        let survey =
            db::engagement::survey_of_campaign(&self.db, id).await?.context("demo data: no survey")?;
        let version = db::engagement::current_version(&self.db, survey.id)
            .await?
            .context("demo data: not published")?;
        let poll: Survey = serde_json::from_str(&version.questions)?;
        let wards = db::engagement::campaign_wards(&self.db, id).await?;
        let places: HashMap<String, i64> =
            wards.iter().map(|w| (w.code.clone(), w.neighbourhood_id)).collect();
        // The fixture's wards answer most; the rest of the neighbourhoods' wards a little.
        let ward_weights: Vec<(&str, u32)> = wards
            .iter()
            .map(|w| (w.code.as_str(), if WARDS.contains(&w.code.as_str()) { 20 } else { 2 }))
            .collect();
        let mut rng = Rng(2_027);
        let mut stored = Vec::with_capacity(RESPONSES);
        for n in 0..RESPONSES {
            let ward = rng.weighted(&ward_weights);
            let language = if rng.chance(22) { Lang::Cy } else { Lang::En };
            let mut fields: HashMap<String, Vec<String>> = HashMap::new();
            let mut chosen: Vec<&str> = Vec::new();
            let picks = 1 + (rng.unit() * 3.0) as usize;
            while chosen.len() < picks.min(3) {
                let c = rng.weighted(CONCERNS);
                if !chosen.contains(&c) {
                    chosen.push(c);
                }
            }
            for (i, c) in chosen.iter().enumerate() {
                fields.insert(format!("q_priorities_{}", i + 1), vec![c.to_string()]);
            }
            fields.insert("q_place".into(), vec![ward.to_string()]);
            if rng.chance(35) {
                let (_, en, cy) = WORDS[(rng.unit() * WORDS.len() as f64) as usize];
                fields
                    .insert("q_detail".into(), vec![if language == Lang::Cy { cy } else { en }.to_string()]);
            }
            let answers = poll
                .check(&fields, &places)
                .map_err(|e| anyhow::anyhow!("demo data: response {n} refused: {e:?}"))?;
            let channel = rng.weighted(&[
                (ResponseChannel::Online, 55),
                (ResponseChannel::StreetBriefing, 20),
                (ResponseChannel::DoorToDoor, 12),
                (ResponseChannel::Paper, 13),
            ]);
            let equality = if rng.chance(82) { equality(&mut rng, ward) } else { EqualityRow::default() };
            stored.push((answers, channel, language, equality));
        }
        let mut tx = self.db.writer().begin().await?;
        for (answers, channel, language, equality) in &stored {
            let rows = answers.rows();
            let response = NewResponse {
                campaign_id: id,
                survey_version_id: version.id,
                csp_id: self.csp_id,
                neighbourhood_id: answers.neighbourhood(),
                channel: *channel,
                language: *language,
                entered_by: (*channel != ResponseChannel::Online).then_some(lead_id),
                respondent_key: None,
                duplicate_of: None,
                answers: &rows,
                equality,
            };
            db::engagement::insert_response(&mut tx, &response).await?;
        }
        tx.commit().await?;
        Ok(stored.len())
    }

    /// The analyst's codebook for what residents wrote, and the first answers coded.
    async fn coding(&self, id: i64) -> anyhow::Result<()> {
        let path = format!("/staff/engagement/{id}/coding/theme");
        for (_, name) in THEMES {
            let fields = [("lang", "en"), ("question", "detail"), ("name", name)];
            done(&path, &self.post(&path, Some(&self.analyst), &fields).await?)?;
        }
        let survey =
            db::engagement::survey_of_campaign(&self.db, id).await?.context("demo data: no survey")?;
        let themes = db::results::themes(&self.db, survey.id, "detail").await?;
        let theme_of = |key: &str| {
            let name = THEMES.iter().find(|(k, _)| *k == key).map(|(_, n)| *n).unwrap_or_default();
            themes.iter().find(|t| t.name == name).map(|t| t.id.to_string())
        };
        let (answers, _) =
            db::results::free_answers(&self.db, id, "detail", &AnswerQuery::default(), 1, 40).await?;
        let path = format!("/staff/engagement/{id}/coding/answer");
        for a in answers {
            let Some(key) =
                WORDS.iter().find(|(_, en, cy)| a.text == *en || a.text == *cy).map(|(k, _, _)| *k)
            else {
                continue;
            };
            let Some(theme) = theme_of(key) else { continue };
            let response = a.response_id.to_string();
            let fields = [
                ("lang", "en"),
                ("question", "detail"),
                ("response", response.as_str()),
                ("theme", theme.as_str()),
                ("note", ""),
            ];
            done(&path, &self.post(&path, Some(&self.analyst), &fields).await?)?;
        }
        Ok(())
    }

    /// Key Individual Network members, each with their consent recorded.
    async fn kin(&self, lead: &str, neighbourhoods: &[i64]) -> anyhow::Result<()> {
        let consent_on = app::time::iso_date(db::now() - 60 * DAY);
        let review_on = app::time::iso_date(db::now() + 300 * DAY);
        let members = [
            (
                KIN_MEMBER,
                "mair@example.cymru",
                "cy",
                "Chair of the tenants' association",
                "Older residents of the flats",
            ),
            (
                "Imran Ahmed",
                "imran@example.com",
                "en",
                "Runs the corner shop",
                "Shopkeepers on the high street",
            ),
            ("Grace Okafor", "grace@example.com", "en", "Youth worker", "Young people at the youth club"),
            ("Dafydd Rees", "dafydd@example.cymru", "cy", "School governor", "Parents at the primary school"),
            (
                "Leyla Hassan",
                "leyla@example.com",
                "en",
                "Volunteer at the mosque",
                "The mosque's congregation",
            ),
        ];
        for (i, (name, email, language, role, speaks_for)) in members.iter().enumerate() {
            let neighbourhood = neighbourhoods[i % neighbourhoods.len()].to_string();
            let fields = [
                ("lang", "en"),
                ("csp", "cardiff"),
                ("neighbourhood", neighbourhood.as_str()),
                ("name", *name),
                ("email", *email),
                ("phone", ""),
                ("language", *language),
                ("community_role", *role),
                ("speaks_for", *speaks_for),
                ("consent", "yes"),
                ("consent_on", consent_on.as_str()),
                ("review_on", review_on.as_str()),
                ("status", ""),
            ];
            done(
                "/staff/engagement/kin/add",
                &self.post("/staff/engagement/kin/add", Some(lead), &fields).await?,
            )?;
        }
        Ok(())
    }

    /// This quarter's priority for the first neighbourhood, linked to the racing profile, and
    /// intelligence the lead heard at a street briefing there.
    async fn priority_and_intelligence(&self, lead: &str, neighbourhood: i64) -> anyhow::Result<()> {
        let choices = db::priorities::link_choices(&self.db, self.csp_id).await?;
        let profile = choices
            .profiles
            .iter()
            .find(|(_, _, title)| title == PRIORITY_EN)
            .or(choices.profiles.first())
            .map(|(id, _, _)| id.to_string());
        let (neighbourhood, period) = (neighbourhood.to_string(), Period::of(db::now()).to_string());
        let mut fields = vec![
            ("lang", "en"),
            ("csp", "cardiff"),
            ("neighbourhood", neighbourhood.as_str()),
            ("period", period.as_str()),
            ("title_en", PRIORITY_EN),
            ("title_cy", "Ceir yn rasio ar y brif ffordd yn y nos"),
            ("why", "Named first by more residents than any other concern in the priorities poll."),
        ];
        if let Some(profile) = &profile {
            fields.push(("profiles", profile.as_str()));
        }
        let path = "/staff/engagement/priorities/set";
        done(path, &self.post(path, Some(lead), &fields).await?)?;
        let observed_on = app::time::iso_date(db::now() - 3 * DAY);
        let fields = [
            ("lang", "en"),
            ("csp", "cardiff"),
            ("origin", "street_briefing"),
            ("neighbourhood", neighbourhood.as_str()),
            ("observed_on", observed_on.as_str()),
            (
                "summary",
                "Residents at the street briefing say the cars meet in the retail park after it closes.",
            ),
            ("source", "2"),
            ("intelligence", "B"),
            ("handling", "P"),
            ("conditions", ""),
            ("tension", "experienced"),
        ];
        let path = "/staff/intelligence/record";
        done(path, &self.post(path, Some(lead), &fields).await?)
    }
}

/// One respondent's equality monitoring, from the ward they live in.
fn equality(rng: &mut Rng, ward: &str) -> EqualityRow {
    let diverse = ward == "W05000854"; // Butetown
    let students = ward == "W05000857"; // Cathays
    let age = rng.weighted(&[
        (AgeBand::From15To24, if students { 30 } else { 8 }),
        (AgeBand::From25To34, 16),
        (AgeBand::From35To44, 18),
        (AgeBand::From45To54, 18),
        (AgeBand::From55To64, 16),
        (AgeBand::From65To74, 12),
        (AgeBand::From75, 5),
        (AgeBand::PreferNotToSay, 3),
    ]);
    let sex = rng.weighted(&[(Sex::Female, 54), (Sex::Male, 43), (Sex::PreferNotToSay, 3)]);
    let ethnic = rng.weighted(&[
        (EthnicGroup::WhiteBritish, if diverse { 40 } else { 75 }),
        (EthnicGroup::OtherWhite, 6),
        (EthnicGroup::Pakistani, if diverse { 8 } else { 2 }),
        (EthnicGroup::Bangladeshi, if diverse { 8 } else { 3 }),
        (EthnicGroup::Indian, 2),
        (EthnicGroup::African, if diverse { 12 } else { 2 }),
        (EthnicGroup::Caribbean, if diverse { 4 } else { 1 }),
        (EthnicGroup::WhiteAndBlackCaribbean, 2),
        (EthnicGroup::Arab, if diverse { 6 } else { 1 }),
        (EthnicGroup::PreferNotToSay, 4),
    ]);
    let welsh = rng.weighted(&[
        (WelshLanguage::Speaks, 12),
        (WelshLanguage::SomeSkills, 14),
        (WelshLanguage::NoSkills, 70),
        (WelshLanguage::PreferNotToSay, 4),
    ]);
    let district = match ward {
        "W05000854" => "CF10",
        "W05000853" | "W05000857" | "W05000879" => "CF24",
        _ => "CF14",
    };
    EqualityRow {
        age_band: Some(age.as_str().to_string()),
        sex: Some(sex.as_str().to_string()),
        ethnic_group: Some(ethnic.as_str().to_string()),
        welsh_language: Some(welsh.as_str().to_string()),
        postcode_district: Some(if rng.chance(90) { district } else { PREFER_NOT_TO_SAY }.to_string()),
        ..EqualityRow::default()
    }
}
