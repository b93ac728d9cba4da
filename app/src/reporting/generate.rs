//! Synthetic reports for demos and benchmarks (`cymuned generate --reports N`): spread over the
//! real wards of Wales in the last year, with a summer peak, an evening peak, hotspot wards,
//! repeats (the same kind of problem in the same ward a few days later), a mix of categories
//! like real intake, about one in six in Welsh, and statuses that follow their age. The same
//! seed gives the same reports. Never run against a production hub.

use crate::{
    reference::{locate::WardIndex, Location},
    reporting::{Category, ReportStatus},
};
use rand::{rngs::StdRng, Rng, SeedableRng};
use std::collections::HashMap;

/// One synthetic report, ready for the data layer (references are given when it is stored).
#[derive(Clone, Debug, PartialEq)]
pub struct SyntheticReport {
    pub tracking_hash: String,
    pub csp_id: i64,
    pub category_id: i64,
    pub ward_code: String,
    pub neighbourhood_id: i64,
    pub point: Option<(f64, f64)>,
    pub location_text: String,
    pub ongoing: bool,
    pub description: String,
    pub asb_qualifier: Option<super::AsbQualifier>,
    pub hate_strands: Option<String>,
    pub language: &'static str,
    pub sensitive: bool,
    pub status: ReportStatus,
    pub created_at: i64,
    pub acknowledged_at: Option<i64>,
}

/// How often each family of concern is reported (per 1,000).
const FAMILY_WEIGHTS: [(&str, u32); 8] = [
    ("asb", 450),
    ("environmental", 300),
    ("drugs", 80),
    ("vehicle", 70),
    ("other", 50),
    ("tension", 20),
    ("hate", 20),
    ("abuse", 10),
];

/// Reports by hour of the day (local time), evening-heavy.
const HOUR_WEIGHTS: [u32; 24] = [4, 3, 2, 1, 1, 1, 2, 3, 4, 5, 5, 6, 6, 6, 6, 7, 8, 9, 10, 11, 11, 10, 8, 6];

const PLACES: [&str; 8] = [
    "Near the shops",
    "The park by the school",
    "Behind the community centre",
    "The lane off the high street",
    "Bus stop on the main road",
    "Car park by the station",
    "Outside the flats",
    "The underpass",
];

fn description(rng: &mut StdRng, family: &str, welsh: bool) -> String {
    let en: &[&str] = match family {
        "asb" => &[
            "Groups shouting and fighting late at night.",
            "Loud music every night after midnight.",
            "Young people throwing stones at windows.",
            "Drinking and shouting outside the shop.",
        ],
        "environmental" => &[
            "Bags of rubbish dumped in the lane.",
            "Graffiti sprayed on the walls.",
            "Litter all over the play area.",
            "Needles left on the path.",
        ],
        "drugs" => &["Drug dealing from a car most evenings.", "People using drugs in the stairwell."],
        "vehicle" => &["Cars racing up and down the road at night.", "An abandoned van with no tax."],
        "hate" => &[
            "Shouted abuse at my neighbour because of their religion.",
            "Racist stickers on the lamp posts.",
        ],
        "abuse" => &["Worried about shouting and crying from next door."],
        "tension" => &["Rumours on social media are making people angry."],
        _ => &["Something is not right here and is getting worse."],
    };
    let cy: &[&str] = match family {
        "asb" => {
            &["Grwpiau'n gweiddi ac yn ymladd yn hwyr y nos.", "Cerddoriaeth uchel bob nos ar ôl hanner nos."]
        }
        "environmental" => &["Bagiau sbwriel wedi'u gadael yn y lôn.", "Graffiti ar y waliau."],
        "drugs" => &["Gwerthu cyffuriau o gar bron bob nos."],
        "vehicle" => &["Ceir yn rasio i fyny ac i lawr y ffordd yn y nos."],
        _ => &["Mae rhywbeth o'i le yma ac mae'n gwaethygu."],
    };
    let list = if welsh { cy } else { en };
    list[rng.gen_range(0..list.len())].to_string()
}

fn weighted<'a, T>(rng: &mut StdRng, items: &'a [(T, u32)]) -> &'a T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut pick = rng.gen_range(0..total);
    for (item, w) in items {
        if pick < *w {
            return item;
        }
        pick -= w;
    }
    &items[items.len() - 1].0
}

/// A status for a report of this age (days), as the queue would show it in a working CSP.
fn status_for_age(rng: &mut StdRng, days: i64) -> ReportStatus {
    use ReportStatus::*;
    let roll = rng.gen_range(0..100);
    match days {
        0..=2 => {
            if roll < 70 {
                Open
            } else {
                Investigating
            }
        }
        3..=13 => [Open, Investigating, Investigating, ActionScheduled, InProgress][roll as usize % 5],
        14..=59 => [Investigating, InProgress, ActionScheduled, Fixed, Fixed, NoFurtherAction, Closed]
            [roll as usize % 7],
        _ => {
            if roll < 8 {
                InProgress
            } else {
                [Fixed, Fixed, Fixed, NoFurtherAction, Closed, Duplicate, NotResponsible, InternalReferral]
                    [roll as usize % 8]
            }
        }
    }
}

