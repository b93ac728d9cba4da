//! Who may do what. Every role is held in one or more CSPs; a permission is checked against
//! the CSP the record belongs to, so a role in Cardiff gives nothing in Swansea. A regional role
//! (`Role::is_regional`) is held for a region instead and read as the same role in each CSP of
//! the region (`staff::regions`).

use crate::reference::Names;
use serde::{Deserialize, Serialize};

/// A CSP in which someone may do something (`StaffUser::csps_where`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CspAccess {
    pub id: i64,
    /// How addresses and forms name it.
    pub slug: String,
    pub names: Names,
}

impl CspAccess {
    /// The CSP as a choice in the partnership picker (`shell::CspPicker`): slug and names.
    pub fn choice(self) -> (String, Names) {
        (self.slug, self.names)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Officer,
    Analyst,
    EngagementLead,
    Partner,
    CspManager,
    Admin,
    /// Held for a region (issue 15 part 6): sees tension across the CSPs of the region, never a
    /// report, a reporter or intelligence text.
    CohesionCoordinator,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Officer,
        Role::Analyst,
        Role::EngagementLead,
        Role::Partner,
        Role::CspManager,
        Role::Admin,
        Role::CohesionCoordinator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::Analyst => "analyst",
            Role::EngagementLead => "engagement_lead",
            Role::Partner => "partner",
            Role::CspManager => "csp_manager",
            Role::Admin => "admin",
            Role::CohesionCoordinator => "cohesion_coordinator",
        }
    }

    /// Held for a region (`user_region_roles`), not for a CSP: given only by an administrator
    /// on the command line, never on a team page or to an API key.
    pub fn is_regional(self) -> bool {
        match self {
            Role::CohesionCoordinator => true,
            Role::Officer
            | Role::Analyst
            | Role::EngagementLead
            | Role::Partner
            | Role::CspManager
            | Role::Admin => false,
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// Things a signed-in person or API key may do. Later capabilities add their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// See the staff area at all.
    UseStaffArea,
    /// Read the CSP's audit log.
    ViewAuditLog,
    /// Grant and remove other people's roles in the CSP.
    ManageRoles,
    /// Read the CSP's reports (the intake queue and each report, without contact details).
    ViewReports,
    /// Acknowledge, classify, grade, sanitise, assign and answer reports.
    TriageReports,
    /// See who reported (each view is audited).
    ViewReporterContact,
    /// Read every intelligence item of the CSP (sanitised).
    ViewIntelligence,
    /// Read the intelligence items shared with one's organisation (`P`, or `C` naming it).
    ViewSharedIntelligence,
    /// Post a status and public message on a report (partner systems: reports assigned to them).
    UpdateReports,
    /// Send residents' reports in from another app (Open311), to any CSP the location routes to.
    SubmitReports,
    /// Read every problem profile of the CSP and the problems the hub suggests.
    ViewProblems,
    /// Read the problem profiles shared with one's organisation (without the intelligence).
    ViewSharedProblems,
    /// Open and work problem profiles through SARA.
    EditProblems,
    /// Run tasking meetings and set the control strategy.
    RunTasking,
    /// Draft, edit and publish the strategic assessment.
    PublishAssessments,
    // Engagement (issue 13).
    /// Create and run campaigns, surveys and neighbourhood priorities.
    RunEngagement,
    /// Read survey results, reach and neighbourhood priorities (not the KIN register).
    ViewEngagementResults,
    /// Read the results of campaigns whose results are published (partners).
    ViewPublishedResults,
    /// Key in face-to-face and paper responses (street briefings, shared tablets, paper).
    EnterResponses,
    /// Code free-text answers against a survey's codebook (themes and staff-only notes).
    CodeResponses,
    /// Keep the Key Individual Network register and send its questionnaire (every view audited).
    ManageKin,
    /// Record intelligence that did not come from a report (a briefing, a KIN answer, a meeting).
    RecordIntelligence,
    // "You said, we did" (issue 14).
    /// Draft, edit, publish and correct "you said, we did" publications, and read their reach.
    PublishYouSaidWeDid,
    /// Withdraw a published publication when something identifying slipped through (its texts
    /// removed for good): the partnership's managers, not its engagement lead.
    WithdrawPublication,
    // Tension monitoring (issue 15).
    /// Read the CSP's tension levels, assessments and de-escalation actions.
    ViewTension,
    /// Record tension assessments and de-escalation actions.
    RecordTension,
    /// Change the CSP's tension level names, meanings and police-force mapping.
    ConfigureTension,
    // Tension monitoring (issue 15, events and rota).
    /// Read the partnership's calendar of known trigger events and their community impact
    /// assessments (and other CSPs' events that affect its neighbourhoods, read only).
    ViewTensionEvents,
    /// Record and edit trigger events and their community impact assessments.
    ManageTensionEvents,
    /// Read the detail of assessments marked relevant to the Counter-Terrorism Local Profile.
    ViewCounterTerrorismProfile,
    /// Keep the partnership's tension rota (who is emailed when a tension alert is raised).
    ManageTensionRota,
}

/// The permission table: one place to read who may do what.
pub fn role_allows(role: Role, permission: Permission) -> bool {
    use Permission::*;
    use Role::*;
    if role == CohesionCoordinator {
        return coordinator_allows(permission);
    }
    match permission {
        UseStaffArea => true,
        ViewAuditLog => matches!(role, CspManager | Admin),
        ManageRoles => matches!(role, CspManager | Admin),
        ViewReports => matches!(role, Officer | Analyst | CspManager | Admin),
        TriageReports => matches!(role, Officer | CspManager | Admin),
        ViewReporterContact => matches!(role, Officer | CspManager | Admin),
        ViewIntelligence => matches!(role, Officer | Analyst | EngagementLead | CspManager | Admin),
        ViewSharedIntelligence => matches!(role, Partner),
        UpdateReports => matches!(role, Officer | Partner | CspManager | Admin),
        SubmitReports => matches!(role, Officer | CspManager | Admin),
        ViewProblems => matches!(role, Officer | Analyst | EngagementLead | CspManager | Admin),
        ViewSharedProblems => matches!(role, Partner),
        EditProblems => matches!(role, Officer | Analyst | CspManager | Admin),
        RunTasking => matches!(role, Analyst | CspManager | Admin),
        PublishAssessments => matches!(role, Analyst | CspManager | Admin),
        RunEngagement => matches!(role, EngagementLead | CspManager | Admin),
        ViewEngagementResults => matches!(role, Officer | Analyst | EngagementLead | CspManager | Admin),
        ViewPublishedResults => matches!(role, Partner),
        EnterResponses => matches!(role, Officer | EngagementLead | CspManager | Admin),
        CodeResponses => matches!(role, Analyst | EngagementLead | CspManager | Admin),
        ManageKin => matches!(role, EngagementLead | CspManager | Admin),
        RecordIntelligence => matches!(role, Officer | EngagementLead | CspManager | Admin),
        PublishYouSaidWeDid => matches!(role, EngagementLead | CspManager | Admin),
        WithdrawPublication => matches!(role, CspManager | Admin),
        ViewTension => matches!(role, Officer | Analyst | EngagementLead | CspManager | Admin),
        RecordTension => matches!(role, Officer | Analyst | EngagementLead | CspManager | Admin),
        ConfigureTension => matches!(role, CspManager | Admin),
        ViewTensionEvents => matches!(role, Officer | Analyst | EngagementLead | CspManager | Admin),
        ManageTensionEvents => matches!(role, Officer | Analyst | EngagementLead | CspManager | Admin),
        ViewCounterTerrorismProfile => matches!(role, Analyst | CspManager | Admin),
        ManageTensionRota => matches!(role, CspManager | Admin),
    }
}

/// The cohesion coordinator's row of the permission table, one arm per permission (no
/// wildcard: a new permission does not compile until someone decides about the coordinator).
/// Held across a region, so never anything that shows a report, a reporter or intelligence text.
fn coordinator_allows(permission: Permission) -> bool {
    use Permission::*;
    match permission {
        UseStaffArea => true,
        ViewAuditLog => false,
        ManageRoles => false,
        ViewReports => false,
        TriageReports => false,
        ViewReporterContact => false,
        ViewIntelligence => false,
        ViewSharedIntelligence => false,
        UpdateReports => false,
        SubmitReports => false,
        ViewProblems => false,
        ViewSharedProblems => false,
        EditProblems => false,
        RunTasking => false,
        PublishAssessments => false,
        RunEngagement => false,
        ViewEngagementResults => false,
        ViewPublishedResults => false,
        EnterResponses => false,
        CodeResponses => false,
        ManageKin => false,
        RecordIntelligence => false,
        PublishYouSaidWeDid => false,
        WithdrawPublication => false,
        // Tension (issue 15, part 6): the region's levels, assessments and signals, and recording
        // assessments (the issue names coordinators among the recorders). The pages hide linked
        // intelligence items from a reader who may not read intelligence (`Reader`), so this shows
        // no report, reporter or item. Settings, events and the rota stay with the partnership.
        ViewTension => true,
        RecordTension => true,
        ConfigureTension => false,
        ViewTensionEvents => false,
        ManageTensionEvents => false,
        ViewCounterTerrorismProfile => false,
        ManageTensionRota => false,
    }
}

/// May `granter` give (or take away) `role` in CSP `csp_id`? Managers manage roles in their own
/// CSP; only an administrator there may make or remove administrators; nobody changes their own.
/// Regional roles are given only on the command line (`cymuned create-user --region`).
pub fn may_manage_role(granter: &StaffUser, grantee_id: i64, csp_id: i64, role: Role) -> bool {
    let admin_here = granter.grants.iter().any(|g| g.csp_id == csp_id && g.role == Role::Admin);
    granter.can(Permission::ManageRoles, csp_id)
        && granter.id != grantee_id
        && (role != Role::Admin || admin_here)
        && !role.is_regional()
}

/// A role held in one CSP (partners also name their organisation), or in one CSP of a region
/// (`region` names it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleGrant {
    pub role: Role,
    pub csp_id: i64,
    pub csp_slug: String,
    pub csp_name: Names,
    pub organisation: Option<String>,
    pub organisation_id: Option<i64>,
    /// The region the role is held for, when it comes from a regional grant.
    pub region: Option<RegionRef>,
}

