//! Regions: named sets of CSPs (a police force area, a cohesion region, all of Wales), and the
//! roles held for a region rather than for one CSP (the cohesion coordinator; later the regional
//! and national analysts). A regional grant is expanded, whenever a person's grants are read,
//! into one `RoleGrant` in each CSP the region holds at that moment (each carrying the region),
//! so every per-CSP check (`StaffUser::can`) applies to it unchanged, and a CSP added to the
//! region is covered at once.

pub use crate::staff::roles::RegionRef;
use crate::{
    reference::Names,
    staff::roles::{CspAccess, Role, RoleGrant},
};
use serde::{Deserialize, Serialize};

/// What a region is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionKind {
    /// The CSPs of one police force (from the reference data).
    PoliceForceArea,
    /// A set of CSPs an administrator chooses (`cymuned region create`).
    CohesionRegion,
    /// Every CSP in Wales (from the reference data).
    Wales,
}

impl RegionKind {
    pub const ALL: [RegionKind; 3] =
        [RegionKind::PoliceForceArea, RegionKind::CohesionRegion, RegionKind::Wales];

    pub fn as_str(self) -> &'static str {
        match self {
            RegionKind::PoliceForceArea => "police_force_area",
            RegionKind::CohesionRegion => "cohesion_region",
            RegionKind::Wales => "wales",
        }
    }

    pub fn parse(s: &str) -> Option<RegionKind> {
        RegionKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// May an administrator choose its CSPs? Police force areas and Wales follow the reference
    /// data (which CSP is in which force); cohesion regions are whatever is set.
    pub fn configurable(self) -> bool {
        self == RegionKind::CohesionRegion
    }
}

/// A region with its CSPs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    pub id: i64,
    pub slug: String,
    pub name: Names,
    pub kind: RegionKind,
    pub csps: Vec<CspAccess>,
}

/// A role held for a region, with the CSPs the region holds now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegionalGrant {
    pub role: Role,
    pub region: RegionRef,
    pub csps: Vec<CspAccess>,
}

impl RegionalGrant {
    /// The role in each CSP of the region, each grant naming the region it comes from.
    pub fn expand(&self) -> Vec<RoleGrant> {
        self.csps
            .iter()
            .map(|csp| RoleGrant {
                role: self.role,
                csp_id: csp.id,
                csp_slug: csp.slug.clone(),
                csp_name: csp.names.clone(),
                organisation: None,
                organisation_id: None,
                region: Some(self.region.clone()),
            })
            .collect()
    }
}

/// Why a region could not be made or changed. Nothing is changed when any of these is returned.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum RegionError {
    #[error("the slug '{0}' must be lower-case letters, digits and hyphens, e.g. mid-and-west-wales")]
    BadSlug(String),
    #[error("--name-en and --name-cy must both be given")]
    MissingName,
    #[error("unknown region kind '{0}': regions made here are cohesion_region (police force areas and wales come from the reference data)")]
    KindNotConfigurable(String),
    #[error("a region '{0}' already exists")]
    SlugTaken(String),
    #[error("unknown region '{0}'")]
    UnknownRegion(String),
    #[error("region '{0}' follows the reference data (a police force area or Wales); only cohesion regions can be changed")]
    NotConfigurable(String),
    #[error("unknown CSP slug(s): {} (see GET /api/v1/csps); nothing was changed", .0.join(", "))]
    UnknownCsps(Vec<String>),
    #[error("a region needs at least one CSP (--csp SLUG)")]
    NoCsps,
}

/// Checks a new cohesion region's slug, names and kind (the CSPs are checked against the
/// database): the slug, trimmed.
pub fn check_new_region(slug: &str, name: &Names, kind: &str) -> Result<String, RegionError> {
    let slug = slug.trim();
    let well_formed = !slug.is_empty()
        && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-');
    if !well_formed {
        return Err(RegionError::BadSlug(slug.to_string()));
    }
    if name.en.trim().is_empty() || name.cy.trim().is_empty() {
        return Err(RegionError::MissingName);
    }
    match RegionKind::parse(kind.trim()) {
        Some(k) if k.configurable() => Ok(slug.to_string()),
        _ => Err(RegionError::KindNotConfigurable(kind.trim().to_string())),
    }
}

