//! Reading ONS Census 2021 tables as the ONS and Nomis publish them (CSV), for
//! `cymuned import-population`.
//!
//! Two published shapes are read:
//! - **long** ("Create a custom dataset" on ons.gov.uk, and the ONS area downloads): one row per
//!   area and category, with the columns `<area type> Code`, `<area type>`, `<variable> Code`,
//!   `<variable>` and `Observation` (for example `Electoral wards and divisions Code`, ...,
//!   `Age (18 categories)`, `Observation`);
//! - **wide** (the Nomis "bulk" files, `census2021-ts007a-ward.csv`): one row per area, with
//!   `geography code` and one column per category, named `<variable>: <category>` (a trailing
//!   `; measures: Value` is ignored).
//!
//! Each table is mapped onto the groups the reach view compares (`reach::ReachTopic::groups`):
//! - **age** (TS007A five-year bands, or TS007 single years): each census age group must fall
//!   inside one band (under 15, 15 to 24, 25 to 34, ..., 65 to 74, 75 and over), and is added
//!   to it; the groups must cover every age once (none left out, which would shrink a band). A
//!   table with other bands (Age (6 categories) starts "15 years and under") is refused rather
//!   than split.
//! - **sex** (TS008): female, male.
//! - **ethnic group** (TS021, 20 or 6 categories): each of the 19 categories is added to its
//!   high-level group (the text before the colon); the high-level subtotals of the wide file
//!   are left out when the categories are there; "does not apply" is left out.
//! - **Welsh language** (TS033, speaking): "can speak Welsh", "cannot speak Welsh". The detailed
//!   skills table (TS032) is refused: its "other combination of skills" mixes people who speak
//!   Welsh with people who do not, so it cannot be split without guessing.
//!
//! Totals ("Total", "All persons", "All usual residents") are left out; any other category the
//! mapping does not know refuses the whole file.

use super::reach::{PopulationRow, ReachTopic, WelshSpeaking};
use std::collections::BTreeMap;
use std::fmt;

/// A census table read and mapped: counts per area and compared group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CensusTable {
    pub topic: ReachTopic,
    /// One row per area and group (under 15 included for age).
    pub rows: Vec<PopulationRow>,
}

/// Why a file cannot be read as a census table (each names the line where it can).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CensusError {
    NotCsv(String),
    Columns(Vec<String>),
    Topic(String),
    WelshDetailed(String),
    AgeBand { line: u64, label: String },
    AgeGaps,
    Category { line: u64, label: String },
    Count { line: u64, value: String },
    AreaCode { line: u64, value: String },
    Repeated { line: u64, area: String, label: String },
    Empty,
}

impl fmt::Display for CensusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CensusError::NotCsv(e) => write!(f, "this is not a CSV file the hub can read ({e})"),
            CensusError::Columns(headers) => write!(
                f,
                "the columns are not those of an ONS Census 2021 table: expected either an area code column \
                 ('... Code'), a category column and 'Observation' (ONS custom dataset), or 'geography code' \
                 and one column per category (Nomis bulk file); found: {}",
                headers.join(", ")
            ),
            CensusError::Topic(name) => write!(
                f,
                "'{name}' is not a table the hub compares: import age (TS007A or TS007), sex (TS008), ethnic \
                 group (TS021) or Welsh language skills (speaking) (TS033)"
            ),
            CensusError::WelshDetailed(name) => write!(
                f,
                "'{name}' is the detailed Welsh language skills table (TS032), whose 'other combination of \
                 skills' mixes people who speak Welsh with people who do not: import TS033, Welsh language \
                 skills (speaking), instead"
            ),
            CensusError::AgeBand { line, label } => write!(
                f,
                "line {line}: the age group '{label}' does not fall inside one of the hub's bands (under 15, \
                 15 to 24, 25 to 34, 35 to 44, 45 to 54, 55 to 64, 65 to 74, 75 and over): import TS007A \
                 (five-year bands) or TS007 (single years of age)"
            ),
            CensusError::AgeGaps => write!(
                f,
                "the age groups do not cover every age once, from 0 to the oldest: import the whole of TS007A \
                 (five-year bands) or TS007 (single years of age), without leaving categories out"
            ),
            CensusError::Category { line, label } => write!(f, "line {line}: unknown category '{label}'"),
            CensusError::Count { line, value } => {
                write!(f, "line {line}: '{value}' is not a count (a whole number, 0 or more)")
            }
            CensusError::AreaCode { line, value } => {
                write!(f, "line {line}: '{value}' is not an ONS area code (such as W05000853 or W06000015)")
            }
            CensusError::Repeated { line, area, label } => {
                write!(f, "line {line}: '{label}' for {area} is given a second time")
            }
            CensusError::Empty => write!(f, "the file holds no figures"),
        }
    }
}