/// A region named in a grant (`staff::regions`): which one, how it is addressed, what it is
/// called.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionRef {
    pub id: i64,
    pub slug: String,
    pub name: Names,
}

/// One person with their roles in a CSP, as the team page lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    /// Roles in this CSP, with the partner organisation where there is one.
    pub roles: Vec<(Role, Option<String>)>,
}

/// A team of a CSP, which reports can be assigned to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkTeam {
    pub id: i64,
    pub name: String,
    /// (user id, name)
    pub members: Vec<(i64, String)>,
}

/// A signed-in member of staff, as every check sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub language: crate::i18n::Lang,
    pub grants: Vec<RoleGrant>,
}

impl StaffUser {
    /// May this person do `permission` on a record of CSP `csp_id`?
    pub fn can(&self, permission: Permission, csp_id: i64) -> bool {
        self.grants.iter().any(|g| g.csp_id == csp_id && role_allows(g.role, permission))
    }

    /// May this person do `permission` in at least one CSP?
    pub fn can_somewhere(&self, permission: Permission) -> bool {
        self.grants.iter().any(|g| role_allows(g.role, permission))
    }

    /// The CSPs in which this person may do `permission`, without repeats.
    pub fn csps_where(&self, permission: Permission) -> Vec<CspAccess> {
        let mut out: Vec<CspAccess> = Vec::new();
        for g in self.grants.iter().filter(|g| role_allows(g.role, permission)) {
            if !out.iter().any(|c| c.id == g.csp_id) {
                out.push(CspAccess { id: g.csp_id, slug: g.csp_slug.clone(), names: g.csp_name.clone() });
            }
        }
        out
    }

