//! "You said, we did" publications (issue 14): publications, their versions (a published one
//! never changes: migration 0030's triggers refuse it) and items, the residents told of each
//! (by their address's hash, once), page views per day, and what a draft is made from.

use super::{now, reference::Tx, Db, DbError};
use crate::{
    engagement::priorities::Verdict,
    publications::{Item, ItemKind, SourceKind, Words},
    reference::Names,
    reporting::ReportStatus,
    time::Timestamp,
};

/// A publication with its area's names (no neighbourhood: the whole partnership).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct PublicationRow {
    pub id: i64,
    pub csp_id: i64,
    pub csp_slug: String,
    pub csp_en: String,
    pub csp_cy: String,
    pub neighbourhood_id: Option<i64>,
    pub neighbourhood_en: Option<String>,
    pub neighbourhood_cy: Option<String>,
    pub public_slug: Option<String>,
    pub period_from: Timestamp,
    pub period_to: Timestamp,
    pub told_subscribers: i64,
    pub told_reporters: i64,
    pub told_respondents: i64,
    pub created_at: Timestamp,
    /// When it was withdrawn (0037); none: it is not.
    pub withdrawn_at: Option<Timestamp>,
}

impl PublicationRow {
    /// The area's name: the neighbourhood's, or the partnership's.
    pub fn area(&self) -> Names {
        match (&self.neighbourhood_en, &self.neighbourhood_cy) {
            (Some(en), Some(cy)) => Names::new(en, cy),
            _ => Names::new(&self.csp_en, &self.csp_cy),
        }
    }
}

const PUBLICATION: &str = "SELECT p.id, p.csp_id, c.slug AS csp_slug, c.name_en AS csp_en, c.name_cy AS csp_cy, \
     p.neighbourhood_id, n.name_en AS neighbourhood_en, n.name_cy AS neighbourhood_cy, n.public_slug, \
     p.period_from, p.period_to, p.told_subscribers, p.told_reporters, p.told_respondents, p.created_at, \
     p.withdrawn_at FROM publications p JOIN csps c ON c.id = p.csp_id LEFT JOIN neighbourhoods n ON n.id = p.neighbourhood_id";

/// A version: its words, who made it and when it was published (`None`: a draft).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct VersionRow {
    pub id: i64,
    pub publication_id: i64,
    pub number: i64,
    pub title_en: String,
    pub title_cy: String,
    pub intro_en: String,
    pub intro_cy: String,
    pub correction_en: String,
    pub correction_cy: String,
    pub created_by: String,
    pub created_at: Timestamp,
    pub published_at: Option<Timestamp>,
}

impl VersionRow {
    pub fn words(&self) -> Words {
        Words {
            title_en: self.title_en.clone(),
            title_cy: self.title_cy.clone(),
            intro_en: self.intro_en.clone(),
            intro_cy: self.intro_cy.clone(),
            correction_en: self.correction_en.clone(),
            correction_cy: self.correction_cy.clone(),
        }
    }
}

const VERSION: &str =
    "SELECT v.id, v.publication_id, v.number, v.title_en, v.title_cy, v.intro_en, v.intro_cy, \
     v.correction_en, v.correction_cy, u.display_name AS created_by, v.created_at, v.published_at \
     FROM publication_versions v JOIN users u ON u.id = v.created_by";

#[derive(sqlx::FromRow)]
struct ItemRow {
    kind: ItemKind,
    text_en: String,
    text_cy: String,
    source: SourceKind,
    source_id: Option<i64>,
}

/// A new publication: its partnership, area (none: the whole partnership) and period.
pub struct NewPublication<'a> {
    pub csp_id: i64,
    pub neighbourhood_id: Option<i64>,
    pub period_from: Timestamp,
    pub period_to: Timestamp,
    pub created_by: i64,
    pub words: &'a Words,
    pub items: &'a [Item],
}

