//! The anonymised export of a campaign's answers (`/staff/engagement/{id}/export.csv`): one row
//! per response, numbered from 1 (never its database id), with its channel, neighbourhood, the
//! day it was submitted and one column per question (merged by key over the survey's versions,
//! as the results page shows them).
//!
//! **No equality data.** Equality monitoring is special-category data kept apart from the
//! answers; joined to free text and a neighbourhood, a row could name a person. So this export
//! has none, and there is no second export of it per response: equality data leaves the hub
//! only as the suppressed counts of the results filters and the reach view.
//!
//! Every cell that a spreadsheet would read as a formula (one beginning with `=`, `+`, `-`, `@`,
//! a tab or a carriage return) is neutralised with a leading apostrophe.

use crate::{
    engagement::{
        results::Version,
        survey::{Question, QuestionKind},
    },
    i18n::Lang,
    reference::Names,
};
use std::collections::HashMap;

/// A cell that cannot be read as a formula.
pub fn neutralise(value: &str) -> String {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_string(),
    }
}

/// A CSV field: neutralised, and quoted when it holds a comma, a quote or a line break.
pub fn field(value: &str) -> String {
    let value = neutralise(value);
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// One CSV line (RFC 4180: CRLF).
pub fn line(cells: &[String]) -> String {
    let mut out = cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    out
}

/// The export's columns: each question key once (newest version's words first), as results
/// merge them.
pub fn columns(versions: &[Version]) -> Vec<Question> {
    let mut out: Vec<Question> = Vec::new();
    for v in versions.iter().rev() {
        for q in &v.survey.questions {
            if !out.iter().any(|o| o.key == q.key) {
                out.push(q.clone());
            }
        }
    }
    out
}

/// One response as exported: what precedes its answers, already in words.
pub struct Row {
    pub version_id: i64,
    pub channel: String,
    pub neighbourhood: String,
    pub submitted: String,
    /// Its answer rows, ranked options in rank order.
    pub answers: Vec<Answer>,
}

/// One stored answer row.
pub struct Answer {
    pub question: String,
    pub choice: Option<String>,
    pub number: Option<i64>,
    pub text: Option<String>,
    pub neighbourhood_id: Option<i64>,
}

/// The words of the fixed columns.
pub struct Headings {
    pub response: String,
    pub channel: String,
    pub neighbourhood: String,
    pub submitted: String,
}

/// The whole file. Options are written in `lang` as the response's own version worded them
/// (an option only another version had: that version's words); places as their neighbourhood.
pub fn csv(
    lang: Lang,
    versions: &[Version],
    headings: &Headings,
    rows: &[Row],
    places: &HashMap<i64, Names>,
) -> String {
    let columns = columns(versions);
    let mut labels: HashMap<(i64, &str, &str), &Names> = HashMap::new();
    let mut any_label: HashMap<(&str, &str), &Names> = HashMap::new();
    for v in versions {
        for q in &v.survey.questions {
            for o in &q.options {
                labels.insert((v.id, q.key.as_str(), o.key.as_str()), &o.label);
                any_label.insert((q.key.as_str(), o.key.as_str()), &o.label);
            }
        }
    }
    let mut head = vec![
        headings.response.clone(),
        headings.channel.clone(),
        headings.neighbourhood.clone(),
        headings.submitted.clone(),
    ];
    head.extend(columns.iter().map(|q| format!("{}: {}", q.key, q.text.get(lang))));
    let mut out = line(&head);
    for (i, row) in rows.iter().enumerate() {
        let mut cells =
            vec![(i + 1).to_string(), row.channel.clone(), row.neighbourhood.clone(), row.submitted.clone()];
        for q in &columns {
            let mine: Vec<&Answer> = row.answers.iter().filter(|a| a.question == q.key).collect();
            let words: Vec<String> = mine
                .iter()
                .map(|a| {
                    if let Some(c) = &a.choice {
                        let label = labels
                            .get(&(row.version_id, q.key.as_str(), c.as_str()))
                            .or_else(|| any_label.get(&(q.key.as_str(), c.as_str())));
                        label.map(|l| l.get(lang).to_string()).unwrap_or_else(|| c.clone())
                    } else if let Some(n) = a.neighbourhood_id {
                        places.get(&n).map(|p| p.get(lang).to_string()).unwrap_or_default()
                    } else if let Some(t) = &a.text {
                        t.clone()
                    } else {
                        a.number.map(|n| n.to_string()).unwrap_or_default()
                    }
                })
                .collect();
            let separator = if q.kind == QuestionKind::Ranking { " > " } else { "; " };
            cells.push(words.join(separator));
        }
        out.push_str(&line(&cells));
    }
    out
}

/// `GET /staff/engagement/{id}/export.csv` (and `/cy/...`, with Welsh headings and words): the
/// anonymised answers as a file to save, for the CSP's staff who read results. Audited.
#[cfg(feature = "ssr")]
pub async fn export(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    staff: crate::staff::guard::Staff,
    axum::extract::Path(id): axum::extract::Path<i64>,
    uri: axum::http::Uri,
) -> axum::response::Response {
    use crate::{
        audit::{AuditAction, NewAuditEntry},
        db,
        engagement::results_pages::{channel_name, read_versions, unavailable},
        shell::problem::{page, Problem},
        staff::Permission,
        t,
    };
    use axum::{http::header, response::IntoResponse};
    let lang = Lang::from_path(uri.path());
    let campaign = match db::engagement::campaign(&state.db, id).await {
        Ok(Some(c)) => c,
        Ok(None) => return page(lang, Problem::NotFound),
        Err(e) => return unavailable(lang, e),
    };
    if let Err(refused) = staff.require(
        lang,
        Permission::ViewEngagementResults,
        Permission::ViewEngagementResults,
        campaign.csp_id,
    ) {
        return refused;
    }
    let versions = match db::engagement::survey_of_campaign(&state.db, id).await {
        Ok(Some(s)) => match db::engagement::survey_versions(&state.db, s.id).await {
            Ok(v) => read_versions(&v),
            Err(e) => return unavailable(lang, e),
        },
        Ok(None) => Vec::new(),
        Err(e) => return unavailable(lang, e),
    };
    let (responses, answers, places) = match (
        db::results::export_responses(&state.db, id).await,
        db::results::export_answers(&state.db, id).await,
        db::reference::neighbourhoods(&state.db, campaign.csp_id).await,
    ) {
        (Ok(r), Ok(a), Ok(n)) => (r, a, n),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return unavailable(lang, e),
    };
    let places: HashMap<i64, Names> = places.into_iter().map(|n| (n.id, n.name)).collect();
    let mut by_response: HashMap<i64, Vec<Answer>> = HashMap::new();
    for a in answers {
        by_response.entry(a.response_id).or_default().push(Answer {
            question: a.question,
            choice: a.choice,
            number: a.number,
            text: a.text,
            neighbourhood_id: a.neighbourhood_id,
        });
    }
    for answers in by_response.values_mut() {
        // A ranking's options in rank order; chosen options in a fixed order.
        answers.sort_by(|a, b| (&a.question, a.number, &a.choice).cmp(&(&b.question, b.number, &b.choice)));
    }
    let rows: Vec<Row> = responses
        .into_iter()
        .map(|r| Row {
            version_id: r.survey_version_id,
            channel: channel_name(lang, r.channel),
            neighbourhood: r
                .neighbourhood_id
                .and_then(|n| places.get(&n))
                .map(|n| n.get(lang).to_string())
                .unwrap_or_default(),
            submitted: crate::time::iso_date(r.submitted_at),
            answers: by_response.remove(&r.id).unwrap_or_default(),
        })
        .collect();
    let headings = Headings {
        response: t!(lang, "export-response"),
        channel: t!(lang, "export-channel"),
        neighbourhood: t!(lang, "export-neighbourhood"),
        submitted: t!(lang, "export-submitted"),
    };
    let body = format!("\u{feff}{}", csv(lang, &versions, &headings, &rows, &places));
    let entry = NewAuditEntry {
        actor_user_id: Some(staff.user.id),
        actor_label: staff.user.email.clone(),
        action: Some(AuditAction::EngagementAnswersExported),
        record_type: Some("campaign".into()),
        record_id: Some(id.to_string()),
        csp_id: Some(campaign.csp_id),
        ip: Some(staff.ip.clone()),
        detail: Some(format!("{} responses", rows.len())),
    };
    if let Err(e) = db::audit::record(&state.db, entry).await {
        return unavailable(lang, e);
    }
    let slug: String = campaign.slug.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    let filename = format!("{slug}-responses.csv");
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engagement::survey::{Choice, Survey};

    #[test]
    fn formulas_are_neutralised() {
        for bad in ["=SUM(A1)", "+44 29", "-1", "@cmd", "\tx", "\rx"] {
            assert!(neutralise(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(neutralise("Fine"), "Fine");
        assert_eq!(neutralise(""), "");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(line(&["1".into(), "-2".into()]), "1,'-2\r\n");
    }

    fn question(key: &str, kind: QuestionKind, options: &[(&str, &str)]) -> Question {
        Question {
            key: key.into(),
            kind,
            text: Names::new(format!("{key} words"), format!("geiriau {key}")),
            help: Names::new("", ""),
            options: options
                .iter()
                .map(|(k, l)| Choice { key: (*k).into(), label: Names::new(*l, format!("{l} cy")) })
                .collect(),
            required: false,
            max_choices: None,
            rating_labels: None,
            show_if: None,
        }
    }

    #[test]
    fn one_row_per_response_numbered_from_one() {
        let survey = Survey {
            questions: vec![
                question("q1", QuestionKind::MultipleChoice, &[("a", "Apples"), ("b", "Bread")]),
                question("q2", QuestionKind::Ranking, &[("x", "X"), ("y", "Y")]),
                question("q3", QuestionKind::FreeText, &[]),
                question("q4", QuestionKind::Place, &[]),
                question("q5", QuestionKind::Rating, &[]),
            ],
        };
        let versions = vec![Version { id: 3, number: 1, survey }];
        let answer =
            |q: &str, choice: Option<&str>, number: Option<i64>, text: Option<&str>, n: Option<i64>| Answer {
                question: q.into(),
                choice: choice.map(Into::into),
                number,
                text: text.map(Into::into),
                neighbourhood_id: n,
            };
        let rows = vec![Row {
            version_id: 3,
            channel: "Ar-lein".into(),
            neighbourhood: "Sblot".into(),
            submitted: "2026-12-01".into(),
            answers: vec![
                answer("q1", Some("a"), None, None, None),
                answer("q1", Some("b"), None, None, None),
                answer("q2", Some("y"), Some(1), None, None),
                answer("q2", Some("x"), Some(2), None, None),
                answer("q3", None, None, Some("=cmd|' /C calc'!A0"), None),
                answer("q4", None, None, Some("W05001"), Some(9)),
                answer("q5", None, Some(4), None, None),
            ],
        }];
        let headings = Headings {
            response: "Ymateb".into(),
            channel: "Sianel".into(),
            neighbourhood: "Cymdogaeth".into(),
            submitted: "Anfonwyd".into(),
        };
        let places = HashMap::from([(9, Names::new("Splott", "Sblot"))]);
        let out = csv(Lang::Cy, &versions, &headings, &rows, &places);
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(lines[0], "Ymateb,Sianel,Cymdogaeth,Anfonwyd,q1: geiriau q1,q2: geiriau q2,q3: geiriau q3,q4: geiriau q4,q5: geiriau q5");
        assert_eq!(
            lines[1],
            "1,Ar-lein,Sblot,2026-12-01,Apples cy; Bread cy,Y cy > X cy,'=cmd|' /C calc'!A0,Sblot,4"
        );
        assert_eq!(lines.len(), 3);
    }
}
