//! The Community Trigger: each CSP's rules, the reports the rules look at, the flags they set,
//! verified contact details, and case review applications with their deadlines and figures.

use super::{format_date, now, Db, DbError};
use crate::trigger::{evaluate, reporter_identity, CaseReview, TriggerCandidate, TriggerRules, YearFigures};
use sqlx::{any::AnyRow, Row as _};

pub async fn rules(db: &Db, csp_id: i64) -> Result<TriggerRules, DbError> {
    let row = sqlx::query(
        "SELECT trigger_reports, trigger_window_days, trigger_location_rule, trigger_hate_rule, review_acknowledge_days, review_decide_days, \
                link_window_days, link_distance_metres \
         FROM csp_settings WHERE csp_id = $1",
    )
    .bind(csp_id)
    .fetch_optional(db.reader())
    .await?;
    let Some(r) = row else { return Ok(TriggerRules::default()) };
    Ok(TriggerRules {
        reports: r.try_get(0)?,
        window_days: r.try_get(1)?,
        location_rule: r.try_get::<i64, _>(2)? == 1,
        hate_rule: r.try_get::<i64, _>(3)? == 1,
        review_acknowledge_days: r.try_get(4)?,
        review_decide_days: r.try_get(5)?,
        link_window_days: r.try_get(6)?,
        link_distance_metres: r.try_get(7)?,
    })
}