async fn insert_items_in(tx: &mut Tx<'_>, version_id: i64, items: &[Item]) -> Result<(), DbError> {
    for batch in items.chunks(100).enumerate() {
        let (b, batch) = batch;
        let sql = format!(
            "INSERT INTO publication_items (version_id, position, kind, text_en, text_cy, source, source_id) VALUES {}",
            super::outbox::placeholders(batch.len(), 7)
        );
        let mut query = sqlx::query(&sql);
        for (i, item) in batch.iter().enumerate() {
            query = query
                .bind(version_id)
                .bind((b * 100 + i) as i64)
                .bind(item.kind)
                .bind(item.text.en.as_str())
                .bind(item.text.cy.as_str())
                .bind(item.source)
                .bind(item.source_id);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Stores a new publication with its first version (a draft) and audits it; returns its id.
pub async fn create(
    db: &Db,
    p: &NewPublication<'_>,
    audit: &crate::audit::NewAuditEntry,
) -> Result<i64, DbError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO publications (csp_id, neighbourhood_id, period_from, period_to, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(p.csp_id)
    .bind(p.neighbourhood_id)
    .bind(p.period_from)
    .bind(p.period_to)
    .bind(p.created_by)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    let version = insert_version_in(&mut tx, id, 1, p.words, p.created_by, at).await?;
    insert_items_in(&mut tx, version, p.items).await?;
    let mut audit = audit.clone();
    audit.record_id = Some(id.to_string());
    super::audit::record_in(&mut tx, &audit).await?;
    tx.commit().await?;
    Ok(id)
}

async fn insert_version_in(
    tx: &mut Tx<'_>,
    publication_id: i64,
    number: i64,
    w: &Words,
    created_by: i64,
    at: Timestamp,
) -> Result<i64, DbError> {
    sqlx::query_scalar(
        "INSERT INTO publication_versions (publication_id, number, title_en, title_cy, intro_en, intro_cy, \
         correction_en, correction_cy, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(publication_id)
    .bind(number)
    .bind(w.title_en.as_str())
    .bind(w.title_cy.as_str())
    .bind(w.intro_en.as_str())
    .bind(w.intro_cy.as_str())
    .bind(w.correction_en.as_str())
    .bind(w.correction_cy.as_str())
    .bind(created_by)
    .bind(at)
    .fetch_one(&mut **tx)
    .await
}

/// The publication, if any.
pub async fn get(db: &Db, id: i64) -> Result<Option<PublicationRow>, DbError> {
    sqlx::query_as(&format!("{PUBLICATION} WHERE p.id = $1")).bind(id).fetch_optional(db.reader()).await
}

/// A publication's versions, newest first.
pub async fn versions(db: &Db, publication_id: i64) -> Result<Vec<VersionRow>, DbError> {
    sqlx::query_as(&format!("{VERSION} WHERE v.publication_id = $1 ORDER BY v.number DESC"))
        .bind(publication_id)
        .fetch_all(db.reader())
        .await
}

/// A version's items, in order.
pub async fn items(db: &Db, version_id: i64) -> Result<Vec<Item>, DbError> {
    let rows: Vec<ItemRow> = sqlx::query_as(ITEMS).bind(version_id).fetch_all(db.reader()).await?;
    Ok(rows.into_iter().map(ItemRow::item).collect())
}

const ITEMS: &str =
    "SELECT kind, text_en, text_cy, source, source_id FROM publication_items WHERE version_id = $1 ORDER BY position, id";

impl ItemRow {
    fn item(self) -> Item {
        Item {
            kind: self.kind,
            text: Names::new(self.text_en, self.text_cy),
            source: self.source,
            source_id: self.source_id,
        }
    }
}

/// Whether a version still holds the words and items that were checked, read inside the
/// publishing transaction after [`publish_in`] has claimed the row (on PostgreSQL the claim
/// holds its lock, so a draft saved meanwhile is either seen here or refused): what is
/// published is exactly what was checked.
pub async fn unchanged_in(
    tx: &mut Tx<'_>,
    version_id: i64,
    words: &Words,
    items: &[Item],
) -> Result<bool, DbError> {
    let now: Option<VersionRow> = sqlx::query_as(&format!("{VERSION} WHERE v.id = $1"))
        .bind(version_id)
        .fetch_optional(&mut **tx)
        .await?;
    let rows: Vec<ItemRow> = sqlx::query_as(ITEMS).bind(version_id).fetch_all(&mut **tx).await?;
    let now_items: Vec<Item> = rows.into_iter().map(ItemRow::item).collect();
    Ok(now.is_some_and(|v| v.words() == *words) && now_items == items)
}

/// Holds the publication's row for the caller's transaction, if it is not withdrawn: false when
/// it is. A change of its texts (a draft saved, a correction started, a version published) starts
/// with this, so it and a withdrawal happen one after the other, never interleaved: on
/// PostgreSQL the row lock makes the later one wait and see the earlier one's result; SQLite has
/// one writer.
async fn hold_unwithdrawn_in(tx: &mut Tx<'_>, publication_id: i64) -> Result<bool, DbError> {
    let held =
        sqlx::query("UPDATE publications SET withdrawn_at = NULL WHERE id = $1 AND withdrawn_at IS NULL")
            .bind(publication_id)
            .execute(&mut **tx)
            .await?;
    Ok(held.rows_affected() == 1)
}

/// Saves a draft's words and items (all replaced) and audits it; false when the version is no
/// longer a draft (published meanwhile), not this publication's, or the publication was withdrawn.
pub async fn save_draft(
    db: &Db,
    publication_id: i64,
    version_id: i64,
    words: &Words,
    items: &[Item],
    audit: &crate::audit::NewAuditEntry,
) -> Result<bool, DbError> {
    let mut tx = db.writer().begin().await?;
    if !hold_unwithdrawn_in(&mut tx, publication_id).await? {
        tx.rollback().await?;
        return Ok(false);
    }
    let done = sqlx::query(
        "UPDATE publication_versions SET title_en = $1, title_cy = $2, intro_en = $3, intro_cy = $4, \
         correction_en = $5, correction_cy = $6 WHERE id = $7 AND publication_id = $8 AND published_at IS NULL",
    )
    .bind(words.title_en.as_str())
    .bind(words.title_cy.as_str())
    .bind(words.intro_en.as_str())
    .bind(words.intro_cy.as_str())
    .bind(words.correction_en.as_str())
    .bind(words.correction_cy.as_str())
    .bind(version_id)
    .bind(publication_id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        tx.rollback().await?;
        return Ok(false);
    }
    sqlx::query("DELETE FROM publication_items WHERE version_id = $1")
        .bind(version_id)
        .execute(&mut *tx)
        .await?;
    insert_items_in(&mut tx, version_id, items).await?;
    super::audit::record_in(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(true)
}

/// Marks a draft published, inside the caller's transaction; false when it was not a draft of
/// this publication (published meanwhile by someone else) or the publication was withdrawn.
pub async fn publish_in(
    tx: &mut Tx<'_>,
    publication_id: i64,
    version_id: i64,
    at: Timestamp,
) -> Result<bool, DbError> {
    if !hold_unwithdrawn_in(tx, publication_id).await? {
        return Ok(false);
    }
    let done = sqlx::query(
        "UPDATE publication_versions SET published_at = $1 WHERE id = $2 AND publication_id = $3 AND published_at IS NULL",
    )
    .bind(at)
    .bind(version_id)
    .bind(publication_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records that the resident at this address (its hash) was told of the publication; false when
/// they already were (each is told once).
pub async fn mark_told_in(tx: &mut Tx<'_>, publication_id: i64, email_hash: &str) -> Result<bool, DbError> {
    let done = sqlx::query(
        "INSERT INTO publication_told (publication_id, email_hash) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(publication_id)
    .bind(email_hash)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Who a publication was told to, counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Told {
    pub subscribers: i64,
    /// Residents whose reports a closed profile it draws on is linked to.
    pub reporters: i64,
    /// Respondents of a survey it draws on who asked to be told.
    pub respondents: i64,
}

/// Adds to the counts of subscribers, linked residents and survey respondents told.
pub async fn add_told_in(tx: &mut Tx<'_>, publication_id: i64, told: &Told) -> Result<(), DbError> {
    sqlx::query(
        "UPDATE publications SET told_subscribers = told_subscribers + $1, told_reporters = told_reporters + $2, \
         told_respondents = told_respondents + $3 WHERE id = $4",
    )
    .bind(told.subscribers)
    .bind(told.reporters)
    .bind(told.respondents)
    .bind(publication_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Starts a correction: a new draft version copying the published `from` version (words and
/// items) with the correction's note; none when a draft is already open, `from` is not the
/// latest published version, or the publication was withdrawn.
pub async fn correct(
    db: &Db,
    publication_id: i64,
    from: &VersionRow,
    note: (&str, &str),
    created_by: i64,
    audit: &crate::audit::NewAuditEntry,
) -> Result<Option<i64>, DbError> {
    let mut tx = db.writer().begin().await?;
    if !hold_unwithdrawn_in(&mut tx, publication_id).await? {
        tx.rollback().await?;
        return Ok(None);
    }
    let latest: Option<(i64, Option<Timestamp>)> = sqlx::query_as(
        "SELECT id, published_at FROM publication_versions WHERE publication_id = $1 ORDER BY number DESC LIMIT 1",
    )
    .bind(publication_id)
    .fetch_optional(&mut *tx)
    .await?;
    if latest != Some((from.id, from.published_at)) || from.published_at.is_none() {
        tx.rollback().await?;
        return Ok(None);
    }
    let words =
        Words { correction_en: note.0.to_string(), correction_cy: note.1.to_string(), ..from.words() };
    let at = now();
    let version = insert_version_in(&mut tx, publication_id, from.number + 1, &words, created_by, at).await?;
    sqlx::query(
        "INSERT INTO publication_items (version_id, position, kind, text_en, text_cy, source, source_id) \
         SELECT $1, position, kind, text_en, text_cy, source, source_id FROM publication_items WHERE version_id = $2",
    )
    .bind(version)
    .bind(from.id)
    .execute(&mut *tx)
    .await?;
    super::audit::record_in(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(Some(version))
}

/// Counts one view of the public page today (no cookie, no address: a number per day).
pub async fn count_view(db: &Db, publication_id: i64, day: Timestamp) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO publication_views (publication_id, day, views) VALUES ($1, $2, 1) \
         ON CONFLICT (publication_id, day) DO UPDATE SET views = publication_views.views + 1",
    )
    .bind(publication_id)
    .bind(day)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// Page views: (all of them, those on or after `since`, a day's start).
pub async fn views(db: &Db, publication_id: i64, since: Timestamp) -> Result<(i64, i64), DbError> {
    sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(views), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN day >= $2 THEN views ELSE 0 END), 0) AS BIGINT) \
         FROM publication_views WHERE publication_id = $1",
    )
    .bind(publication_id)
    .bind(since)
    .fetch_one(db.reader())
    .await
}

/// A publication as lists show it: its latest version's title, and when it was first and
/// last published (none: never published yet).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Listed {
    pub id: i64,
    pub neighbourhood_en: Option<String>,
    pub neighbourhood_cy: Option<String>,
    pub period_from: Timestamp,
    pub period_to: Timestamp,
    pub title_en: String,
    pub title_cy: String,
    pub first_published: Option<Timestamp>,
    pub last_published: Option<Timestamp>,
    pub draft_open: i64,
    /// Withdrawn (0037): its texts were removed.
    pub withdrawn_at: Option<Timestamp>,
}

const LISTED: &str = "SELECT p.id, n.name_en AS neighbourhood_en, n.name_cy AS neighbourhood_cy, p.period_from, p.period_to, \
     v.title_en, v.title_cy, \
     (SELECT MIN(f.published_at) FROM publication_versions f WHERE f.publication_id = p.id) AS first_published, \
     (SELECT MAX(l.published_at) FROM publication_versions l WHERE l.publication_id = p.id) AS last_published, \
     (SELECT COUNT(*) FROM publication_versions d WHERE d.publication_id = p.id AND d.published_at IS NULL) AS draft_open, \
     p.withdrawn_at \
     FROM publications p LEFT JOIN neighbourhoods n ON n.id = p.neighbourhood_id \
     JOIN publication_versions v ON v.publication_id = p.id";

/// Every publication of a partnership (drafts too), newest first, titled by its latest version.
pub async fn of_csp(db: &Db, csp_id: i64) -> Result<Vec<Listed>, DbError> {
    sqlx::query_as(&format!(
        "{LISTED} WHERE p.csp_id = $1 AND v.number = (SELECT MAX(x.number) FROM publication_versions x \
         WHERE x.publication_id = p.id) ORDER BY p.created_at DESC, p.id DESC"
    ))
    .bind(csp_id)
    .fetch_all(db.reader())
    .await
}

/// Published publications of a partnership, withdrawn ones left out (with `neighbourhood`: that neighbourhood's and the
/// partnership-wide ones), titled by their latest published version, most recently published
/// first.
pub async fn published(
    db: &Db,
    csp_id: i64,
    neighbourhood: Option<i64>,
    limit: i64,
) -> Result<Vec<Listed>, DbError> {
    let area = match neighbourhood {
        Some(_) => "AND (p.neighbourhood_id IS NULL OR p.neighbourhood_id = $3)",
        None => "AND $3 = $3",
    };
    sqlx::query_as(&format!(
        "{LISTED} WHERE p.csp_id = $1 {area} AND p.withdrawn_at IS NULL \
         AND v.number = (SELECT MAX(x.number) FROM publication_versions x \
         WHERE x.publication_id = p.id AND x.published_at IS NOT NULL) \
         ORDER BY last_published DESC, p.id DESC LIMIT $2"
    ))
    .bind(csp_id)
    .bind(limit)
    .bind(neighbourhood.unwrap_or(0))
    .fetch_all(db.reader())
    .await
}

// ---------------------------------------------------------------------------------------------
// What a draft is made from.

/// Which neighbourhood a draft is about (`None`: every one of the partnership).
fn area_clause(column: &str, param: usize) -> String {
    format!("(${param} = 0 OR {column} = ${param})")
}

/// The area's id when the row `key` names is linked to it in `table` (a link table with a
/// `neighbourhood_id`, one row per pair), else NULL: a column for [`area_clause`].
fn linked(table: &str, key_column: &str, key: &str, param: usize) -> String {
    format!(
        "(SELECT l.neighbourhood_id FROM {table} l WHERE l.{key_column} = {key} AND l.neighbourhood_id = ${param})"
    )
}

/// Closed problem profiles closed in `[from, to)` touching the area.
pub async fn closed_profiles(
    db: &Db,
    csp_id: i64,
    neighbourhood: Option<i64>,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<i64>, DbError> {
    sqlx::query_scalar(&format!(
        "SELECT p.id FROM problem_profiles p WHERE p.csp_id = $1 AND p.stage = 'closed' AND p.closed_at >= $2 \
         AND p.closed_at < $3 AND {} ORDER BY p.closed_at, p.id",
        area_clause(&linked("problem_profile_neighbourhoods", "profile_id", "p.id", 4), 4)
    ))
    .bind(csp_id)
    .bind(from)
    .bind(to)
    .bind(neighbourhood.unwrap_or(0))
    .fetch_all(db.reader())
    .await
}

/// Closed survey campaigns that ended in `[from, to)` in the area (its own or the whole
/// partnership's).
pub async fn closed_campaigns(
    db: &Db,
    csp_id: i64,
    neighbourhood: Option<i64>,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<i64>, DbError> {
    sqlx::query_scalar(&format!(
        "SELECT c.id FROM campaigns c WHERE c.csp_id = $1 AND c.status IN ('closed', 'reported') \
         AND c.ends_on >= $2 AND c.ends_on < $3 AND EXISTS (SELECT 1 FROM surveys s WHERE s.campaign_id = c.id) \
         AND {} ORDER BY c.ends_on, c.id",
        area_clause(
            &format!(
                "CASE WHEN c.whole_csp = 1 THEN $4 ELSE {} END",
                linked("campaign_neighbourhoods", "campaign_id", "c.id", 4)
            ),
            4
        )
    ))
    .bind(csp_id)
    .bind(from)
    .bind(to)
    .bind(neighbourhood.unwrap_or(0))
    .fetch_all(db.reader())
    .await
}

/// A priority with its neighbourhood's names.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct PriorityFact {
    pub id: i64,
    pub title_en: String,
    pub title_cy: String,
    pub neighbourhood_en: String,
    pub neighbourhood_cy: String,
}

/// Neighbourhood priorities set in `[from, to)` in the area.
pub async fn priorities_set(
    db: &Db,
    csp_id: i64,
    neighbourhood: Option<i64>,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<PriorityFact>, DbError> {
    sqlx::query_as(&format!(
        "SELECT p.id, p.title_en, p.title_cy, n.name_en AS neighbourhood_en, n.name_cy AS neighbourhood_cy \
         FROM neighbourhood_priorities p JOIN neighbourhoods n ON n.id = p.neighbourhood_id \
         WHERE p.csp_id = $1 AND p.created_at >= $2 AND p.created_at < $3 AND {} ORDER BY n.name_en, p.slot",
        area_clause("p.neighbourhood_id", 4)
    ))
    .bind(csp_id)
    .bind(from)
    .bind(to)
    .bind(neighbourhood.unwrap_or(0))
    .fetch_all(db.reader())
    .await
}

/// A review of a priority.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ReviewFact {
    pub id: i64,
    pub title_en: String,
    pub title_cy: String,
    pub neighbourhood_en: String,
    pub neighbourhood_cy: String,
    pub verdict: Verdict,
    pub reviewed_on: Timestamp,
}

/// Reviews of the area's priorities on days in `[from, to)`.
pub async fn priorities_reviewed(
    db: &Db,
    csp_id: i64,
    neighbourhood: Option<i64>,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<ReviewFact>, DbError> {
    sqlx::query_as(&format!(
        "SELECT p.id, p.title_en, p.title_cy, n.name_en AS neighbourhood_en, n.name_cy AS neighbourhood_cy, \
         r.verdict, r.reviewed_on FROM neighbourhood_priority_reviews r \
         JOIN neighbourhood_priorities p ON p.id = r.priority_id JOIN neighbourhoods n ON n.id = p.neighbourhood_id \
         WHERE p.csp_id = $1 AND r.reviewed_on >= $2 AND r.reviewed_on < $3 AND {} ORDER BY r.reviewed_on, r.id",
        area_clause("p.neighbourhood_id", 4)
    ))
    .bind(csp_id)
    .bind(from)
    .bind(to)
    .bind(neighbourhood.unwrap_or(0))
    .fetch_all(db.reader())
    .await
}

/// The area's reports made in `[from, to)` by category (closed duplicates left out), as one
/// "month" for `neighbourhoods::report_counts`.
pub async fn report_counts(
    db: &Db,
    csp_id: i64,
    neighbourhood: Option<i64>,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<super::neighbourhoods::MonthCount>, DbError> {
    sqlx::query_as(&format!(
        "SELECT category_id, sensitive, CAST(0 AS BIGINT) AS month, COUNT(*) AS reports FROM reports \
         WHERE csp_id = $1 AND created_at >= $2 AND created_at < $3 AND status <> '{}' AND {} GROUP BY 1, 2",
        ReportStatus::Duplicate.as_str(),
        area_clause("neighbourhood_id", 4)
    ))
    .bind(csp_id)
    .bind(from)
    .bind(to)
    .bind(neighbourhood.unwrap_or(0))
    .fetch_all(db.reader())
    .await
}

/// The problem profiles of the partnership a priority is linked to.
pub async fn priority_profiles(db: &Db, priority_id: i64) -> Result<Vec<i64>, DbError> {
    sqlx::query_scalar(
        "SELECT profile_id FROM neighbourhood_priority_profiles WHERE priority_id = $1 ORDER BY profile_id",
    )
    .bind(priority_id)
    .fetch_all(db.reader())
    .await
}

/// Whether a profile is the partnership's (an item's source may only be one of its own).
pub async fn profile_of_csp(db: &Db, csp_id: i64, profile_id: i64) -> Result<bool, DbError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM problem_profiles WHERE id = $1 AND csp_id = $2")
        .bind(profile_id)
        .bind(csp_id)
        .fetch_one(db.reader())
        .await?;
    Ok(n > 0)
}

/// Whether a profile is closed (its residents have been told what was done).
pub async fn profile_closed(db: &Db, profile_id: i64) -> Result<bool, DbError> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM problem_profiles WHERE id = $1 AND stage = 'closed'")
            .bind(profile_id)
            .fetch_one(db.reader())
            .await?;
    Ok(n > 0)
}

/// Whether a priority is the partnership's.
pub async fn priority_of_csp(db: &Db, csp_id: i64, priority_id: i64) -> Result<bool, DbError> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM neighbourhood_priorities WHERE id = $1 AND csp_id = $2")
            .bind(priority_id)
            .bind(csp_id)
            .fetch_one(db.reader())
            .await?;
    Ok(n > 0)
}

/// A free-text answer whose respondent agreed, when answering, to be quoted (without their
/// name), with its campaign's title.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow, serde::Serialize, serde::Deserialize)]
pub struct QuotableAnswer {
    pub response_id: i64,
    pub question: String,
    pub text: String,
    /// The language the respondent answered in.
    pub language: String,
    pub campaign_en: String,
    pub campaign_cy: String,
}

/// Answers listed per campaign, at most.
const QUOTABLE_PER_CAMPAIGN: i64 = 100;

/// The free-text answers of these campaigns of the partnership, from the area (`None`: all of
/// it), whose respondents agreed to be quoted; possible duplicates left out.
pub async fn quotable_answers(
    db: &Db,
    csp_id: i64,
    campaigns: &[i64],
    neighbourhood: Option<i64>,
) -> Result<Vec<QuotableAnswer>, DbError> {
    let mut out = Vec::new();
    for campaign in campaigns {
        let rows: Vec<QuotableAnswer> = sqlx::query_as(&format!(
            "SELECT r.id AS response_id, a.question, a.text, r.language, c.title_en AS campaign_en, c.title_cy AS campaign_cy \
             FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id JOIN campaigns c ON c.id = r.campaign_id \
             WHERE r.campaign_id = $1 AND r.csp_id = $2 AND r.may_quote = 1 AND r.duplicate_of IS NULL \
             AND a.text IS NOT NULL AND a.text <> '' AND {} ORDER BY r.id, a.question LIMIT $4",
            area_clause("r.neighbourhood_id", 3)
        ))
        .bind(campaign)
        .bind(csp_id)
        .bind(neighbourhood.unwrap_or(0))
        .bind(QUOTABLE_PER_CAMPAIGN)
        .fetch_all(db.reader())
        .await?;
        out.extend(rows);
    }
    Ok(out)
}

/// The words of a response's free-text answer to `question`, if the response is the
/// partnership's and its respondent agreed to be quoted.
pub async fn quotable_answer(
    db: &Db,
    csp_id: i64,
    response_id: i64,
    question: &str,
) -> Result<Option<String>, DbError> {
    sqlx::query_scalar(
        "SELECT a.text FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id \
         WHERE r.id = $1 AND r.csp_id = $2 AND r.may_quote = 1 AND a.question = $3 AND a.text IS NOT NULL \
         AND a.text <> '' LIMIT 1",
    )
    .bind(response_id)
    .bind(csp_id)
    .bind(question)
    .fetch_optional(db.reader())
    .await
}

// ---------------------------------------------------------------------------------------------
// Withdrawal (0037).

/// A withdrawn publication's date and reason, in both languages.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Withdrawal {
    pub withdrawn_at: Timestamp,
    pub reason_en: String,
    pub reason_cy: String,
}

/// When and why a publication was withdrawn (none: it is not).
pub async fn withdrawal(db: &Db, id: i64) -> Result<Option<Withdrawal>, DbError> {
    sqlx::query_as(
        "SELECT withdrawn_at, COALESCE(withdrawn_reason_en, '') AS reason_en, COALESCE(withdrawn_reason_cy, '') AS reason_cy \
         FROM publications WHERE id = $1 AND withdrawn_at IS NOT NULL",
    )
    .bind(id)
    .fetch_optional(db.reader())
    .await
}

/// Whether a response may be quoted in the partnership's publications: it is the
/// partnership's, and its respondent agreed when answering.
pub async fn response_quotable(db: &Db, csp_id: i64, response_id: i64) -> Result<bool, DbError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM survey_responses WHERE id = $1 AND csp_id = $2 AND may_quote = 1",
    )
    .bind(response_id)
    .bind(csp_id)
    .fetch_one(db.reader())
    .await?;
    Ok(n > 0)
}
/// What a withdrawal removed, for the audit entry (counts only).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Withdrawn {
    pub versions: u64,
    pub items: u64,
    pub news: u64,
    pub emails_stopped: u64,
}

/// Withdraws a published publication, in one transaction: marked withdrawn (once: false when it
/// already is, or was never published), every version's texts and every item's texts blanked
/// (0037's triggers allow exactly this), its news taken out of the feeds and digests (and subscribers'
/// deliveries not yet turned into emails), emails about it not yet sent stopped (their text dropped), and the audit entry written, its detail
/// given the counts. `None` when nothing was done.
pub async fn withdraw(
    db: &Db,
    id: i64,
    by: i64,
    reason: (&str, &str),
    audit: &crate::audit::NewAuditEntry,
) -> Result<Option<Withdrawn>, DbError> {
    let at = now();
    let mut tx = db.writer().begin().await?;
    let marked = sqlx::query(
        "UPDATE publications SET withdrawn_at = $1, withdrawn_by = $2, withdrawn_reason_en = $3, withdrawn_reason_cy = $4 \
         WHERE id = $5 AND withdrawn_at IS NULL AND EXISTS \
         (SELECT 1 FROM publication_versions v WHERE v.publication_id = $5 AND v.published_at IS NOT NULL)",
    )
    .bind(at)
    .bind(by)
    .bind(reason.0)
    .bind(reason.1)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if marked.rows_affected() != 1 {
        tx.rollback().await?;
        return Ok(None);
    }
    // Its titles, before they are blanked: emails naming one in their subject lose the subject.
    let titles: Vec<(String, String)> =
        sqlx::query_as("SELECT title_en, title_cy FROM publication_versions WHERE publication_id = $1")
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
    // The versions first: on PostgreSQL a draft being saved holds its version's row, so this
    // waits for it, and the items' blanking that follows sees the items it saved.
    let versions = sqlx::query(
        "UPDATE publication_versions SET title_en = '', title_cy = '', intro_en = '', intro_cy = '', \
         correction_en = '', correction_cy = '' WHERE publication_id = $1",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let items = sqlx::query(
        "UPDATE publication_items SET text_en = '', text_cy = '' \
         WHERE version_id IN (SELECT id FROM publication_versions WHERE publication_id = $1)",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let link = format!("/you-said-we-did/{id}");
    for sql in [
        "DELETE FROM digest_entries WHERE news_id IN (SELECT id FROM area_news WHERE link = $1)",
        // Subscribers' emails about it not yet rendered (0035): never sent.
        "DELETE FROM news_deliveries WHERE news_id IN (SELECT id FROM area_news WHERE link = $1)",
        "DELETE FROM area_news_neighbourhoods WHERE news_id IN (SELECT id FROM area_news WHERE link = $1)",
    ] {
        sqlx::query(sql).bind(&link).execute(&mut *tx).await?;
    }
    let news = sqlx::query("DELETE FROM area_news WHERE link = $1")
        .bind(&link)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    // Emails queued about it (its page's address ends a line, or the body) and not sent yet.
    let emails_stopped = sqlx::query(
        "UPDATE outbox SET stopped_at = $1, subject = $2, body = $2, list_unsubscribe = NULL \
         WHERE sent_at IS NULL AND stopped_at IS NULL AND (body LIKE $3 OR body LIKE $4)",
    )
    .bind(at)
    .bind(WITHDRAWN_EMAIL)
    .bind(format!("%{link}\n%"))
    .bind(format!("%{link}"))
    .execute(&mut *tx)
    .await?
    .rows_affected();
    // Emails already sent keep only their subject (their body was dropped when sent): a
    // subject naming one of its titles is dropped too.
    let mut titles: Vec<String> = titles.into_iter().flat_map(|(en, cy)| [en, cy]).collect();
    titles.retain(|t| !t.trim().is_empty());
    titles.sort();
    titles.dedup();
    for title in &titles {
        sqlx::query("UPDATE outbox SET subject = $1 WHERE subject <> $1 AND subject LIKE $2 ESCAPE '\\'")
            .bind(WITHDRAWN_EMAIL)
            .bind(format!("%{}%", like_escaped(title)))
            .execute(&mut *tx)
            .await?;
    }
    let done = Withdrawn { versions, items, news, emails_stopped };
    let mut entry = audit.clone();
    entry.detail = Some(format!(
        "{}: texts of {versions} versions and {items} items removed, {news} news entries removed, {emails_stopped} unsent emails stopped",
        audit.detail.clone().unwrap_or_default()
    ));
    super::audit::record_in(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(Some(done))
}

/// `text` for a LIKE pattern with `\` as its escape: its `%`, `_` and `\` match only themselves.
fn like_escaped(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// What an unsent email about a withdrawn publication becomes (it will never be sent).
pub const WITHDRAWN_EMAIL: &str = "[not sent: publication withdrawn]";
