//! The reach view, `/staff/engagement/{id}/reach`: a campaign's respondents per neighbourhood
//! and per equality group compared with the census population, the groups under-represented,
//! the representativeness score, and the CSP's campaigns compared by that score. Counts are
//! suppressed (`suppression`); reading the page is audited (special-category aggregates).

use super::{
    equality::{age_band_name, ethnic_family_name, question_name, sex_name, AgeBand, EthnicFamily, Sex},
    reach::{self, CampaignReach, Figures, ReachTopic, Score, Source, TopicReach, WelshSpeaking},
};
use crate::{
    db,
    error::{internal, reject, AppError},
    i18n::Lang,
    reference::Names,
    shell::{page::Page, use_lang},
    staff::{pages::require_user, Permission},
    suppression::Shown,
    t,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A campaign of the CSP in the comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignScore {
    pub id: i64,
    pub title: Names,
    pub starts_on: i64,
    pub respondents: Shown,
    pub overall: Option<Score>,
    /// In the order of `ReachTopic::ALL`.
    pub topics: Vec<Option<Score>>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ReachView {
    pub id: i64,
    pub title: Names,
    pub threshold: i64,
    pub reach: CampaignReach,
    pub neighbourhoods: HashMap<i64, Names>,
    /// The CSP's campaigns, best score first (those without one last).
    pub campaigns: Vec<CampaignScore>,
}

/// The reach view's data, for staff who may read the campaign's CSP's engagement results.
/// Reading it is audited.
pub async fn reach_view(id: Option<i64>) -> Result<ReachView, ServerFnError> {
    let user = require_user()?;
    let state = crate::state::AppState::current()?;
    let Some(campaign) = (match id {
        Some(id) => db::engagement::campaign(&state.db, id).await.map_err(internal)?,
        None => None,
    }) else {
        return Err(reject(AppError::NotFound));
    };
    let csp = campaign.csp_id;
    if !user.can(Permission::UseStaffArea, csp) {
        return Err(reject(AppError::NotFound));
    }
    if !user.can(Permission::ViewEngagementResults, csp) {
        return Err(reject(AppError::Forbidden));
    }
    let db = &state.db;
    let threshold = db::engagement::suppression_threshold(db, csp).await.map_err(internal)?;
    let neighbourhoods = db::reach::csp_neighbourhoods(db, csp).await.map_err(internal)?;
    let wards = db::reach::csp_wards(db, csp).await.map_err(internal)?;
    let figures = Figures::new(&db::reach::csp_population(db, csp).await.map_err(internal)?);
    let campaigns = db::reach::csp_campaigns(db, csp).await.map_err(internal)?;
    let areas = db::reach::csp_campaign_areas(db, csp).await.map_err(internal)?;
    let counts = db::reach::csp_reach_counts(db, csp).await.map_err(internal)?;
    let everywhere: Vec<i64> = neighbourhoods.iter().map(|(id, _)| *id).collect();
    let mut this = None;
    let mut scores: Vec<CampaignScore> = campaigns
        .iter()
        .map(|c| {
            let covered: Vec<i64> = if c.whole_csp == 1 {
                everywhere.clone()
            } else {
                areas.iter().filter(|a| a.campaign_id == c.id).map(|a| a.neighbourhood_id).collect()
            };
            let own: Vec<reach::ReachCount> =
                counts.iter().filter(|r| r.campaign_id == c.id).cloned().collect();
            let r = reach::campaign_reach(&covered, &wards, &figures, &own, threshold);
            let score = CampaignScore {
                id: c.id,
                title: Names::new(&c.title_en, &c.title_cy),
                starts_on: c.starts_on,
                respondents: r.respondents,
                overall: r.overall,
                topics: r.topics.iter().map(|t| t.score).collect(),
            };
            if c.id == campaign.id {
                this = Some(r);
            }
            score
        })
        .collect();
    scores.sort_by(|a, b| {
        let key = |s: &CampaignScore| s.overall.and_then(Score::value).unwrap_or(-1.0);
        key(b).total_cmp(&key(a))
    });
    let reach = this.ok_or_else(|| reject(AppError::NotFound))?;
    db::audit::record(
        db,
        crate::audit::NewAuditEntry {
            actor_user_id: Some(user.id),
            actor_label: user.email.clone(),
            action: Some(crate::audit::AuditAction::EngagementReachViewed),
            record_type: Some("campaign".into()),
            record_id: Some(campaign.id.to_string()),
            csp_id: Some(csp),
            ip: crate::staff::session::client_ip(),
            detail: None,
        },
    )
    .await
    .map_err(internal)?;
    Ok(ReachView {
        id: campaign.id,
        title: Names::new(&campaign.title_en, &campaign.title_cy),
        threshold,
        reach,
        neighbourhoods: neighbourhoods.into_iter().collect(),
        campaigns: scores,
    })
}

#[component]
pub fn ReachPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().read_untracked().get("id").and_then(|s| s.parse::<i64>().ok());
    view! {
        <Page lang error_title=t!(lang, "reach-error-title") load=reach_view(id) render=move |view| view! { <Reach lang view /> } />
    }
}

/// The page as an outline.
#[component]
fn Reach(lang: Lang, view: ReachView) -> impl IntoView {
    let title = t!(lang, "reach-title", campaign = view.title.get(lang).to_string());
    let no_figures = view.reach.topics.iter().all(|t| t.source == Source::None);
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        <p><a href=lang.path(&format!("/staff/engagement/{}", view.id))>{t!(lang, "reach-back")}</a></p>
        <ReachExplained lang threshold=view.threshold />
        {no_figures.then(|| view! { <p class="notice"><strong>{t!(lang, "reach-no-population")}</strong></p> })}
        <ReachSummary lang reach=view.reach.clone() />
        {view.reach.topics.iter().cloned().map(|topic| view! { <TopicSection lang topic /> }).collect_view()}
        <NeighbourhoodSection lang reach=view.reach.clone() names=view.neighbourhoods.clone() />
        <CampaignComparison lang campaigns=view.campaigns.clone() this=view.id />
    }
    .into_any()
}

