//! What the hub computes for a profile from the data (the Analysis charts, repeat places and
//! victims, the Assessment) and for a CSP (suggested problems). Reads through the data layer,
//! computes with the plain functions of `assessment`, `charts` and `hotspots`.

use crate::{
    db::{self, problems::Scope, Db, DbError},
    problems::{
        assessment::{self, Assessment, Window, WindowProblem},
        charts,
        hotspots::{self, NeighbourhoodFamily, Suggestion, PLACE_DAYS},
        Profile,
    },
    reference::locate::WardIndex,
};
use chrono::{Offset, TimeZone};
use serde::{Deserialize, Serialize};

const DAY: i64 = 86_400;

/// A place several reports were made about (the centre of a ~165 m grid cell).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RepeatPlace {
    pub lat: f64,
    pub lon: f64,
    pub ward: String,
    pub reports: i64,
}

/// The profile's data, computed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfileAnalysis {
    /// Reports in scope (its categories, neighbourhoods and period).
    pub reports: i64,
    /// Monday of each week (`YYYY-MM-DD`) and its count.
    pub by_week: Vec<(String, i64)>,
    /// Monday first.
    pub by_weekday: Vec<i64>,
    pub by_hour: Vec<i64>,
    /// Places with two reports or more, most first (at most 20).
    pub places: Vec<RepeatPlace>,
    /// Reports per resident who reported more than once (verified contact details), most first.
    pub repeat_victims: Vec<i64>,
    /// The map: ward outlines and the places, as SVG (empty without wards).
    pub map_svg: String,
}

/// Local (UK) time of a stored UTC time, as seconds: hours and days of the week are counted
/// in the time residents live by.
pub fn local(at: i64) -> i64 {
    let offset = chrono_tz::Europe::London
        .offset_from_utc_datetime(&chrono::DateTime::from_timestamp(at, 0).unwrap_or_default().naive_utc());
    at + offset.fix().local_minus_utc() as i64
}

pub async fn analyse(
    db: &Db,
    wards: &WardIndex,
    profile: &Profile,
    scope: &Scope,
    lang: crate::i18n::Lang,
) -> Result<ProfileAnalysis, DbError> {
    let reports = db::problems::scope_reports(db, scope).await?;
    let times: Vec<i64> = reports.iter().map(|r| local(r.created_at)).collect();
    // Weeks from the Monday on or before the period's first day.
    let first_day = local(scope.from).div_euclid(DAY);
    let first_monday = (first_day - (first_day + 3).rem_euclid(7)) * DAY;
    let weeks = ((local(scope.to) - first_monday) as f64 / (7 * DAY) as f64).ceil().max(1.0) as usize;
    let counts = charts::count(&times, first_monday, weeks.min(260));
    let by_week = counts
        .by_week
        .iter()
        .enumerate()
        .map(|(i, n)| (crate::time::iso_date(first_monday + i as i64 * 7 * DAY), *n))
        .collect();

    let mut cells: std::collections::HashMap<(i64, i64), i64> = std::collections::HashMap::new();
    for r in &reports {
        if let (Some(lat), Some(lon)) = (r.lat, r.lon) {
            *cells
                .entry((
                    (lat / crate::open311::SNAP_LAT).floor() as i64,
                    (lon / crate::open311::SNAP_LON).floor() as i64,
                ))
                .or_default() += 1;
        }
    }
    let mut places: Vec<RepeatPlace> = cells
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|((y, x), n)| {
            let (lat, lon) = crate::open311::snap(
                (y as f64 + 0.5) * crate::open311::SNAP_LAT,
                (x as f64 + 0.5) * crate::open311::SNAP_LON,
            );
            let ward = wards
                .locate(crate::reference::Coordinates { lat, lon })
                .map(|l| l.ward.name.get(lang).to_string())
                .unwrap_or_default();
            RepeatPlace { lat, lon, ward, reports: n }
        })
        .collect();
    places.sort_by(|a, b| {
        b.reports.cmp(&a.reports).then(a.lat.total_cmp(&b.lat)).then(a.lon.total_cmp(&b.lon))
    });
    places.truncate(20);

    let mut by_identity: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
    for r in &reports {
        if let Some(id) = r.identity.as_deref() {
            *by_identity.entry(id).or_default() += 1;
        }
    }
    let mut repeat_victims: Vec<i64> = by_identity.into_values().filter(|n| *n >= 2).collect();
    repeat_victims.sort_unstable_by(|a, b| b.cmp(a));

    let outlines = wards
        .neighbourhood_outlines(&profile.neighbourhoods.iter().map(|(id, _)| *id).collect::<Vec<_>>(), lang);
    let map_svg = map(
        &outlines,
        &places,
        &crate::t!(lang, "profile-map-title"),
        &crate::t!(lang, "profile-map-description", count = (places.len() as i64)),
    );
    Ok(ProfileAnalysis {
        reports: reports.len() as i64,
        by_week,
        by_weekday: counts.by_weekday.to_vec(),
        by_hour: counts.by_hour.to_vec(),
        places,
        repeat_victims,
        map_svg,
    })
}

