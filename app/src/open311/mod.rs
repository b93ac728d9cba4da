//! Open311 GeoReport v2 (<http://wiki.open311.org/GeoReport_v2>) at `/open311/v2/`, so other
//! reporting apps (FixMyStreet, SeeClickFix clients) can send reports to the right CSP and
//! follow them, plus FixMyStreet's `servicerequestupdates` extension.
//!
//! What is public here is decided once, in this module and `db::open311`:
//! - a report's `service_request_id` is its reference (`CYM-26-000123`);
//! - public answers carry no personal data: not who reported, not what they wrote (the
//!   description waits for an officer's sanitised summary), not their photos;
//! - locations are snapped to the centre of a grid cell of about 165 m by 165 m;
//! - sensitive categories (hate, domestic abuse, sexual violence) are never listed, never
//!   accepted from another app (those apps publish what they send; the resident is sent to
//!   Cymuned's own form, with its safe contact and quick exit) and never appear in any answer.

pub mod format;
pub mod handlers;

use crate::reporting::ReportStatus;

/// The grid public locations are snapped to, in degrees: 0.0015° of latitude is 167 m; 0.0025°
/// of longitude is 165 m at 53.5°N (the north of Wales) and more further south.
pub const SNAP_LAT: f64 = 0.0015;
pub const SNAP_LON: f64 = 0.0025;

/// The centre of the grid cell the point falls in, rounded to 5 decimal places.
pub fn snap(lat: f64, lon: f64) -> (f64, f64) {
    let centre = |v: f64, step: f64| (((v / step).floor() + 0.5) * step * 1e5).round() / 1e5;
    (centre(lat, SNAP_LAT), centre(lon, SNAP_LON))
}

/// Open311's two statuses.
pub fn open_or_closed(status: ReportStatus) -> &'static str {
    use ReportStatus::*;
    match status {
        Open | Investigating | ActionScheduled | InProgress => "open",
        Fixed | Duplicate | NotResponsible | NoFurtherAction | InternalReferral | Closed => "closed",
    }
}

/// The statuses behind Open311's `open` or `closed`.
pub fn statuses_for(open311: &str) -> Option<Vec<ReportStatus>> {
    match open311 {
        "open" | "closed" => {
            Some(ReportStatus::ALL.iter().copied().filter(|s| open_or_closed(*s) == open311).collect())
        }
        _ => None,
    }
}

/// FixMyStreet's extended status names, as its `servicerequestupdates` reader expects them.
pub fn fixmystreet_status(status: ReportStatus) -> &'static str {
    use ReportStatus::*;
    match status {
        Open => "OPEN",
        Investigating => "INVESTIGATING",
        ActionScheduled => "ACTION_SCHEDULED",
        InProgress => "IN_PROGRESS",
        Fixed => "FIXED",
        Duplicate => "DUPLICATE",
        NotResponsible => "NOT_COUNCILS_RESPONSIBILITY",
        NoFurtherAction => "NO_FURTHER_ACTION",
        InternalReferral => "INTERNAL_REFERRAL",
        Closed => "CLOSED",
    }
}

/// A W3C date-time (`2026-11-01T09:30:00Z`, `2026-11-01T09:30:00+01:00`) or a date
/// (`2026-11-01`, midnight UTC) as Unix seconds.
pub fn parse_datetime(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
        return Some(t.timestamp());
    }
    // Some clients leave out the offset: read it as UTC.
    if let Ok(t) = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S") {
        return Some(t.and_utc().timestamp());
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().timestamp())
}

/// Unix seconds as a W3C date-time in UTC.
pub fn format_datetime(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distance in metres between two nearby points (equirectangular; fine at this scale).
    fn metres(a: (f64, f64), b: (f64, f64)) -> f64 {
        let lat = (a.0 + b.0) / 2.0;
        let dy = (a.0 - b.0) * 111_320.0;
        let dx = (a.1 - b.1) * 111_320.0 * lat.to_radians().cos();
        (dx * dx + dy * dy).sqrt()
    }

    #[test]
    fn snapped_points_share_cells_of_at_least_100_metres() {
        // Across Wales, from Cardiff Bay to Holyhead.
        for lat in [51.38, 51.4816, 52.4, 53.31] {
            let cell_height = SNAP_LAT * 111_320.0;
            let cell_width = SNAP_LON * 111_320.0 * f64::cos(f64::to_radians(53.5));
            assert!(cell_height >= 100.0 && cell_width >= 100.0, "{cell_height} x {cell_width}");
            let p = (lat, -3.1791);
            let s = snap(p.0, p.1);
            assert!(metres(p, s) <= 120.0, "moved {} m", metres(p, s));
            // Every point of the cell gives the same answer.
            assert_eq!(snap(s.0 - SNAP_LAT * 0.49, s.1 + SNAP_LON * 0.49), s);
            assert_eq!(snap(s.0 + SNAP_LAT * 0.49, s.1 - SNAP_LON * 0.49), s);
        }
    }

    #[test]
    fn statuses_map_to_open311_and_fixmystreet() {
        assert_eq!(open_or_closed(ReportStatus::InProgress), "open");
        assert_eq!(open_or_closed(ReportStatus::NotResponsible), "closed");
        assert_eq!(fixmystreet_status(ReportStatus::NotResponsible), "NOT_COUNCILS_RESPONSIBILITY");
        assert_eq!(
            statuses_for("open").unwrap().len() + statuses_for("closed").unwrap().len(),
            ReportStatus::ALL.len()
        );
        assert!(statuses_for("pending").is_none());
    }

    #[test]
    fn dates_in_the_forms_clients_send() {
        assert_eq!(parse_datetime("2026-11-01T00:00:00Z"), Some(1_793_491_200));
        assert_eq!(parse_datetime("2026-11-01T01:00:00+01:00"), Some(1_793_491_200));
        assert_eq!(parse_datetime("2026-11-01T00:00:00"), Some(1_793_491_200));
        assert_eq!(parse_datetime("2026-11-01"), Some(1_793_491_200));
        assert_eq!(parse_datetime("01/11/2026"), None);
        assert_eq!(parse_datetime("2026-13-01"), None);
        assert_eq!(format_datetime(1_793_491_200), "2026-11-01T00:00:00Z");
    }
}