/// Generates `count` reports ending at `now` (Unix seconds).
pub fn reports(
    count: usize,
    seed: u64,
    now: i64,
    wards: &WardIndex,
    categories: &HashMap<i64, Vec<Category>>,
) -> Vec<SyntheticReport> {
    let mut rng = StdRng::seed_from_u64(seed);
    let locations: Vec<&Location> =
        wards.locations().filter(|l| categories.contains_key(&l.csp_id)).collect();
    if locations.is_empty() {
        return Vec::new();
    }
    // One ward in twenty is a hotspot, ten times as busy.
    let ward_weights: Vec<(usize, u32)> =
        (0..locations.len()).map(|i| (i, if rng.gen_range(0..20) == 0 { 10 } else { 1 })).collect();
    let mut out: Vec<SyntheticReport> = Vec::with_capacity(count);
    for _ in 0..count {
        // A repeat: the same problem in the same place, some days after an earlier report.
        let repeat_of = (!out.is_empty() && rng.gen_range(0..10) == 0)
            .then(|| rng.gen_range(out.len().saturating_sub(5000)..out.len()));
        let (location, family_pick, created_at) = match repeat_of {
            Some(i) => {
                let earlier = &out[i];
                let location = locations
                    .iter()
                    .find(|l| l.ward.code == earlier.ward_code)
                    .copied()
                    .unwrap_or(locations[0]);
                let at = (earlier.created_at + rng.gen_range(3_600..14 * 86_400)).min(now);
                (location, Some(earlier.category_id), at)
            }
            None => {
                let location = locations[*weighted(&mut rng, &ward_weights)];
                // A day in the last year, more likely in summer (peak in July).
                let day = loop {
                    let d = rng.gen_range(0..365_i64);
                    let day_of_year = ((now - d * 86_400).div_euclid(86_400) % 365) as f64;
                    let summer =
                        1.0 + 0.35 * (2.0 * std::f64::consts::PI * (day_of_year - 105.0) / 365.0).sin();
                    if rng.gen_bool(summer / 1.35) {
                        break d;
                    }
                };
                let hour = *weighted(
                    &mut rng,
                    &HOUR_WEIGHTS.iter().enumerate().map(|(h, w)| (h as i64, *w)).collect::<Vec<_>>(),
                );
                let midnight = (now - day * 86_400).div_euclid(86_400) * 86_400;
                (location, None, (midnight + hour * 3_600 + rng.gen_range(0..3_600)).min(now))
            }
        };
        let csp_categories = &categories[&location.csp_id];
        let category = match family_pick.and_then(|id| csp_categories.iter().find(|c| c.id == id)) {
            Some(c) => c,
            None => {
                let family = *weighted(&mut rng, &FAMILY_WEIGHTS);
                let of_family: Vec<&Category> =
                    csp_categories.iter().filter(|c| c.family.as_str() == family).collect();
                if of_family.is_empty() {
                    &csp_categories[0]
                } else {
                    of_family[rng.gen_range(0..of_family.len())]
                }
            }
        };
        let welsh = rng.gen_range(0..6) == 0;
        // Six in ten have a point, anywhere in the ward; a repeat is within about 100 m of the earlier one.
        let point = if rng.gen_range(0..10) < 6 {
            match repeat_of.and_then(|i| out[i].point) {
                Some((lat, lon)) => {
                    Some((lat + rng.gen_range(-0.0009..0.0009), lon + rng.gen_range(-0.0013..0.0013)))
                }
                None => wards.random_point(&location.ward.code, || rng.gen::<f64>()),
            }
        } else {
            None
        };
        let age_days = (now - created_at) / 86_400;
        let status = status_for_age(&mut rng, age_days);
        let acknowledged_at = (status != ReportStatus::Open || age_days > 2)
            .then(|| created_at + rng.gen_range(600..2 * 86_400))
            .map(|t| t.min(now));
        let tracking_hash: String = (0..32).map(|_| format!("{:02x}", rng.gen::<u8>())).collect();
        out.push(SyntheticReport {
            tracking_hash,
            csp_id: location.csp_id,
            category_id: category.id,
            ward_code: location.ward.code.clone(),
            neighbourhood_id: location.neighbourhood_id,
            point,
            location_text: PLACES[rng.gen_range(0..PLACES.len())].to_string(),
            ongoing: rng.gen_bool(0.4),
            description: description(&mut rng, category.family.as_str(), welsh),
            asb_qualifier: (category.family == super::Family::Asb)
                .then(|| super::AsbQualifier::ALL[rng.gen_range(0..super::AsbQualifier::ALL.len())]),
            hate_strands: (category.family == super::Family::Hate).then(|| {
                ["race", "religion", "disability", "sexual_orientation", "transgender"][rng.gen_range(0..5)]
                    .to_string()
            }),
            language: if welsh { "cy" } else { "en" },
            sensitive: category.sensitive,
            status,
            created_at,
            acknowledged_at,
        });
    }
    out
}