impl std::error::Error for CensusError {}

/// Reads one published census table and maps it onto the compared groups.
pub fn read(text: &str) -> Result<CensusTable, CensusError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| CensusError::NotCsv(e.to_string()))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let lower: Vec<String> = headers.iter().map(|h| h.to_ascii_lowercase()).collect();
    let mut seen: BTreeMap<(String, String), ()> = BTreeMap::new();
    let mut cells: Vec<(u64, String, String, String)> = Vec::new(); // line, area, label, count
    let topic;
    if let Some(area) = lower.iter().position(|h| h == "geography code") {
        // Wide: one column per category, named "<variable>: <category>".
        let columns: Vec<usize> = (0..headers.len()).filter(|&i| headers[i].contains(": ")).collect();
        let Some(&first) = columns.first() else { return Err(CensusError::Columns(headers)) };
        let variable = headers[first].split(": ").next().unwrap_or_default().to_string();
        topic = topic_of(&variable)?;
        for record in reader.records() {
            let record = record.map_err(|e| CensusError::NotCsv(e.to_string()))?;
            let line = record.position().map(|p| p.line()).unwrap_or(0);
            for &i in &columns {
                let name = headers[i].split_once(": ").map(|(_, c)| c).unwrap_or_default();
                let label = name.split("; measures:").next().unwrap_or_default().trim().to_string();
                cells.push((line, record[area].trim().to_string(), label, record[i].trim().to_string()));
            }
        }
    } else {
        // Long: "<area> Code", "<area>", "<variable> Code", "<variable>", "Observation".
        let observation = lower.iter().position(|h| h == "observation" || h == "count");
        let codes: Vec<usize> = (0..lower.len()).filter(|&i| lower[i].ends_with(" code")).collect();
        let (Some(observation), [area, category_code, ..]) = (observation, codes.as_slice()) else {
            return Err(CensusError::Columns(headers));
        };
        let (area, category_code) = (*area, *category_code);
        let variable =
            headers[category_code][..headers[category_code].len() - " code".len()].trim().to_string();
        let label_column =
            lower.iter().position(|h| *h == variable.to_ascii_lowercase()).unwrap_or(category_code);
        topic = topic_of(&variable)?;
        for record in reader.records() {
            let record = record.map_err(|e| CensusError::NotCsv(e.to_string()))?;
            let line = record.position().map(|p| p.line()).unwrap_or(0);
            cells.push((
                line,
                record[area].trim().to_string(),
                record[label_column].trim().to_string(),
                record[observation].trim().to_string(),
            ));
        }
    }
    // The ethnic group's high-level subtotals are left out when its categories are there.
    let detailed =
        topic == ReachTopic::EthnicGroup && cells.iter().any(|(_, _, l, _)| !is_total(l) && l.contains(':'));
    let mut sums: BTreeMap<(String, &'static str), i64> = BTreeMap::new();
    let mut ages: std::collections::BTreeSet<(u32, Option<u32>)> = std::collections::BTreeSet::new();
    for (line, area, label, count) in cells {
        if is_total(&label) || (detailed && !label.contains(':')) {
            continue;
        }
        if !is_area_code(&area) {
            return Err(CensusError::AreaCode { line, value: area });
        }
        if seen.insert((area.clone(), label.clone()), ()).is_some() {
            return Err(CensusError::Repeated { line, area, label });
        }
        let count = count
            .replace(',', "")
            .parse::<i64>()
            .ok()
            .filter(|c| *c >= 0)
            .ok_or_else(|| CensusError::Count { line, value: count.clone() })?;
        let Some(group) = group_of(topic, &label, line)? else { continue };
        if topic == ReachTopic::AgeBand {
            ages.extend(age_range(&label.to_ascii_lowercase()));
        }
        *sums.entry((area, group)).or_default() += count;
    }
    if topic == ReachTopic::AgeBand && !covers_every_age(&ages) {
        return Err(CensusError::AgeGaps);
    }
    if sums.is_empty() {
        return Err(CensusError::Empty);
    }
    Ok(CensusTable {
        topic,
        rows: sums
            .into_iter()
            .map(|((area_code, category), count)| PopulationRow {
                area_code,
                topic: topic.as_str().to_string(),
                category: category.to_string(),
                count,
            })
            .collect(),
    })
}