/// The CSP slugs asked for, without repeats, in order; `NoCsps` if none.
pub fn csp_slugs(asked: &[String]) -> Result<Vec<String>, RegionError> {
    let mut out: Vec<String> = Vec::new();
    for slug in asked.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !out.iter().any(|s| s == slug) {
            out.push(slug.to_string());
        }
    }
    if out.is_empty() {
        return Err(RegionError::NoCsps);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::roles::{Permission, StaffUser};

    fn csp(id: i64) -> CspAccess {
        CspAccess {
            id,
            slug: format!("csp-{id}"),
            names: Names::new(format!("CSP {id}"), format!("PDC {id}")),
        }
    }

    fn coordinator(csps: &[i64]) -> StaffUser {
        let grant = RegionalGrant {
            role: Role::CohesionCoordinator,
            region: RegionRef {
                id: 9,
                slug: "dyfed-powys".into(),
                name: Names::new("Dyfed-Powys", "Dyfed-Powys"),
            },
            csps: csps.iter().map(|&id| csp(id)).collect(),
        };
        StaffUser {
            id: 1,
            email: "c@example.cymru".into(),
            display_name: "C".into(),
            language: crate::i18n::Lang::En,
            grants: grant.expand(),
        }
    }

    #[test]
    fn a_regional_grant_covers_each_csp_of_the_region_now() {
        let user = coordinator(&[1, 2, 3]);
        assert_eq!(user.grants.len(), 3);
        for id in [1, 2, 3] {
            assert!(user.can(Permission::UseStaffArea, id), "CSP {id}");
        }
        assert!(!user.can(Permission::UseStaffArea, 4), "a CSP outside the region");
        assert!(
            user.grants.iter().all(|g| g.region.as_ref().map(|r| r.id) == Some(9)),
            "each names the region"
        );
        assert!(user
            .grants
            .iter()
            .all(|g| g.role == Role::CohesionCoordinator && g.organisation_id.is_none()));
        // A CSP added to the region is covered as soon as the grants are read again ...
        let added = coordinator(&[1, 2, 3, 4]);
        assert!(added.can(Permission::UseStaffArea, 4));
        // ... and one taken out is no longer.
        let removed = coordinator(&[1, 3]);
        assert!(!removed.can(Permission::UseStaffArea, 2));
        assert!(removed.can(Permission::UseStaffArea, 1) && removed.can(Permission::UseStaffArea, 3));
        // Never anything that shows a report, a reporter or intelligence, in any CSP of it.
        for id in [1, 2, 3] {
            for p in [
                Permission::ViewReports,
                Permission::ViewReporterContact,
                Permission::ViewIntelligence,
                Permission::ViewSharedIntelligence,
                Permission::ViewAuditLog,
                Permission::ManageRoles,
            ] {
                assert!(!user.can(p, id), "{p:?} in {id}");
            }
        }
    }

    #[test]
    fn new_regions_are_checked() {
        let names = Names::new("Mid and West Wales", "Canolbarth a Gorllewin Cymru");
        assert_eq!(check_new_region(" mid-west ", &names, "cohesion_region"), Ok("mid-west".into()));
        assert!(matches!(
            check_new_region("Mid West", &names, "cohesion_region"),
            Err(RegionError::BadSlug(_))
        ));
        assert!(matches!(check_new_region("-x", &names, "cohesion_region"), Err(RegionError::BadSlug(_))));
        assert_eq!(
            check_new_region("mid-west", &Names::new("Mid", " "), "cohesion_region"),
            Err(RegionError::MissingName)
        );
        assert!(matches!(
            check_new_region("mid-west", &names, "police_force_area"),
            Err(RegionError::KindNotConfigurable(_))
        ));
        assert!(matches!(
            check_new_region("mid-west", &names, "county"),
            Err(RegionError::KindNotConfigurable(_))
        ));
        assert_eq!(csp_slugs(&["a".into(), " b ".into(), "a".into()]), Ok(vec!["a".into(), "b".into()]));
        assert_eq!(csp_slugs(&[" ".into()]), Err(RegionError::NoCsps));
        for kind in RegionKind::ALL {
            assert_eq!(RegionKind::parse(kind.as_str()), Some(kind));
        }
    }
}
