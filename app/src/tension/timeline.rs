//! A neighbourhood's tension timeline (issue 15, part 4): one list, newest first, of its level
//! changes (each assessment version with its level, who recorded it and when), the signals that
//! touch it (its partnership's, and those of clusters that include it, in words with the
//! willingness-to-report caveat) and the trigger events that affect it, past and upcoming.
//!
//! **Events and the CTLP.** Events are shown to those who may read the partnership's events
//! (`ViewTensionEvents`), as the calendar does. A CTLP-relevant event is shown in full only to
//! those who may see the Counter-Terrorism Local Profile; to anyone else the calendar shows
//! "Restricted event" with its days and owning partnership and never its neighbourhoods, so a
//! neighbourhood's timeline leaves it out for them altogether: placing it on this
//! neighbourhood's timeline would tell them which neighbourhood it affects.

use crate::{
    db,
    i18n::Lang,
    reference::{locate::WardIndex, Names},
    tension::{
        events::Shown,
        levels::{level_of, Level},
        picture_signals::{signal_text, touches, SignalText},
    },
    time::Timestamp,
};
use serde::{Deserialize, Serialize};

/// What happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Happening {
    /// A new version of the assessment, at this level.
    Level { version: i64, level: Level, recorded_by: String },
    /// A signal tested in the week starting `week` (a Monday, as stored).
    Signal { week: Timestamp, text: SignalText },
    /// A trigger event affecting the neighbourhood (shown in full: see the module note).
    Event { id: i64, title: String, starts_on: Timestamp, ends_on: Timestamp, ctlp: bool, upcoming: bool },
}

impl Happening {
    /// Within one moment: level changes first, then signals, then events.
    fn rank(&self) -> u8 {
        match self {
            Happening::Level { .. } => 0,
            Happening::Signal { .. } => 1,
            Happening::Event { .. } => 2,
        }
    }
}

/// One line of the timeline: when, and what.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at: Timestamp,
    pub what: Happening,
}

/// The entries newest first; at the same moment level changes, then signals, then events.
pub fn in_order(mut entries: Vec<TimelineEntry>) -> Vec<TimelineEntry> {
    entries.sort_by(|a, b| b.at.cmp(&a.at).then(a.what.rank().cmp(&b.what.rank())));
    entries
}

/// What the reader may see of events: any (`ViewTensionEvents` in the partnership), and CTLP
/// detail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventRights {
    pub events: bool,
    pub ctlp: bool,
}

/// The timeline of neighbourhood `n` for a reader with `rights` (their tension rights are
/// checked by the caller), in `lang`.
pub async fn timeline(
    db: &db::Db,
    wards: &WardIndex,
    n: &db::tension::TensionNeighbourhood,
    levels: &[Level],
    rights: EventRights,
    lang: Lang,
    today: Timestamp,
) -> Result<Vec<TimelineEntry>, db::DbError> {
    let mut entries = Vec::new();
    for v in db::tension::versions(db, n.id).await? {
        entries.push(TimelineEntry {
            at: v.recorded_at,
            what: Happening::Level {
                version: v.version,
                level: level_of(levels, v.level.clamp(0, 4) as u8),
                recorded_by: v.recorded_by,
            },
        });
    }
    let signals = db::tension_picture::all_signals(db, n.csp_id).await?;
    if !signals.is_empty() {
        let bordering = wards.bordering().get(&n.id).cloned().unwrap_or_default();
        let (csp_en, csp_cy) = db::tension_picture::csp_names(db, n.csp_id).await?;
        let csp = Names::new(csp_en, csp_cy);
        let names: Vec<(i64, Names)> = wards
            .locations()
            .filter(|l| l.csp_id == n.csp_id)
            .map(|l| (l.neighbourhood_id, l.neighbourhood_name.clone()))
            .collect();
        for s in signals.iter().filter(|s| touches(s.neighbourhood_id, n.id, &bordering)) {
            let centre = s.neighbourhood_id.map(|c| {
                names
                    .iter()
                    .find(|(id, _)| *id == c)
                    .map(|(_, name)| name.get(lang).to_string())
                    .unwrap_or_default()
            });
            entries.push(TimelineEntry {
                at: s.week_start,
                what: Happening::Signal {
                    week: s.week_start,
                    text: signal_text(lang, s, csp.get(lang), centre.as_deref()),
                },
            });
        }
    }
    if rights.events {
        for e in db::tension_events::concerning(db, n.csp_id).await? {
            if !e.details.neighbourhoods.contains(&n.id) {
                continue;
            }
            if let Shown::Full(e) = Shown::of(e, rights.ctlp) {
                entries.push(TimelineEntry {
                    at: e.details.starts_on,
                    what: Happening::Event {
                        id: e.id,
                        title: e.details.title.clone(),
                        starts_on: e.details.starts_on,
                        ends_on: e.details.ends_on,
                        ctlp: e.details.ctlp,
                        upcoming: e.upcoming_at(today),
                    },
                });
            }
        }
    }
    Ok(in_order(entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(at: Timestamp, version: i64) -> TimelineEntry {
        TimelineEntry {
            at,
            what: Happening::Level { version, level: level_of(&[], 2), recorded_by: "PC Jones".into() },
        }
    }

    fn event(at: Timestamp, id: i64) -> TimelineEntry {
        TimelineEntry {
            at,
            what: Happening::Event {
                id,
                title: "March".into(),
                starts_on: at,
                ends_on: at,
                ctlp: false,
                upcoming: true,
            },
        }
    }

    #[test]
    fn newest_first_and_level_changes_before_events_at_the_same_moment() {
        let signal = TimelineEntry {
            at: 50,
            what: Happening::Signal {
                week: 50,
                text: SignalText { words: "w".into(), willingness: "c".into() },
            },
        };
        let ordered = in_order(vec![level(10, 1), event(100, 7), signal, level(50, 2), event(50, 8)]);
        let ats: Vec<(Timestamp, u8)> = ordered.iter().map(|e| (e.at, e.what.rank())).collect();
        assert_eq!(ats, [(100, 2), (50, 0), (50, 1), (50, 2), (10, 0)]);
    }
}