/// What the page compares, and what the score means.
#[component]
fn ReachExplained(lang: Lang, threshold: i64) -> impl IntoView {
    let percent = (reach::UNDER_REPRESENTED * 100.0).round() as i64;
    view! {
        <details class="explained">
            <summary>{t!(lang, "reach-explained-summary")}</summary>
            <p>{t!(lang, "reach-explained-rate")}</p>
            <p>{t!(lang, "reach-explained-under", percent = percent)}</p>
            <p>{t!(lang, "reach-explained-score")}</p>
            <p>{t!(lang, "reach-explained-counted")}</p>
            <p>{t!(lang, "reach-explained-small", threshold = threshold)}</p>
        </details>
    }
    .into_any()
}

/// Respondents, the overall score, and the under-represented groups named.
#[component]
fn ReachSummary(lang: Lang, reach: CampaignReach) -> impl IntoView {
    let named: Vec<(String, String)> = reach
        .topics
        .iter()
        .filter(|t| t.source != Source::None)
        .filter_map(|t| {
            let under: Vec<String> = t
                .groups
                .iter()
                .filter(|g| g.under_represented)
                .map(|g| group_name(lang, t.topic, &g.group))
                .collect();
            (!under.is_empty()).then(|| (question_name(lang, t.topic.question()), under.join("; ")))
        })
        .collect();
    let compared = reach.topics.iter().any(|t| t.score.is_some());
    view! {
        <section aria-labelledby="reach-summary">
            <h2 id="reach-summary">{t!(lang, "reach-summary")}</h2>
            <p>{t!(lang, "reach-respondents", count = shown_words(lang, reach.respondents))}</p>
            {compared.then(|| view! {
                <p><strong>{t!(lang, "reach-overall-score", score = score_words(lang, reach.overall))}</strong></p>
            })}
            {if named.is_empty() {
                compared.then(|| view! { <p>{t!(lang, "reach-none-under")}</p> }.into_any())
            } else {
                Some(view! {
                    <p>{t!(lang, "reach-under-intro")}</p>
                    <ul>
                        {named.into_iter().map(|(topic, groups)| view! { <li><strong>{topic}</strong>": "{groups}</li> }).collect_view()}
                    </ul>
                }.into_any())
            }}
        </section>
    }
    .into_any()
}

