//! The Community Trigger: each CSP's rules, the reports the rules look at, the flags they set,
//! verified contact details, and case review applications with their deadlines and figures.
//! The rules themselves (which reports meet one) are `crate::trigger`'s: this layer reads the
//! reports and writes the flags it is given.

use super::{now, Db, DbError};
use crate::{
    reporting::Family,
    time::Timestamp,
    trigger::{ReviewStatus, TriggerRule, TriggerRules, YearFigures},
};

/// `csp_settings` as the trigger reads it (flags stored as 0/1).
#[derive(sqlx::FromRow)]
struct RulesRow {
    trigger_reports: i64,
    trigger_window_days: i64,
    trigger_location_rule: i64,
    trigger_hate_rule: i64,
    review_acknowledge_days: i64,
    review_decide_days: i64,
    link_window_days: i64,
    link_distance_metres: i64,
}

pub async fn rules(db: &Db, csp_id: i64) -> Result<TriggerRules, DbError> {
    let row: Option<RulesRow> = sqlx::query_as(
        "SELECT trigger_reports, trigger_window_days, trigger_location_rule, trigger_hate_rule, review_acknowledge_days, review_decide_days, \
                link_window_days, link_distance_metres \
         FROM csp_settings WHERE csp_id = $1",
    )
    .bind(csp_id)
    .fetch_optional(db.reader())
    .await?;
    let Some(r) = row else { return Ok(TriggerRules::default()) };
    Ok(TriggerRules {
        reports: r.trigger_reports,
        window_days: r.trigger_window_days,
        location_rule: r.trigger_location_rule == 1,
        hate_rule: r.trigger_hate_rule == 1,
        review_acknowledge_days: r.review_acknowledge_days,
        review_decide_days: r.review_decide_days,
        link_window_days: r.link_window_days,
        link_distance_metres: r.link_distance_metres,
    })
}

/// An open ASB or hate report and the flag it has, as a change of rules rechecks it.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct OpenReport {
    pub id: i64,
    pub trigger_rule: Option<TriggerRule>,
    pub created_at: Timestamp,
}

/// A report's flag changed by new rules: the flag it had and the one it has now.
#[derive(Clone, Debug, PartialEq)]
pub struct FlagChange {
    pub report_id: i64,
    pub was: Option<TriggerRule>,
    pub now: Option<TriggerRule>,
}