/// The topic of a variable's name as the ONS writes it ("Age (18 categories)").
fn topic_of(variable: &str) -> Result<ReachTopic, CensusError> {
    let v = variable.to_ascii_lowercase();
    if v.starts_with("age") {
        Ok(ReachTopic::AgeBand)
    } else if v.starts_with("sex") {
        Ok(ReachTopic::Sex)
    } else if v.starts_with("ethnic group") {
        Ok(ReachTopic::EthnicGroup)
    } else if v.contains("welsh") && v.contains("speak") {
        Ok(ReachTopic::WelshLanguage)
    } else if v.contains("welsh") {
        Err(CensusError::WelshDetailed(variable.to_string()))
    } else {
        Err(CensusError::Topic(variable.to_string()))
    }
}

fn is_total(label: &str) -> bool {
    let l = label.to_ascii_lowercase();
    l.starts_with("total") || l.starts_with("all ")
}

/// An ONS (GSS) area code: a letter and eight digits.
fn is_area_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 9 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit)
}

/// The compared group a census category is added to (`None`: left out, as "does not apply").
fn group_of(topic: ReachTopic, label: &str, line: u64) -> Result<Option<&'static str>, CensusError> {
    let l = label.to_ascii_lowercase();
    if l == "does not apply" {
        return Ok(None);
    }
    let unknown = || CensusError::Category { line, label: label.to_string() };
    let group = match topic {
        ReachTopic::AgeBand => {
            age_band(&l).ok_or_else(|| CensusError::AgeBand { line, label: label.to_string() })?
        }
        ReachTopic::Sex => match l.as_str() {
            "female" => "female",
            "male" => "male",
            _ => return Err(unknown()),
        },
        ReachTopic::EthnicGroup => {
            let family = l.split(':').next().unwrap_or_default().trim();
            [
                ("asian", "asian"),
                ("black", "black"),
                ("mixed", "mixed"),
                ("white", "white"),
                ("other ethnic group", "other"),
            ]
            .into_iter()
            .find(|(prefix, _)| family.starts_with(prefix))
            .map(|(_, g)| g)
            .ok_or_else(unknown)?
        }
        ReachTopic::WelshLanguage => match l.as_str() {
            "can speak welsh" => WelshSpeaking::Speaks.as_str(),
            "cannot speak welsh" => WelshSpeaking::DoesNotSpeak.as_str(),
            _ => return Err(unknown()),
        },
    };
    Ok(Some(group))
}

/// Whether age groups cover every age exactly once, from 0 to "and over" (so that each band
/// is the sum of the census groups inside it, none missing).
fn covers_every_age(ages: &std::collections::BTreeSet<(u32, Option<u32>)>) -> bool {
    let mut next = Some(0);
    for &(low, high) in ages {
        if next != Some(low) {
            return false;
        }
        next = high.map(|h| h + 1);
    }
    next.is_none()
}

/// The ages of an ONS age group ("Aged 15 to 19 years", "Aged 4 years and under", "Aged 85
/// years and over", "Aged 16 years", "Aged under 1 year"): from, and to (none: and over).
fn age_range(label: &str) -> Option<(u32, Option<u32>)> {
    let numbers: Vec<u32> = label
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    Some(if label.contains("under 1 year") {
        (0, Some(0))
    } else if label.contains("and under") || label.contains("or under") {
        (0, Some(*numbers.first()?))
    } else if label.contains("and over") || label.contains("or over") || label.contains('+') {
        (*numbers.first()?, None)
    } else {
        match numbers.as_slice() {
            [one] => (*one, Some(*one)),
            [from, to] if from <= to => (*from, Some(*to)),
            _ => return None,
        }
    })
}