/// One topic's table: each group's respondents against its population.
#[component]
fn TopicSection(lang: Lang, topic: TopicReach) -> impl IntoView {
    let id = format!("reach-{}", topic.topic.as_str().replace('_', "-"));
    let name = question_name(lang, topic.topic.question());
    let source = match topic.source {
        Source::Wards => t!(lang, "reach-source-wards"),
        Source::LocalAuthority => t!(lang, "reach-source-local-authority"),
        Source::None => t!(lang, "reach-no-population"),
    };
    let compared = topic.source != Source::None;
    let other = |label: String, count: Shown| {
        view! {
            <tr>
                <th scope="row">{label}</th>
                <td>{shown_words(lang, count)}</td>
                <td colspan="4">{t!(lang, "reach-not-compared")}</td>
            </tr>
        }
    };
    view! {
        <section aria-labelledby=id.clone()>
            <h2 id=id.clone()>{name.clone()}</h2>
            <p>{source}</p>
            {topic.score.map(|s| view! { <p>{t!(lang, "reach-topic-score", score = score_words(lang, Some(s)))}</p> })}
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby=format!("{id}-caption")>
                <table>
                    <caption id=format!("{id}-caption")>{t!(lang, "reach-topic-caption", topic = name)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(lang, "reach-group")}</th>
                            <th scope="col">{t!(lang, "reach-respondents-column")}</th>
                            <th scope="col">{t!(lang, "reach-residents-column")}</th>
                            <th scope="col">{t!(lang, "reach-rate-column")}</th>
                            <th scope="col">{t!(lang, "reach-representation-column")}</th>
                            <th scope="col">{t!(lang, "reach-under-column")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {topic.groups.iter().map(|g| view! {
                            <tr>
                                <th scope="row">{group_name(lang, topic.topic, &g.group)}</th>
                                <td>{shown_words(lang, g.respondents)}</td>
                                <td>{compared.then(|| thousands(g.population))}</td>
                                <td>{g.rate.map(|r| format!("{r:.1}"))}</td>
                                <td>{g.representation.map(|r| format!("{r:.2}"))}</td>
                                <td>{if g.under_represented { t!(lang, "reach-yes") } else { String::new() }}</td>
                            </tr>
                        }).collect_view()}
                        {topic.not_compared.map(|c| other(age_band_name(lang, AgeBand::Under15), c))}
                        {other(t!(lang, "equality-prefer-not-to-say"), topic.prefer_not_to_say)}
                        {other(t!(lang, "reach-not-answered"), topic.not_answered)}
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">{t!(lang, "reach-all-respondents")}</th>
                            <td>{shown_words(lang, topic.total)}</td>
                            <td colspan="4"></td>
                        </tr>
                    </tfoot>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// Respondents per neighbourhood against its residents, with the neighbourhood's score.
#[component]
fn NeighbourhoodSection(lang: Lang, reach: CampaignReach, names: HashMap<i64, Names>) -> impl IntoView {
    let mut lines = reach.neighbourhoods.clone();
    let name = |n: Option<i64>| match n {
        Some(n) => names.get(&n).map(|x| x.get(lang).to_string()).unwrap_or_default(),
        None => t!(lang, "reach-no-neighbourhood"),
    };
    lines.sort_by_key(|l| (l.neighbourhood_id.is_none(), name(l.neighbourhood_id)));
    view! {
        <section aria-labelledby="reach-neighbourhoods">
            <h2 id="reach-neighbourhoods">{t!(lang, "reach-neighbourhoods")}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="reach-neighbourhoods-caption">
                <table>
                    <caption id="reach-neighbourhoods-caption">{t!(lang, "reach-neighbourhoods-caption")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(lang, "reach-neighbourhood")}</th>
                            <th scope="col">{t!(lang, "reach-respondents-column")}</th>
                            <th scope="col">{t!(lang, "reach-residents-column")}</th>
                            <th scope="col">{t!(lang, "reach-rate-column")}</th>
                            <th scope="col">{t!(lang, "reach-score-column")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {lines.into_iter().map(|l| view! {
                            <tr>
                                <th scope="row">{name(l.neighbourhood_id)}</th>
                                <td>{shown_words(lang, l.respondents)}</td>
                                <td>{match l.residents {
                                    Some(r) => thousands(r),
                                    None if l.neighbourhood_id.is_some() => t!(lang, "reach-no-population-short"),
                                    None => String::new(),
                                }}</td>
                                <td>{l.rate.map(|r| format!("{r:.1}"))}</td>
                                <td>{l.score.map(|s| score_words(lang, Some(s)))}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">{t!(lang, "reach-all-respondents")}</th>
                            <td>{shown_words(lang, reach.respondents)}</td>
                            <td colspan="3"></td>
                        </tr>
                    </tfoot>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// The CSP's campaigns by their representativeness score.
#[component]
fn CampaignComparison(lang: Lang, campaigns: Vec<CampaignScore>, this: i64) -> impl IntoView {
    view! {
        <section aria-labelledby="reach-campaigns">
            <h2 id="reach-campaigns">{t!(lang, "reach-campaigns")}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="reach-campaigns-caption">
                <table>
                    <caption id="reach-campaigns-caption">{t!(lang, "reach-campaigns-caption")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(lang, "reach-campaign")}</th>
                            <th scope="col">{t!(lang, "reach-starts")}</th>
                            <th scope="col">{t!(lang, "reach-respondents-column")}</th>
                            <th scope="col">{t!(lang, "reach-score-column")}</th>
                            {ReachTopic::ALL.iter().map(|t| view! { <th scope="col">{question_name(lang, t.question())}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {campaigns.into_iter().map(|c| {
                            let title = c.title.get(lang).to_string();
                            view! {
                                <tr>
                                    <th scope="row">{if c.id == this {
                                        view! { <span aria-current="page">{title}</span> }.into_any()
                                    } else {
                                        view! { <a href=lang.path(&format!("/staff/engagement/{}/reach", c.id))>{title}</a> }.into_any()
                                    }}</th>
                                    <td>{crate::time::date(lang, c.starts_on)}</td>
                                    <td>{shown_words(lang, c.respondents)}</td>
                                    <td>{score_words(lang, c.overall)}</td>
                                    {c.topics.iter().map(|s| view! { <td>{score_words(lang, *s)}</td> }).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// A count as shown: the number, or "fewer than 10".
pub fn shown_words(lang: Lang, shown: Shown) -> String {
    match shown {
        Shown::Count(n) => thousands(n),
        Shown::Hidden { threshold } => t!(lang, "reach-fewer-than", threshold = threshold),
    }
}

/// A score in words: "0.42", "at most 0.12", "not shown", or "no population figures".
pub fn score_words(lang: Lang, score: Option<Score>) -> String {
    match score {
        Some(Score::Exact(v)) => format!("{v:.2}"),
        // A bound is rounded up, so that it stays true.
        Some(Score::Below(v)) => {
            t!(lang, "reach-score-below", score = format!("{:.2}", (v * 100.0).ceil() / 100.0))
        }
        Some(Score::NotShown) => t!(lang, "reach-score-not-shown"),
        None => t!(lang, "reach-score-none"),
    }
}

/// A compared group's name.
pub fn group_name(lang: Lang, topic: ReachTopic, group: &str) -> String {
    match topic {
        ReachTopic::AgeBand => AgeBand::parse(group).map(|a| age_band_name(lang, a)),
        ReachTopic::Sex => Sex::parse(group).map(|s| sex_name(lang, s)),
        ReachTopic::EthnicGroup => EthnicFamily::parse(group).map(|f| ethnic_family_name(lang, f)),
        ReachTopic::WelshLanguage => WelshSpeaking::parse(group).map(|w| match w {
            WelshSpeaking::Speaks => t!(lang, "reach-welsh-speaks"),
            WelshSpeaking::DoesNotSpeak => t!(lang, "reach-welsh-does-not-speak"),
        }),
    }
    .unwrap_or_else(|| group.to_string())
}

/// 12345 as "12,345" (both languages group thousands with commas).
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_scores_in_words() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(362400), "362,400");
        assert_eq!(thousands(-1234567), "-1,234,567");
        assert_eq!(shown_words(Lang::En, Shown::Hidden { threshold: 10 }), "fewer than 10");
        assert_eq!(shown_words(Lang::Cy, Shown::Hidden { threshold: 10 }), "llai na 10");
        assert_eq!(score_words(Lang::En, Some(Score::Exact(0.4251))), "0.43");
        assert_eq!(score_words(Lang::En, Some(Score::Below(0.125))), "at most 0.13");
        assert_eq!(score_words(Lang::En, Some(Score::Below(0.121))), "at most 0.13");
        assert_eq!(score_words(Lang::Cy, Some(Score::NotShown)), "heb ei ddangos (rhy ychydig o ymatebwyr)");
        assert_eq!(group_name(Lang::Cy, ReachTopic::EthnicGroup, "white"), "Gwyn");
        assert_eq!(group_name(Lang::En, ReachTopic::AgeBand, "75_plus"), "75 or over");
    }
}
