//! What a "you said, we did" publication is drafted from and draws on: the facts of an area
//! and period (closed surveys, priorities, reports, closed problem profiles), and the residents
//! linked to what its items draw on (for the identity check before publishing and for telling
//! them). Shared by the staff pages (the checks shown) and the forms (drafting, publishing).

use super::{
    ClosedProfile, DraftInput, Item, PriorityReviewed, PrioritySet, ReportFacts, SourceKind, SurveyFacts,
};
use crate::{
    db,
    engagement::results::{Body, Filter},
    i18n::Lang,
    reference::Names,
    state::AppState,
    suppression::Shown,
    triage::ReporterDetails,
};

const DAY: i64 = 86_400;

/// The most chosen answer of each question that has one shown (choices and rankings).
fn top_answers(
    questions: &[crate::engagement::results::QuestionResult],
) -> Vec<(Names, Names, Shown, Option<f64>)> {
    let mut out = Vec::new();
    for q in questions {
        let best = match &q.body {
            Body::Choices(lines) => lines
                .iter()
                .filter_map(|l| Some((l.count.count()?, l.label.clone(), l.count, l.percent)))
                .max_by_key(|(n, ..)| *n),
            Body::Ranking { lines, .. } => lines
                .iter()
                .filter_map(|l| Some((l.first.count()?, l.label.clone(), l.first, l.percent)))
                .max_by_key(|(n, ..)| *n),
            _ => None,
        };
        if let Some((n, label, shown, percent)) = best {
            if n > 0 {
                out.push((q.text.clone(), label, shown, percent));
            }
        }
    }
    out
}

/// Everything the hub drafts a publication from, for the area and the days `[from, to]`.
pub async fn draft_input(
    state: &AppState,
    csp_id: i64,
    area: Names,
    neighbourhood: Option<i64>,
    from: i64,
    to: i64,
) -> Result<DraftInput, db::DbError> {
    let db = &state.db;
    let end = to + DAY;
    let neighbourhoods: Vec<(i64, Names)> =
        db::reference::neighbourhoods(db, csp_id).await?.into_iter().map(|n| (n.id, n.name)).collect();
    let mut surveys = Vec::new();
    for id in db::publications::closed_campaigns(db, csp_id, neighbourhood, from, end).await? {
        let Some(campaign) = db::engagement::campaign(db, id).await? else { continue };
        let filter = Filter { neighbourhood, ..Filter::default() };
        // Read as the public would: the poll's sensitive concerns withheld, as from partners.
        let computed =
            crate::engagement::results_pages::compute(db, &campaign, &filter, &neighbourhoods, true).await?;
        surveys.push(SurveyFacts {
            campaign_id: id,
            title: Names::new(campaign.title_en, campaign.title_cy),
            responses: computed.responses,
            top: top_answers(&computed.questions),
        });
    }
    let priorities_set = db::publications::priorities_set(db, csp_id, neighbourhood, from, end)
        .await?
        .into_iter()
        .map(|p| PrioritySet {
            priority_id: p.id,
            title: Names::new(p.title_en, p.title_cy),
            neighbourhood: Names::new(p.neighbourhood_en, p.neighbourhood_cy),
        })
        .collect();
    let reviewed = db::publications::priorities_reviewed(db, csp_id, neighbourhood, from, end)
        .await?
        .into_iter()
        .map(|r| PriorityReviewed {
            priority_id: r.id,
            title: Names::new(r.title_en, r.title_cy),
            neighbourhood: Names::new(r.neighbourhood_en, r.neighbourhood_cy),
            verdict: r.verdict,
            reviewed_on: r.reviewed_on,
        })
        .collect();
    let categories = db::neighbourhoods::category_families(db, csp_id).await?;
    let counts = db::publications::report_counts(db, csp_id, neighbourhood, from, end).await?;
    let threshold = db::engagement::suppression_threshold(db, csp_id).await?;
    let counted = crate::neighbourhoods::report_counts(&categories, &counts, 1, threshold);
    let reports = ReportFacts {
        rows: counted.rows.iter().copied().zip(counted.table.cells.iter().map(|c| c[0])).collect(),
        total: counted.table.total,
    };
    let now = db::now();
    let mut profiles = Vec::new();
    for id in db::publications::closed_profiles(db, csp_id, neighbourhood, from, end).await? {
        let Some(profile) = crate::problems::records::load(db, id, now).await? else { continue };
        let scope = db::problems::scope(db, id).await?;
        let analysis =
            crate::problems::analysis::analyse(db, &state.wards, &profile, &scope, Lang::En).await?;
        let assessment = crate::problems::analysis::assess(
            db,
            &state.wards,
            &scope,
            profile.response_started,
            profile.window_days,
            now,
        )
        .await?;
        let done: Vec<(String, Option<String>)> = profile
            .actions
            .iter()
            .filter(|a| a.status == crate::problems::ActionStatus::Done)
            .map(|a| (a.title.clone(), a.organisation.clone()))
            .collect();
        profiles.push(ClosedProfile {
            profile_id: id,
            categories: profile.categories.iter().map(|(_, n)| n.clone()).collect(),
            areas: profile.neighbourhoods.iter().map(|(_, n)| n.clone()).collect(),
            reports: analysis.reports,
            done,
            change: assessment.as_ref().ok().map(|a| a.area),
        });
    }
    Ok(DraftInput { area, from, to, surveys, priorities_set, reports, profiles, reviewed })
}

/// The residents linked to the profiles a version draws on (directly, or through a priority
/// linked to them), with their details as closing a profile checks them.
pub async fn residents_drawn_on(
    state: &AppState,
    csp_id: i64,
    items: &[Item],
) -> Result<Vec<ReporterDetails>, db::DbError> {
    let mut residents = Vec::new();
    for (profile, _) in profiles_drawn_on(state, csp_id, items).await? {
        for r in db::problems::linked_reports(&state.db, profile).await? {
            residents.push(r.details);
        }
    }
    Ok(residents)
}

/// The partnership's profiles a version draws on: (id, directly as an item of its own rather
/// than through a priority linked to it).
pub async fn profiles_drawn_on(
    state: &AppState,
    csp_id: i64,
    items: &[Item],
) -> Result<Vec<(i64, bool)>, db::DbError> {
    let mut out: Vec<(i64, bool)> = Vec::new();
    for item in items {
        let Some(id) = item.source_id else { continue };
        match item.source {
            SourceKind::Profile => {
                if db::publications::profile_of_csp(&state.db, csp_id, id).await? {
                    match out.iter_mut().find(|(p, _)| *p == id) {
                        Some(found) => found.1 = true,
                        None => out.push((id, true)),
                    }
                }
            }
            SourceKind::Priority => {
                if db::publications::priority_of_csp(&state.db, csp_id, id).await? {
                    for p in db::publications::priority_profiles(&state.db, id).await? {
                        if !out.iter().any(|(q, _)| *q == p) {
                            out.push((p, false));
                        }
                    }
                }
            }
            SourceKind::Campaign | SourceKind::Quote | SourceKind::Nothing => {}
        }
    }
    Ok(out)
}

/// The survey campaigns a publication's items draw on, each once.
pub fn campaigns_drawn_on(items: &[Item]) -> Vec<i64> {
    let mut campaigns: Vec<i64> =
        items.iter().filter(|i| i.source == SourceKind::Campaign).filter_map(|i| i.source_id).collect();
    campaigns.sort_unstable();
    campaigns.dedup();
    campaigns
}