/// The band an ONS age group falls inside, if one.
fn age_band(label: &str) -> Option<&'static str> {
    let (low, high) = age_range(label)?;
    const BANDS: [(u32, Option<u32>, &str); 8] = [
        (0, Some(14), "under_15"),
        (15, Some(24), "15_24"),
        (25, Some(34), "25_34"),
        (35, Some(44), "35_44"),
        (45, Some(54), "45_54"),
        (55, Some(64), "55_64"),
        (65, Some(74), "65_74"),
        (75, None, "75_plus"),
    ];
    BANDS
        .iter()
        .find(|(from, to, _)| {
            low >= *from
                && match (high, to) {
                    (_, None) => true,
                    (Some(h), Some(t)) => h <= *t,
                    (None, Some(_)) => false,
                }
        })
        .map(|(_, _, band)| *band)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(t: &CensusTable) -> Vec<(String, String, i64)> {
        t.rows.iter().map(|r| (r.area_code.clone(), r.category.clone(), r.count)).collect()
    }

    fn row(area: &str, category: &str, count: i64) -> (String, String, i64) {
        (area.into(), category.into(), count)
    }

    #[test]
    fn ons_age_groups_fall_into_the_bands() {
        assert_eq!(age_band("aged 4 years and under"), Some("under_15"));
        assert_eq!(age_band("aged 10 to 14 years"), Some("under_15"));
        assert_eq!(age_band("aged 15 to 19 years"), Some("15_24"));
        assert_eq!(age_band("aged 20 to 24 years"), Some("15_24"));
        assert_eq!(age_band("aged 70 to 74 years"), Some("65_74"));
        assert_eq!(age_band("aged 75 to 79 years"), Some("75_plus"));
        assert_eq!(age_band("aged 85 years and over"), Some("75_plus"));
        assert_eq!(age_band("aged under 1 year"), Some("under_15"));
        assert_eq!(age_band("aged 16 years"), Some("15_24"));
        assert_eq!(age_band("aged 100 years and over"), Some("75_plus"));
        // Groups that straddle two of the hub's bands are refused, not split.
        assert_eq!(age_band("aged 15 years and under"), None);
        assert_eq!(age_band("aged 65 years and over"), None);
        assert_eq!(age_band("grown up"), None);
    }

    /// TS007A's 18 groups for one ward, each of `count` people (the first `skip` left out).
    fn ts007a(count: &str, skip: usize) -> String {
        let mut labels = vec!["Aged 4 years and under".to_string()];
        labels.extend((1..17).map(|i| format!("Aged {} to {} years", i * 5, i * 5 + 4)));
        labels.push("Aged 85 years and over".into());
        let mut csv = "\u{feff}\"Electoral wards and divisions Code\",\"Electoral wards and divisions\",\"Age (18 categories) Code\",\"Age (18 categories)\",\"Observation\"\n".to_string();
        for (i, l) in labels.iter().enumerate().skip(skip) {
            csv.push_str(&format!("W05000853,Adamsdown,{},{l},\"{count}\"\n", i + 1));
        }
        csv
    }

    #[test]
    fn a_custom_dataset_is_read_and_added_up_per_band() {
        let t = read(&ts007a("1,000", 0)).unwrap();
        assert_eq!(t.topic, ReachTopic::AgeBand);
        assert_eq!(
            rows(&t),
            vec![
                row("W05000853", "15_24", 2000),
                row("W05000853", "25_34", 2000),
                row("W05000853", "35_44", 2000),
                row("W05000853", "45_54", 2000),
                row("W05000853", "55_64", 2000),
                row("W05000853", "65_74", 2000),
                row("W05000853", "75_plus", 3000),
                row("W05000853", "under_15", 3000),
            ]
        );
        assert!(t.rows.iter().all(|r| r.topic == "age_band"));
        // A group left out would make its band too small: refused.
        assert_eq!(read(&ts007a("1000", 1)), Err(CensusError::AgeGaps));
    }

    #[test]
    fn ethnic_groups_are_added_to_their_high_level_group() {
        let csv = "Lower tier local authorities Code,Lower tier local authorities,Ethnic group (20 categories) Code,Ethnic group (20 categories),Observation\n\
            W06000015,Cardiff,-8,Does not apply,0\n\
            W06000015,Cardiff,1,\"Asian, Asian British or Asian Welsh: Bangladeshi\",5000\n\
            W06000015,Cardiff,3,\"Asian, Asian British or Asian Welsh: Indian\",8000\n\
            W06000015,Cardiff,7,\"Black, Black British, Black Welsh, Caribbean or African: Caribbean\",1500\n\
            W06000015,Cardiff,13,\"White: English, Welsh, Scottish, Northern Irish or British\",270000\n\
            W06000015,Cardiff,15,White: Gypsy or Irish Traveller,300\n\
            W06000015,Cardiff,18,Other ethnic group: Arab,6000\n";
        let t = read(csv).unwrap();
        assert_eq!(
            rows(&t),
            vec![
                row("W06000015", "asian", 13000),
                row("W06000015", "black", 1500),
                row("W06000015", "other", 6000),
                row("W06000015", "white", 270300),
            ]
        );
    }

    #[test]
    fn a_nomis_bulk_file_is_read_without_its_totals_and_subtotals() {
        let csv = "date,geography,geography code,Ethnic group: Total: All usual residents,\"Ethnic group: Asian, Asian British or Asian Welsh\",\"Ethnic group: Asian, Asian British or Asian Welsh: Chinese\",\"Ethnic group: Asian, Asian British or Asian Welsh: Other Asian\",Ethnic group: White,Ethnic group: White: Irish\n\
            2021,Adamsdown,W05000853,1000,300,100,200,700,700\n";
        let t = read(csv).unwrap();
        assert_eq!(rows(&t), vec![row("W05000853", "asian", 300), row("W05000853", "white", 700)]);
        let sex = "date,geography,geography code,Sex: All persons; measures: Value,Sex: Female; measures: Value,Sex: Male; measures: Value\n\
            2021,Adamsdown,W05000853,11000,5400,5600\n";
        let t = read(sex).unwrap();
        assert_eq!(t.topic, ReachTopic::Sex);
        assert_eq!(rows(&t), vec![row("W05000853", "female", 5400), row("W05000853", "male", 5600)]);
    }

    #[test]
    fn welsh_speaking_is_read_and_the_detailed_table_refused() {
        let csv = "Electoral wards and divisions Code,Electoral wards and divisions,Welsh language skills (speaking) (3 categories) Code,Welsh language skills (speaking) (3 categories),Observation\n\
            W05000853,Adamsdown,-8,Does not apply,400\n\
            W05000853,Adamsdown,1,Can speak Welsh,900\n\
            W05000853,Adamsdown,2,Cannot speak Welsh,9700\n";
        let t = read(csv).unwrap();
        assert_eq!(rows(&t), vec![row("W05000853", "does_not_speak", 9700), row("W05000853", "speaks", 900)]);
        let detailed = "Electoral wards and divisions Code,Electoral wards and divisions,Welsh language skills (detailed) (10 categories) Code,Welsh language skills (detailed) (10 categories),Observation\n\
            W05000853,Adamsdown,8,Other combination of skills in Welsh,40\n";
        assert!(matches!(read(detailed), Err(CensusError::WelshDetailed(_))));
    }

    #[test]
    fn anything_else_is_refused_with_its_line() {
        let head = "Electoral wards and divisions Code,Electoral wards and divisions,Sex (2 categories) Code,Sex (2 categories),Observation\n";
        let refused = |body: &str| read(&format!("{head}{body}")).unwrap_err();
        assert_eq!(
            refused("W05000853,Adamsdown,1,Female,5400\nW05000853,Adamsdown,3,Unknown,5\n"),
            CensusError::Category { line: 3, label: "Unknown".into() }
        );
        assert_eq!(
            refused("W05000853,Adamsdown,1,Female,lots\n"),
            CensusError::Count { line: 2, value: "lots".into() }
        );
        assert_eq!(
            refused("W05000853,Adamsdown,1,Female,-3\n"),
            CensusError::Count { line: 2, value: "-3".into() }
        );
        assert_eq!(
            refused("Adamsdown,Adamsdown,1,Female,3\n"),
            CensusError::AreaCode { line: 2, value: "Adamsdown".into() }
        );
        assert!(matches!(
            refused("W05000853,Adamsdown,1,Female,3\nW05000853,Adamsdown,1,Female,3\n"),
            CensusError::Repeated { line: 3, .. }
        ));
        assert!(matches!(refused("W05000853,Adamsdown,1,Female\n"), CensusError::NotCsv(_)));
        assert_eq!(refused(""), CensusError::Empty);
        assert!(matches!(read("name,value\nx,1\n"), Err(CensusError::Columns(_))));
        assert!(matches!(read("{\"json\": true}"), Err(CensusError::Columns(_))));
        let religion = "Electoral wards and divisions Code,Electoral wards and divisions,Religion (10 categories) Code,Religion (10 categories),Observation\nW05000853,Adamsdown,1,No religion,5\n";
        assert!(matches!(read(religion), Err(CensusError::Topic(_))));
        // Age (6 categories) starts "15 years and under", which straddles two bands.
        let bands = "Electoral wards and divisions Code,Electoral wards and divisions,Age (6 categories) Code,Age (6 categories),Observation\nW05000853,Adamsdown,1,Aged 15 years and under,5\nW05000853,Adamsdown,2,Aged 16 to 24 years,5\n";
        assert!(matches!(read(bands), Err(CensusError::AgeBand { line: 2, .. })));
        // Every refusal reads as a sentence naming what to do.
        assert!(CensusError::WelshDetailed("x".into()).to_string().contains("TS033"));
    }
}