/// The outlines and the places as an SVG map (north up, longitude scaled for latitude).
fn map(
    outlines: &[(String, geo::MultiPolygon<f64>)],
    places: &[RepeatPlace],
    title: &str,
    description: &str,
) -> String {
    use geo::BoundingRect;
    let rects: Vec<geo::Rect<f64>> = outlines.iter().filter_map(|(_, s)| s.bounding_rect()).collect();
    let Some(first) = rects.first() else { return String::new() };
    let (mut min_x, mut min_y, mut max_x, mut max_y) =
        (first.min().x, first.min().y, first.max().x, first.max().y);
    for r in &rects {
        min_x = min_x.min(r.min().x);
        min_y = min_y.min(r.min().y);
        max_x = max_x.max(r.max().x);
        max_y = max_y.max(r.max().y);
    }
    let scale_x = ((min_y + max_y) / 2.0).to_radians().cos();
    let width = 640.0;
    let span_x = ((max_x - min_x) * scale_x).max(1e-6);
    let height = (width * (max_y - min_y) / span_x).clamp(120.0, 900.0);
    let k = width / span_x;
    let x = |lon: f64| (lon - min_x) * scale_x * k;
    let y = |lat: f64| height - (lat - min_y) * (height / (max_y - min_y).max(1e-6));
    let escape =
        |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {height:.0}\" role=\"img\" aria-labelledby=\"map-title map-desc\" class=\"chart map\">\
         <title id=\"map-title\">{}</title><desc id=\"map-desc\">{}</desc>",
        escape(title),
        escape(description)
    );
    for (name, shape) in outlines {
        let mut d = String::new();
        for polygon in &shape.0 {
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                for (i, c) in ring.0.iter().enumerate() {
                    d.push_str(&format!("{}{:.1},{:.1}", if i == 0 { "M" } else { "L" }, x(c.x), y(c.y)));
                }
                d.push('Z');
            }
        }
        svg.push_str(&format!("<path d=\"{d}\" class=\"ward\"><title>{}</title></path>", escape(name)));
    }
    let most = places.iter().map(|p| p.reports).max().unwrap_or(1) as f64;
    for p in places {
        let r = 3.0 + 9.0 * (p.reports as f64 / most).sqrt();
        svg.push_str(&format!(
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{r:.1}\" class=\"place\"><title>{}: {}</title></circle>",
            x(p.lon),
            y(p.lat),
            escape(&p.ward),
            p.reports
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// The computed assessment, once the response has started and its after-window is over.
pub async fn assess(
    db: &Db,
    wards: &WardIndex,
    scope: &Scope,
    response_started: Option<i64>,
    window_days: i64,
    now: i64,
) -> Result<Result<Assessment, WindowProblem>, DbError> {
    let Some(started) = response_started else { return Ok(Err(WindowProblem::Empty)) };
    let (before, after) = match assessment::windows(started, window_days, window_days, now) {
        Ok(w) => w,
        Err(e) => return Ok(Err(e)),
    };
    Ok(Ok(assess_windows(db, wards, scope, before, after).await?))
}

pub async fn assess_windows(
    db: &Db,
    wards: &WardIndex,
    scope: &Scope,
    before: Window,
    after: Window,
) -> Result<Assessment, DbError> {
    let rows =
        db::problems::before_after(db, scope.csp_id, &scope.categories, before.from, after.from, after.to)
            .await?;
    let neighbours = wards.neighbouring(&scope.neighbourhoods);
    let (mut area, mut background, mut near) = ((0, 0), (0, 0), (0, 0));
    for db::problems::BeforeAfter { neighbourhood_id: neighbourhood, before: b, after: a } in rows {
        let target = if scope.neighbourhoods.contains(&neighbourhood) { &mut area } else { &mut background };
        target.0 += b;
        target.1 += a;
        if neighbours.contains(&neighbourhood) {
            near.0 += b;
            near.1 += a;
        }
    }
    Ok(assessment::assess(before, after, area, background, near))
}

/// Candidate problems for a CSP, strongest first, without the ones open profiles cover
/// (returned apart, with the covering profile's reference).
pub async fn suggestions(
    db: &Db,
    wards: &WardIndex,
    csp_id: i64,
    now: i64,
) -> Result<(Vec<Suggestion>, Vec<(Suggestion, String)>), DbError> {
    let recent_from = now - hotspots::RECENT_DAYS * DAY;
    let baseline_from = recent_from - hotspots::BASELINE_PERIODS * hotspots::RECENT_DAYS * DAY;
    let areas = db::problems::area_counts(db, csp_id, baseline_from, recent_from, now).await?;
    let (recent, links) = db::problems::recent_reports(db, csp_id, now - PLACE_DAYS * DAY).await?;
    let links: Vec<(i64, i64)> = links.iter().map(|l| (l.report_id, l.linked_id)).collect();
    let cells = hotspots::cells(&recent);
    let cell_area = {
        let lat = 52.3_f64.to_radians();
        (crate::open311::SNAP_LAT * 111_320.0) * (crate::open311::SNAP_LON * 111_320.0 * lat.cos())
    };
    let mut spread: Vec<NeighbourhoodFamily> = Vec::new();
    for r in recent.iter().filter(|r| r.lat.is_some()) {
        match spread.iter_mut().find(|s| s.neighbourhood_id == r.neighbourhood_id && s.family == r.family) {
            Some(s) => s.located += 1,
            None => spread.push(NeighbourhoodFamily {
                neighbourhood_id: r.neighbourhood_id,
                family: r.family,
                located: 1,
                cells: wards.neighbourhood_area(r.neighbourhood_id) / cell_area,
            }),
        }
    }
    let victims: Vec<hotspots::VictimReport> = recent
        .into_iter()
        .map(|r| hotspots::VictimReport {
            id: r.id,
            reference: r.reference,
            neighbourhood_id: r.neighbourhood_id,
            family: r.family,
            identity: r.identity,
        })
        .collect();
    let mut all = hotspots::rises(&areas);
    all.extend(hotspots::repeat_places(&cells, &spread));
    all.extend(hotspots::repeat_victims(&victims, &links));
    let coverage = db::problems::open_coverage(db, csp_id).await?;
    let (mut new, mut covered) = (Vec::new(), Vec::new());
    for s in hotspots::rank(all) {
        match coverage.iter().find(|c| c.neighbourhood_id == s.neighbourhood_id && c.family == s.family) {
            Some(c) => covered.push((s, c.reference.clone())),
            None => new.push(s),
        }
    }
    Ok((new, covered))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_time_follows_british_summer_time() {
        // 2026-07-01 12:00 UTC is 13:00 in London; 2026-12-01 12:00 UTC is 12:00.
        assert_eq!(local(1_782_907_200) - 1_782_907_200, 3_600);
        assert_eq!(local(1_796_126_400) - 1_796_126_400, 0);
    }
}