/// Saves a CSP's triage and trigger settings, and checks its open ASB and hate reports against
/// the new rules in the same transaction (see `recheck`). Returns (newly flagged, cleared).
pub async fn save_settings(
    db: &Db,
    csp_id: i64,
    acknowledge_days: i64,
    rules: &TriggerRules,
) -> Result<(usize, usize), DbError> {
    let mut tx = db.writer().begin().await?;
    // The settings row first: it holds the CSP's changes of rules one at a time, and the
    // reports are then read inside this transaction, as they are when it writes their flags.
    sqlx::query(
        "INSERT INTO csp_settings (csp_id, acknowledge_working_days, trigger_reports, trigger_window_days, trigger_location_rule, \
         trigger_hate_rule, review_acknowledge_days, review_decide_days, link_window_days, link_distance_metres) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         ON CONFLICT (csp_id) DO UPDATE SET acknowledge_working_days = excluded.acknowledge_working_days, \
         trigger_reports = excluded.trigger_reports, trigger_window_days = excluded.trigger_window_days, \
         trigger_location_rule = excluded.trigger_location_rule, trigger_hate_rule = excluded.trigger_hate_rule, \
         review_acknowledge_days = excluded.review_acknowledge_days, review_decide_days = excluded.review_decide_days, \
         link_window_days = excluded.link_window_days, link_distance_metres = excluded.link_distance_metres",
    )
    .bind(csp_id)
    .bind(acknowledge_days)
    .bind(rules.reports)
    .bind(rules.window_days)
    .bind(rules.location_rule as i64)
    .bind(rules.hate_rule as i64)
    .bind(rules.review_acknowledge_days)
    .bind(rules.review_decide_days)
    .bind(rules.link_window_days)
    .bind(rules.link_distance_metres)
    .execute(&mut *tx)
    .await?;
    let changes = recheck(&mut *tx, csp_id, rules).await?;
    let (mut flagged, mut cleared) = (0, 0);
    for (id, was, now) in changes {
        match (&was, now) {
            (None, Some(_)) => flagged += 1,
            (Some(_), None) => cleared += 1,
            _ => {}
        }
        sqlx::query("UPDATE reports SET trigger_rule = $1 WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok((flagged, cleared))
}

const CANDIDATE: &str = "SELECT r.id, c.family, r.created_at, r.happened_at, r.ongoing, r.ward_code, r.lat, r.lon, r.location_text, \
        p.email, p.phone, p.contact_verified_at, r.csp_id, r.trigger_rule, r.reference \
     FROM reports r JOIN report_categories c ON c.id = r.category_id LEFT JOIN report_reporters p ON p.report_id = r.id";

fn candidate(r: &AnyRow) -> Result<TriggerCandidate, DbError> {
    let lat: Option<f64> = r.try_get(6)?;
    let lon: Option<f64> = r.try_get(7)?;
    let verified = r.try_get::<Option<i64>, _>(11)?.is_some();
    let email: Option<String> = r.try_get(9)?;
    let phone: Option<String> = r.try_get(10)?;
    Ok(TriggerCandidate {
        id: r.try_get(0)?,
        family: r.try_get(1)?,
        created_at: r.try_get(2)?,
        happened_at: r.try_get(3)?,
        ongoing: r.try_get::<i64, _>(4)? == 1,
        ward_code: r.try_get(5)?,
        point: lat.zip(lon),
        location_text: r.try_get(8)?,
        verified_reporter: if verified {
            reporter_identity(email.as_deref(), phone.as_deref())
        } else {
            None
        },
    })
}

/// Checks the rules for one report (after it arrives, is reclassified, or its reporter is
/// verified) and flags every report that meets one. Returns how many were flagged.
pub async fn evaluate_report(db: &Db, report_id: i64) -> Result<usize, DbError> {
    let Some(row) = sqlx::query(&format!("{CANDIDATE} WHERE r.id = $1"))
        .bind(report_id)
        .fetch_optional(db.reader())
        .await?
    else {
        return Ok(0);
    };
    let report = candidate(&row)?;
    let csp_id: i64 = row.try_get(12)?;
    let rules = rules(db, csp_id).await?;
    let window = rules.window_days * 86_400;
    // The reports that can share a rule with this one: the same ward (one location) or the
    // same contact details (one person), oldest first.
    let (email, phone): (Option<String>, Option<String>) = (row.try_get(9)?, row.try_get(10)?);
    let rows = sqlx::query(&format!(
        "{CANDIDATE} WHERE r.csp_id = $1 AND c.family IN ('asb', 'hate') AND r.created_at >= $2 AND r.created_at <= $3 \
         AND (r.ward_code = $4 OR p.email = $5 OR p.phone = $6) ORDER BY r.created_at, r.id LIMIT 10000"
    ))
    .bind(csp_id)
    .bind(report.created_at - window)
    .bind(report.created_at + window)
    .bind(&report.ward_code)
    .bind(email)
    .bind(phone)
    .fetch_all(db.reader())
    .await?;
    let others = rows.iter().map(candidate).collect::<Result<Vec<_>, _>>()?;
    let flags = evaluate(&report, &others, &rules);
    let mut tx = db.writer().begin().await?;
    // A report that meets no rule now (reclassified, say) loses its own flag.
    if !flags.iter().any(|(id, _)| *id == report.id) {
        sqlx::query("UPDATE reports SET trigger_rule = NULL WHERE id = $1")
            .bind(report.id)
            .execute(&mut *tx)
            .await?;
    }
    for (id, rule) in &flags {
        sqlx::query("UPDATE reports SET trigger_rule = $1 WHERE id = $2 AND trigger_rule IS NULL")
            .bind(*rule)
            .bind(*id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(flags.len())
}

/// What `rules` change for a CSP's open ASB and hate reports: (report, its flag, the flag it
/// should have). Those that now meet a rule are flagged and those that no longer do are
/// cleared; closed reports keep the flag they had, and still count towards others'.
async fn recheck(
    tx: &mut sqlx::AnyConnection,
    csp_id: i64,
    rules: &TriggerRules,
) -> Result<Vec<(i64, Option<String>, Option<&'static str>)>, DbError> {
    const OPEN_ASB_OR_HATE: &str = "FROM reports r JOIN report_categories c ON c.id = r.category_id \
        WHERE r.csp_id = $1 AND c.family IN ('asb', 'hate') AND r.closed_at IS NULL";
    let open = sqlx::query(&format!("SELECT r.id, r.trigger_rule, r.created_at {OPEN_ASB_OR_HATE}"))
        .bind(csp_id)
        .fetch_all(&mut *tx)
        .await?;
    let open: Vec<(i64, Option<String>, i64)> = open
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
        .collect::<Result<_, DbError>>()?;
    let Some(oldest) = open.iter().map(|(_, _, at)| *at).min() else { return Ok(Vec::new()) };
    // Every report that can count with an open one: from one window before the oldest.
    let rows = sqlx::query(&format!("{CANDIDATE} WHERE r.csp_id = $1 AND c.family IN ('asb', 'hate') AND r.created_at >= $2 ORDER BY r.created_at, r.id"))
        .bind(csp_id)
        .bind(oldest - rules.window_days * 86_400)
        .fetch_all(&mut *tx)
        .await?;
    let candidates = rows.iter().map(candidate).collect::<Result<Vec<_>, _>>()?;
    let met = crate::trigger::evaluate_all(&candidates, rules);
    Ok(open
        .into_iter()
        .filter_map(|(id, was, _)| {
            // A rule still met keeps its name; otherwise the first one met now, or none.
            let now: Option<&'static str> = met
                .get(&id)
                .map(|rules| rules.iter().copied().find(|r| was.as_deref() == Some(*r)).unwrap_or(rules[0]));
            (now != was.as_deref()).then_some((id, was, now))
        })
        .collect())
}

/// The resident opened the link in their confirmation email: their address is theirs.
/// Returns the report's id when this verified it.
pub async fn verify_email(db: &Db, tracking_hash: &str, check_hash: &str) -> Result<Option<i64>, DbError> {
    let row = sqlx::query(
        "SELECT r.id FROM reports r JOIN report_reporters p ON p.report_id = r.id \
         WHERE r.tracking_hash = $1 AND p.email_check_hash = $2 AND p.contact_verified_at IS NULL",
    )
    .bind(tracking_hash)
    .bind(check_hash)
    .fetch_optional(db.reader())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let id: i64 = row.try_get(0)?;
    sqlx::query("UPDATE report_reporters SET contact_verified_at = $1 WHERE report_id = $2")
        .bind(now())
        .bind(id)
        .execute(db.writer())
        .await?;
    Ok(Some(id))
}

/// An officer confirmed the reporter's contact details (for example by calling them back).
pub async fn verify_contact(db: &Db, report_id: i64) -> Result<bool, DbError> {
    let done = sqlx::query("UPDATE report_reporters SET contact_verified_at = $1 WHERE report_id = $2 AND anonymous = 0 AND contact_verified_at IS NULL")
        .bind(now())
        .bind(report_id)
        .execute(db.writer())
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn contact_verified(db: &Db, report_id: i64) -> Result<bool, DbError> {
    let row = sqlx::query("SELECT contact_verified_at FROM report_reporters WHERE report_id = $1")
        .bind(report_id)
        .fetch_optional(db.reader())
        .await?;
    Ok(row.map(|r| r.try_get::<Option<i64>, _>(0)).transpose()?.flatten().is_some())
}

/// The reports a case review application names, found in one CSP: (id, csp, trigger rule,
/// candidate). Unknown references are left out.
pub async fn reports_by_reference(
    db: &Db,
    references: &[String],
) -> Result<Vec<(i64, Option<String>, TriggerCandidate)>, DbError> {
    let mut out = Vec::new();
    for reference in references {
        if let Some(row) = sqlx::query(&format!("{CANDIDATE} WHERE r.reference = $1"))
            .bind(reference)
            .fetch_optional(db.reader())
            .await?
        {
            out.push((row.try_get(12)?, row.try_get(13)?, candidate(&row)?));
        }
    }
    Ok(out)
}

/// A new application, numbered `CR-26-0001` from the year's sequence.
pub struct NewCaseReview<'a> {
    pub csp_id: i64,
    pub applicant_name: &'a str,
    pub applicant_email: Option<&'a str>,
    pub applicant_phone: Option<&'a str>,
    pub on_behalf_of: Option<&'a str>,
    pub language: &'a str,
    pub references: &'a [String],
    pub impact: &'a str,
    pub threshold_met: bool,
    pub acknowledge_due: i64,
    pub decide_due: i64,
    pub year: i32,
    /// The confirmation email: (to, subject, body with `{reference}` to fill in).
    pub email: Option<(&'a str, String, String)>,
}

pub async fn insert_case_review(db: &Db, review: NewCaseReview<'_>) -> Result<String, DbError> {
    let mut tx = db.writer().begin().await?;
    let n: i64 = sqlx::query(
        "INSERT INTO case_review_sequences (year, last) VALUES ($1, 1) \
         ON CONFLICT (year) DO UPDATE SET last = case_review_sequences.last + 1 RETURNING last",
    )
    .bind(review.year as i64)
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    let reference = format!("CR-{:02}-{:04}", review.year.rem_euclid(100), n);
    sqlx::query(
        "INSERT INTO case_reviews (reference, csp_id, applicant_name, applicant_email, applicant_phone, on_behalf_of, language, \
         report_references, impact, threshold_met, status, received_at, acknowledge_due, decide_due) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'received', $11, $12, $13)",
    )
    .bind(&reference)
    .bind(review.csp_id)
    .bind(review.applicant_name)
    .bind(review.applicant_email)
    .bind(review.applicant_phone)
    .bind(review.on_behalf_of)
    .bind(review.language)
    .bind(review.references.join(","))
    .bind(review.impact)
    .bind(review.threshold_met as i64)
    .bind(now())
    .bind(review.acknowledge_due)
    .bind(review.decide_due)
    .execute(&mut *tx)
    .await?;
    if let Some((to, subject, body)) = &review.email {
        super::outbox::enqueue(
            &mut tx,
            to,
            &subject.replace("{reference}", &reference),
            &body.replace("{reference}", &reference),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(reference)
}

/// A CSP's applications, newest first.
pub async fn case_reviews(db: &Db, csp_id: i64) -> Result<Vec<CaseReview>, DbError> {
    let rows = sqlx::query(
        "SELECT reference, version, applicant_name, applicant_email, applicant_phone, on_behalf_of, language, report_references, impact, \
                threshold_met, status, received_at, acknowledge_due, decide_due, acknowledged_at, decided_at, recommendations \
         FROM case_reviews WHERE csp_id = $1 ORDER BY received_at DESC, id DESC LIMIT 200",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await?;
    let at = now();
    rows.iter()
        .map(|r| {
            let (ack_due, decide_due): (i64, i64) = (r.try_get(12)?, r.try_get(13)?);
            let acknowledged = r.try_get::<Option<i64>, _>(14)?.is_some();
            let decided = r.try_get::<Option<i64>, _>(15)?.is_some();
            Ok(CaseReview {
                reference: r.try_get(0)?,
                version: r.try_get(1)?,
                applicant_name: r.try_get(2)?,
                applicant_email: r.try_get(3)?,
                applicant_phone: r.try_get(4)?,
                on_behalf_of: r.try_get(5)?,
                language: r.try_get(6)?,
                report_references: r.try_get::<String, _>(7)?.split(',').map(str::to_string).collect(),
                impact: r.try_get(8)?,
                threshold_met: r.try_get::<i64, _>(9)? == 1,
                status: r.try_get(10)?,
                received: format_date(r.try_get(11)?),
                acknowledge_due: format_date(ack_due),
                decide_due: format_date(decide_due),
                acknowledge_overdue: !acknowledged && at > ack_due,
                decide_overdue: !decided && at > decide_due,
                recommendations: r.try_get(16)?,
            })
        })
        .collect()
}

/// (id, csp, version, applicant email, language) of an application.
pub async fn case_review(
    db: &Db,
    reference: &str,
) -> Result<Option<(i64, i64, i64, Option<String>, String)>, DbError> {
    let row = sqlx::query(
        "SELECT id, csp_id, version, applicant_email, language FROM case_reviews WHERE reference = $1",
    )
    .bind(reference)
    .fetch_optional(db.reader())
    .await?;
    row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?, r.try_get(4)?))).transpose()
}

/// Acknowledges or decides an application (`status`: acknowledged, threshold_not_met or
/// review_held), refusing a stale form. Queues the applicant's email in the same transaction.
pub async fn update_case_review(
    db: &Db,
    id: i64,
    version: i64,
    status: &str,
    recommendations: Option<&str>,
    email: Option<(&str, String, String)>,
) -> Result<bool, DbError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    let decided = status != "acknowledged";
    let done = sqlx::query(
        "UPDATE case_reviews SET version = version + 1, status = $1, acknowledged_at = COALESCE(acknowledged_at, $2), \
         decided_at = CASE WHEN $3 = 1 THEN $2 ELSE decided_at END, recommendations = COALESCE($4, recommendations) \
         WHERE id = $5 AND version = $6 \
         AND (status = 'received' OR ($1 <> 'acknowledged' AND status = 'acknowledged'))",
    )
    .bind(status)
    .bind(at)
    .bind(decided as i64)
    .bind(recommendations)
    .bind(id)
    .bind(version)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    if let Some((to, subject, body)) = &email {
        super::outbox::enqueue(&mut tx, to, subject, body).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// The figures a CSP publishes for a year (applications received in it).
pub async fn figures(db: &Db, csp_id: i64, year: i32) -> Result<YearFigures, DbError> {
    let from = chrono::NaiveDate::from_ymd_opt(year, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().timestamp())
        .unwrap_or(0);
    let to = chrono::NaiveDate::from_ymd_opt(year + 1, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().timestamp())
        .unwrap_or(0);
    let r = sqlx::query(
        "SELECT COUNT(*), \
                COALESCE(SUM(CASE WHEN status = 'threshold_not_met' THEN 1 ELSE 0 END), 0), \
                COALESCE(SUM(CASE WHEN status = 'review_held' THEN 1 ELSE 0 END), 0), \
                COALESCE(SUM(CASE WHEN status = 'review_held' AND recommendations IS NOT NULL AND recommendations <> '' THEN 1 ELSE 0 END), 0) \
         FROM case_reviews WHERE csp_id = $1 AND received_at >= $2 AND received_at < $3",
    )
    .bind(csp_id)
    .bind(from)
    .bind(to)
    .fetch_one(db.reader())
    .await?;
    Ok(YearFigures {
        year,
        applications: r.try_get(0)?,
        threshold_not_met: r.try_get(1)?,
        reviews_held: r.try_get(2)?,
        with_recommendations: r.try_get(3)?,
    })
}