    /// The CSPs in which this person may do any of `permissions` (the ones a page's CSP picker
    /// offers when its own staff and partners read it), without repeats: those of the first
    /// permission first.
    pub fn csps_where_any(&self, permissions: &[Permission]) -> Vec<CspAccess> {
        let mut out: Vec<CspAccess> = Vec::new();
        for &permission in permissions {
            for c in self.csps_where(permission) {
                if !out.iter().any(|a| a.id == c.id) {
                    out.push(c);
                }
            }
        }
        out
    }

    /// The partner organisations this person belongs to in CSP `csp_id`.
    pub fn organisations_in(&self, csp_id: i64) -> Vec<i64> {
        self.grants
            .iter()
            .filter(|g| g.csp_id == csp_id && g.role == Role::Partner)
            .filter_map(|g| g.organisation_id)
            .collect()
    }

    /// The CSP a page is about: the one asked for if it is among `allowed`, else the first.
    pub fn pick_csp(allowed: &[CspAccess], asked: Option<String>) -> Option<CspAccess> {
        match asked.filter(|s| !s.is_empty()) {
            Some(slug) => allowed.iter().find(|c| c.slug == slug).cloned(),
            None => allowed.first().cloned(),
        }
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.grants.iter().any(|g| g.role == role)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(grants: &[(Role, i64)]) -> StaffUser {
        StaffUser {
            id: 1,
            email: "a@b.c".into(),
            display_name: "A".into(),
            language: crate::i18n::Lang::En,
            grants: grants
                .iter()
                .map(|&(role, csp_id)| RoleGrant {
                    role,
                    csp_id,
                    csp_slug: format!("csp-{csp_id}"),
                    csp_name: Names::new("x", "y"),
                    organisation: None,
                    organisation_id: None,
                    region: None,
                })
                .collect(),
        }
    }

    #[test]
    fn permission_table() {
        for role in Role::ALL {
            assert!(role_allows(role, Permission::UseStaffArea), "{role:?}");
            let manager = matches!(role, Role::CspManager | Role::Admin);
            assert_eq!(role_allows(role, Permission::ViewAuditLog), manager, "{role:?}");
            assert_eq!(role_allows(role, Permission::ManageRoles), manager, "{role:?}");
            // "You said, we did": the engagement lead and the partnership's managers only.
            assert_eq!(
                role_allows(role, Permission::PublishYouSaidWeDid),
                manager || role == Role::EngagementLead,
                "{role:?}"
            );
            // Withdrawing one: the partnership's managers only (not the engagement lead).
            assert_eq!(role_allows(role, Permission::WithdrawPublication), manager, "{role:?}");
            // Tension: every role of the partnership's own staff and the region's cohesion
            // coordinator; partners nothing.
            let staff = role != Role::Partner && !role.is_regional();
            assert_eq!(role_allows(role, Permission::ViewTension), role != Role::Partner, "{role:?}");
            assert_eq!(role_allows(role, Permission::RecordTension), role != Role::Partner, "{role:?}");
            assert_eq!(role_allows(role, Permission::ConfigureTension), manager, "{role:?}");
            // Tension events: partners never; the CTLP detail: analysts and managers; the rota: managers.
            assert_eq!(role_allows(role, Permission::ViewTensionEvents), staff, "{role:?}");
            assert_eq!(role_allows(role, Permission::ManageTensionEvents), staff, "{role:?}");
            assert_eq!(
                role_allows(role, Permission::ViewCounterTerrorismProfile),
                manager || role == Role::Analyst,
                "{role:?}"
            );
            assert_eq!(role_allows(role, Permission::ManageTensionRota), manager, "{role:?}");
        }
    }

    #[test]
    fn the_cohesion_coordinator_may_only_use_the_staff_area_and_tension() {
        use Permission::*;
        let coordinator = Role::CohesionCoordinator;
        assert!(coordinator.is_regional());
        assert!(Role::ALL.iter().filter(|r| r.is_regional()).eq([&Role::CohesionCoordinator]));
        assert!(role_allows(coordinator, UseStaffArea));
        for p in [
            ViewAuditLog,
            ManageRoles,
            ViewReports,
            TriageReports,
            ViewReporterContact,
            ViewIntelligence,
            ViewSharedIntelligence,
            UpdateReports,
            SubmitReports,
            ViewProblems,
            ViewSharedProblems,
            EditProblems,
            RunTasking,
            PublishAssessments,
            RunEngagement,
            ViewEngagementResults,
            ViewPublishedResults,
            EnterResponses,
            CodeResponses,
            ManageKin,
            RecordIntelligence,
            PublishYouSaidWeDid,
            WithdrawPublication,
            ConfigureTension,
            ViewTensionEvents,
            ManageTensionEvents,
            ViewCounterTerrorismProfile,
            ManageTensionRota,
        ] {
            assert!(!role_allows(coordinator, p), "{p:?}");
        }
        // Tension levels, assessments and signals of the region's CSPs, and recording them.
        assert!(role_allows(coordinator, ViewTension));
        assert!(role_allows(coordinator, RecordTension));
        // Held for a region, read in each of its CSPs: nothing in a CSP outside it.
        let mut held = user(&[(Role::CohesionCoordinator, 1), (Role::CohesionCoordinator, 2)]);
        held.grants[0].region =
            Some(RegionRef { id: 9, slug: "dyfed-powys".into(), name: Names::new("x", "y") });
        assert!(held.can(ViewTension, 1) && held.can(RecordTension, 2));
        assert!(!held.can(ViewTension, 3) && !held.can(ViewIntelligence, 1) && !held.can(ViewReports, 2));
    }

    #[test]
    fn roles_are_scoped_to_their_csp() {
        let manager_in_1 = user(&[(Role::CspManager, 1), (Role::Officer, 2)]);
        assert!(manager_in_1.can(Permission::ViewAuditLog, 1));
        assert!(!manager_in_1.can(Permission::ViewAuditLog, 2));
        assert!(!manager_in_1.can(Permission::ViewAuditLog, 3));
        assert!(manager_in_1.can(Permission::UseStaffArea, 2));
        assert_eq!(manager_in_1.csps_where(Permission::ViewAuditLog).len(), 1);
        assert_eq!(manager_in_1.csps_where(Permission::UseStaffArea).len(), 2);
        let nobody = user(&[]);
        assert!(!nobody.can_somewhere(Permission::UseStaffArea));
    }

    #[test]
    fn csps_where_any_permission_are_each_named_once() {
        let someone = user(&[(Role::Partner, 3), (Role::Officer, 1), (Role::Partner, 1), (Role::Analyst, 2)]);
        let ids = |permissions: &[Permission]| -> Vec<i64> {
            someone.csps_where_any(permissions).into_iter().map(|c| c.id).collect()
        };
        assert_eq!(ids(&[Permission::ViewIntelligence, Permission::ViewSharedIntelligence]), vec![1, 2, 3]);
        assert_eq!(ids(&[Permission::ViewSharedIntelligence, Permission::ViewIntelligence]), vec![3, 1, 2]);
        assert_eq!(ids(&[Permission::ManageRoles]), Vec::<i64>::new());
    }

    #[test]
    fn who_may_manage_roles() {
        let manager = user(&[(Role::CspManager, 1)]);
        assert!(may_manage_role(&manager, 7, 1, Role::Analyst));
        assert!(may_manage_role(&manager, 7, 1, Role::CspManager));
        assert!(!may_manage_role(&manager, 7, 1, Role::Admin), "only an administrator makes administrators");
        assert!(!may_manage_role(&manager, 7, 2, Role::Analyst), "not in another CSP");
        assert!(!may_manage_role(&manager, manager.id, 1, Role::Analyst), "not your own roles");
        let admin = user(&[(Role::Admin, 1)]);
        assert!(may_manage_role(&admin, 7, 1, Role::Admin));
        let officer = user(&[(Role::Officer, 1)]);
        assert!(!may_manage_role(&officer, 7, 1, Role::Officer));
        assert!(!may_manage_role(&manager, 7, 1, Role::CohesionCoordinator), "regional roles: the CLI only");
        assert!(!may_manage_role(&admin, 7, 1, Role::CohesionCoordinator), "not even an administrator");
    }

    #[test]
    fn role_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("superuser"), None);
    }
}