/// Saves a CSP's triage and trigger settings, and rechecks its open ASB and hate reports in
/// the same transaction: `recheck` (the trigger's rules) is given the open reports and every
/// report that can count with them (from one window before the oldest), and says which flags
/// change; those are written. Returns the changes.
pub async fn save_settings(
    db: &Db,
    csp_id: i64,
    acknowledge_days: i64,
    rules: &TriggerRules,
    recheck: impl FnOnce(&[OpenReport], &[CandidateRow]) -> Vec<FlagChange>,
) -> Result<Vec<FlagChange>, DbError> {
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
    let open: Vec<OpenReport> = sqlx::query_as(
        "SELECT r.id AS id, r.trigger_rule AS trigger_rule, r.created_at AS created_at \
         FROM reports r JOIN report_categories c ON c.id = r.category_id \
         WHERE r.csp_id = $1 AND c.family IN ('asb', 'hate') AND r.closed_at IS NULL",
    )
    .bind(csp_id)
    .fetch_all(&mut *tx)
    .await?;
    let Some(oldest) = open.iter().map(|r| r.created_at).min() else {
        tx.commit().await?;
        return Ok(Vec::new());
    };
    let candidates: Vec<CandidateRow> = sqlx::query_as(&format!(
        "{CANDIDATE} WHERE r.csp_id = $1 AND c.family IN ('asb', 'hate') AND r.created_at >= $2 ORDER BY r.created_at, r.id"
    ))
    .bind(csp_id)
    .bind(oldest - rules.window_days * 86_400)
    .fetch_all(&mut *tx)
    .await?;
    let changes = recheck(&open, &candidates);
    for change in &changes {
        sqlx::query("UPDATE reports SET trigger_rule = $1 WHERE id = $2")
            .bind(change.now)
            .bind(change.report_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(changes)
}

const CANDIDATE: &str = "SELECT r.id AS id, r.csp_id AS csp_id, r.reference AS reference, c.family AS family, \
        r.created_at AS created_at, r.happened_at AS happened_at, r.ongoing AS ongoing, r.ward_code AS ward_code, \
        r.lat AS lat, r.lon AS lon, r.location_text AS location_text, p.email AS email, p.phone AS phone, \
        p.contact_verified_at AS contact_verified_at, r.trigger_rule AS trigger_rule \
     FROM reports r JOIN report_categories c ON c.id = r.category_id LEFT JOIN report_reporters p ON p.report_id = r.id";

/// A report as the trigger rules read it (`crate::trigger::TriggerCandidate` is made from it).
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct CandidateRow {
    pub id: i64,
    pub csp_id: i64,
    pub reference: String,
    pub family: Family,
    pub created_at: Timestamp,
    /// `YYYY-MM-DDTHH:MM`, local time, when given.
    pub happened_at: Option<String>,
    /// 0/1
    pub ongoing: i64,
    pub ward_code: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub location_text: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub contact_verified_at: Option<Timestamp>,
    pub trigger_rule: Option<TriggerRule>,
}

/// One report, by id.
pub async fn candidate(db: &Db, report_id: i64) -> Result<Option<CandidateRow>, DbError> {
    sqlx::query_as(&format!("{CANDIDATE} WHERE r.id = $1")).bind(report_id).fetch_optional(db.reader()).await
}

/// The reports of a CSP's ASB and hate reports made in `[from, to]` that can share a rule with
/// one report: the same ward (one location) or the same contact details (one person), oldest
/// first.
pub async fn candidates_near(
    db: &Db,
    report: &CandidateRow,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<CandidateRow>, DbError> {
    sqlx::query_as(&format!(
        "{CANDIDATE} WHERE r.csp_id = $1 AND c.family IN ('asb', 'hate') AND r.created_at >= $2 AND r.created_at <= $3 \
         AND (r.ward_code = $4 OR p.email = $5 OR p.phone = $6) ORDER BY r.created_at, r.id LIMIT 10000"
    ))
    .bind(report.csp_id)
    .bind(from)
    .bind(to)
    .bind(&report.ward_code)
    .bind(&report.email)
    .bind(&report.phone)
    .fetch_all(db.reader())
    .await
}

/// Writes what the rules found for one report: `flags` (report, rule met) are set on reports
/// not flagged yet, and the report itself loses its flag if it is not among them (reclassified,
/// say).
pub async fn set_flags(db: &Db, report_id: i64, flags: &[(i64, TriggerRule)]) -> Result<(), DbError> {
    let mut tx = db.writer().begin().await?;
    if !flags.iter().any(|(id, _)| *id == report_id) {
        sqlx::query("UPDATE reports SET trigger_rule = NULL WHERE id = $1")
            .bind(report_id)
            .execute(&mut *tx)
            .await?;
    }
    for (id, rule) in flags {
        sqlx::query("UPDATE reports SET trigger_rule = $1 WHERE id = $2 AND trigger_rule IS NULL")
            .bind(*rule)
            .bind(*id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The resident opened the link in their confirmation email: their address is theirs.
/// Returns the report's id when this verified it.
pub async fn verify_email(db: &Db, tracking_hash: &str, check_hash: &str) -> Result<Option<i64>, DbError> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT r.id FROM reports r JOIN report_reporters p ON p.report_id = r.id \
         WHERE r.tracking_hash = $1 AND p.email_check_hash = $2 AND p.contact_verified_at IS NULL",
    )
    .bind(tracking_hash)
    .bind(check_hash)
    .fetch_optional(db.reader())
    .await?;
    let Some(id) = id else { return Ok(None) };
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
    let at: Option<Option<Timestamp>> =
        sqlx::query_scalar("SELECT contact_verified_at FROM report_reporters WHERE report_id = $1")
            .bind(report_id)
            .fetch_optional(db.reader())
            .await?;
    Ok(at.flatten().is_some())
}

/// The reports a case review application names. Unknown references are left out.
pub async fn reports_by_reference(db: &Db, references: &[String]) -> Result<Vec<CandidateRow>, DbError> {
    let mut out = Vec::new();
    for reference in references {
        if let Some(row) = sqlx::query_as(&format!("{CANDIDATE} WHERE r.reference = $1"))
            .bind(reference)
            .fetch_optional(db.reader())
            .await?
        {
            out.push(row);
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
    let n: i64 = sqlx::query_scalar(
        "INSERT INTO case_review_sequences (year, last) VALUES ($1, 1) \
         ON CONFLICT (year) DO UPDATE SET last = case_review_sequences.last + 1 RETURNING last",
    )
    .bind(review.year as i64)
    .fetch_one(&mut *tx)
    .await?;
    let reference = format!("CR-{:02}-{:04}", review.year.rem_euclid(100), n);
    sqlx::query(
        "INSERT INTO case_reviews (reference, csp_id, applicant_name, applicant_email, applicant_phone, on_behalf_of, language, \
         report_references, impact, threshold_met, status, received_at, acknowledge_due, decide_due) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
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
    .bind(ReviewStatus::Received)
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

/// A case review application as stored.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct CaseReviewRow {
    pub reference: String,
    pub version: i64,
    pub applicant_name: String,
    pub applicant_email: Option<String>,
    pub applicant_phone: Option<String>,
    pub on_behalf_of: Option<String>,
    pub language: String,
    /// The report references, comma-separated.
    pub report_references: String,
    pub impact: String,
    /// 0/1
    pub threshold_met: i64,
    pub status: ReviewStatus,
    pub received_at: Timestamp,
    pub acknowledge_due: Timestamp,
    pub decide_due: Timestamp,
    pub acknowledged_at: Option<Timestamp>,
    pub decided_at: Option<Timestamp>,
    pub recommendations: Option<String>,
}

/// A CSP's applications, newest first.
pub async fn case_reviews(db: &Db, csp_id: i64) -> Result<Vec<CaseReviewRow>, DbError> {
    sqlx::query_as(
        "SELECT reference, version, applicant_name, applicant_email, applicant_phone, on_behalf_of, language, report_references, impact, \
                threshold_met, status, received_at, acknowledge_due, decide_due, acknowledged_at, decided_at, recommendations \
         FROM case_reviews WHERE csp_id = $1 ORDER BY received_at DESC, id DESC LIMIT 200",
    )
    .bind(csp_id)
    .fetch_all(db.reader())
    .await
}

/// What deciding an application needs to know of it.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct CaseReviewKey {
    pub id: i64,
    pub csp_id: i64,
    pub version: i64,
    pub applicant_email: Option<String>,
    pub language: String,
}

pub async fn case_review(db: &Db, reference: &str) -> Result<Option<CaseReviewKey>, DbError> {
    sqlx::query_as(
        "SELECT id, csp_id, version, applicant_email, language FROM case_reviews WHERE reference = $1",
    )
    .bind(reference)
    .fetch_optional(db.reader())
    .await
}

/// Acknowledges or decides an application (`status`: acknowledged, threshold not met or
/// review held), refusing a stale form. Queues the applicant's email in the same transaction.
pub async fn update_case_review(
    db: &Db,
    id: i64,
    version: i64,
    status: ReviewStatus,
    recommendations: Option<&str>,
    email: Option<(&str, String, String)>,
) -> Result<bool, DbError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    let decided = status.is_decided();
    let done = sqlx::query(
        "UPDATE case_reviews SET version = version + 1, status = $1, acknowledged_at = COALESCE(acknowledged_at, $2), \
         decided_at = CASE WHEN $3 = 1 THEN $2 ELSE decided_at END, recommendations = COALESCE($4, recommendations) \
         WHERE id = $5 AND version = $6 \
         AND (status = $7 OR ($1 <> $8 AND status = $8))",
    )
    .bind(status)
    .bind(at)
    .bind(decided as i64)
    .bind(recommendations)
    .bind(id)
    .bind(version)
    .bind(ReviewStatus::Received)
    .bind(ReviewStatus::Acknowledged)
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
    let r: FiguresRow = sqlx::query_as(
        "SELECT COUNT(*) AS applications, \
                COALESCE(SUM(CASE WHEN status = $4 THEN 1 ELSE 0 END), 0) AS threshold_not_met, \
                COALESCE(SUM(CASE WHEN status = $5 THEN 1 ELSE 0 END), 0) AS reviews_held, \
                COALESCE(SUM(CASE WHEN status = $5 AND recommendations IS NOT NULL AND recommendations <> '' THEN 1 ELSE 0 END), 0) \
                AS with_recommendations \
         FROM case_reviews WHERE csp_id = $1 AND received_at >= $2 AND received_at < $3",
    )
    .bind(csp_id)
    .bind(from)
    .bind(to)
    .bind(ReviewStatus::ThresholdNotMet)
    .bind(ReviewStatus::ReviewHeld)
    .fetch_one(db.reader())
    .await?;
    Ok(YearFigures {
        year,
        applications: r.applications,
        threshold_not_met: r.threshold_not_met,
        reviews_held: r.reviews_held,
        with_recommendations: r.with_recommendations,
    })
}

#[derive(sqlx::FromRow)]
struct FiguresRow {
    applications: i64,
    threshold_not_met: i64,
    reviews_held: i64,
    with_recommendations: i64,
}
