//! Regions and the cohesion coordinator's regional role (issue 15 part 6), on SQLite and
//! PostgreSQL: the seeded police force areas and Wales; a regional grant read as the role in
//! every CSP of the region at that moment (a CSP added is covered at the next request, one
//! taken out no longer); a coordinator signs in, sees a staff home that names the region and
//! offers no partnership tool it cannot use, and is refused every staff page that shows
//! reports, intelligence, problems, engagement results, the team or the audit log; a manager
//! (even an administrator) cannot give a regional role on the team page; API keys cannot hold
//! one; `create-user --region` and `region create` / `set-csps` with their refusals (nothing
//! changed), all audited.

mod common;

use app::{
    db::{self, Db},
    i18n::Lang,
    reference::Names,
    staff::{
        accounts::{self, AccountError, NewRegionalAccount, DEMO_PASSWORD},
        regions::{RegionError, RegionKind},
        Permission, Role,
    },
};
use axum::{body::Body, Router};
use common::{
    engagement::{add_account, cookie_for, post, priority_campaign, scalar},
    http::{form, hub, page, send, with_cookie},
};
use http::StatusCode;

const COORDINATOR: &str = "coordinator@south-wales.example";

async fn csp_id(db: &Db, slug: &str) -> i64 {
    db::reference::csp_by_slug(db, slug).await.unwrap().unwrap().id
}

async fn user_id(db: &Db, email: &str) -> i64 {
    db::staff::user_id_by_email(db, email).await.unwrap().unwrap()
}

/// The CSP slugs `email` holds `role` in, as a session reads them now.
async fn covered(db: &Db, email: &str) -> Vec<String> {
    let user = db::staff::staff_user(db, user_id(db, email).await).await.unwrap().unwrap();
    let mut slugs: Vec<String> = user
        .grants
        .iter()
        .filter(|g| g.role == Role::CohesionCoordinator)
        .map(|g| g.csp_slug.clone())
        .collect();
    slugs.sort();
    slugs
}

fn audit(detail: &str) -> app::audit::NewAuditEntry {
    app::audit::NewAuditEntry {
        actor_label: "test".into(),
        action: Some(app::audit::AuditAction::RegionChanged),
        record_type: Some("region".into()),
        detail: Some(detail.into()),
        ..Default::default()
    }
}

fn slugs(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

async fn coordinator_for(db: &Db, email: &str, region: &str) -> Result<i64, AccountError> {
    accounts::create_regional_account(
        db,
        NewRegionalAccount {
            email,
            display_name: "Cohesion coordinator",
            password: DEMO_PASSWORD,
            role: "cohesion_coordinator",
            region_slug: region,
            language: Lang::En,
            is_demo: false,
        },
        "test",
    )
    .await
}

both_backends!(reference_regions_are_seeded, |db: Db, _url: String| async move {
    let regions = db::regions::regions(&db).await.unwrap();
    let by_slug = |slug: &str| regions.iter().find(|r| r.slug == slug).unwrap();
    let areas: Vec<&str> =
        regions.iter().filter(|r| r.kind == RegionKind::PoliceForceArea).map(|r| r.slug.as_str()).collect();
    assert_eq!(areas.len(), 4, "{areas:?}");
    for force in ["north-wales", "dyfed-powys", "south-wales", "gwent"] {
        assert!(areas.contains(&force), "{force}");
    }
    let dyfed_powys: Vec<&str> = by_slug("dyfed-powys").csps.iter().map(|c| c.slug.as_str()).collect();
    assert_eq!(dyfed_powys, ["carmarthenshire", "ceredigion", "pembrokeshire", "powys"]);
    assert_eq!(
        by_slug("dyfed-powys").name,
        Names::new("Dyfed-Powys Police area", "Ardal Heddlu Dyfed-Powys")
    );
    let wales = by_slug("wales");
    assert_eq!((wales.kind, wales.csps.len()), (RegionKind::Wales, 19));
    // Every CSP is in exactly one police force area.
    let in_areas: usize =
        regions.iter().filter(|r| r.kind == RegionKind::PoliceForceArea).map(|r| r.csps.len()).sum();
    assert_eq!(in_areas, 19);
});

both_backends!(a_regional_grant_follows_the_region, |db: Db, _url: String| async move {
    let before = scalar(&db, "SELECT COUNT(*) FROM regions").await;
    // Refused, and nothing made: an unknown CSP, a taken slug.
    let name = Names::new("Mid and West Wales", "Canolbarth a Gorllewin Cymru");
    let made = db::regions::create_region(
        &db,
        "mid-west",
        &name,
        RegionKind::CohesionRegion,
        &slugs(&["ceredigion", "narnia", "powys", "atlantis"]),
        &audit("x"),
    )
    .await
    .unwrap();
    assert_eq!(made, Err(RegionError::UnknownCsps(slugs(&["narnia", "atlantis"]))));
    let made = db::regions::create_region(
        &db,
        "gwent",
        &name,
        RegionKind::CohesionRegion,
        &slugs(&["powys"]),
        &audit("x"),
    )
    .await
    .unwrap();
    assert_eq!(made, Err(RegionError::SlugTaken("gwent".into())));
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM regions").await, before, "nothing made");

    // A cohesion region of three CSPs.
    db::regions::create_region(
        &db,
        "mid-west",
        &name,
        RegionKind::CohesionRegion,
        &slugs(&["ceredigion", "powys", "pembrokeshire"]),
        &audit("made"),
    )
    .await
    .unwrap()
    .unwrap();
    let email = "coordinator@mid-west.example";
    coordinator_for(&db, email, "mid-west").await.unwrap();
    assert_eq!(covered(&db, email).await, ["ceredigion", "pembrokeshire", "powys"]);
    let user = db::staff::staff_user(&db, user_id(&db, email).await).await.unwrap().unwrap();
    assert!(user.grants.iter().all(|g| g.region.as_ref().map(|r| r.slug.as_str()) == Some("mid-west")));
    let powys = csp_id(&db, "powys").await;
    let swansea = csp_id(&db, "swansea").await;
    assert!(user.can(Permission::UseStaffArea, powys) && !user.can(Permission::UseStaffArea, swansea));
    assert!(!user.can(Permission::ViewReports, powys) && !user.can(Permission::ViewIntelligence, powys));

    // A CSP added is covered at once; one taken out no longer.
    db::regions::set_region_csps(
        &db,
        "mid-west",
        &slugs(&["ceredigion", "powys", "pembrokeshire", "swansea"]),
        &audit("+"),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(covered(&db, email).await, ["ceredigion", "pembrokeshire", "powys", "swansea"]);
    db::regions::set_region_csps(&db, "mid-west", &slugs(&["ceredigion", "swansea"]), &audit("-"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(covered(&db, email).await, ["ceredigion", "swansea"]);

    // Refused, and nothing changed: an unknown CSP, an unknown region, a police force area, Wales.
    let refused = db::regions::set_region_csps(&db, "mid-west", &slugs(&["powys", "mordor"]), &audit("x"))
        .await
        .unwrap();
    assert_eq!(refused, Err(RegionError::UnknownCsps(slugs(&["mordor"]))));
    assert_eq!(covered(&db, email).await, ["ceredigion", "swansea"], "all or nothing");
    let refused =
        db::regions::set_region_csps(&db, "nowhere", &slugs(&["powys"]), &audit("x")).await.unwrap();
    assert_eq!(refused, Err(RegionError::UnknownRegion("nowhere".into())));
    for fixed in ["dyfed-powys", "wales"] {
        let refused =
            db::regions::set_region_csps(&db, fixed, &slugs(&["powys"]), &audit("x")).await.unwrap();
        assert_eq!(refused, Err(RegionError::NotConfigurable(fixed.into())));
    }
    assert_eq!(db::regions::region_by_slug(&db, "dyfed-powys").await.unwrap().unwrap().csps.len(), 4);
    // Only the three changes that happened are in the audit log; a change of members is logged
    // in every CSP it concerns (held before or after: Powys sees that it was taken out).
    assert_eq!(
        scalar(&db, "SELECT COUNT(DISTINCT detail) FROM audit_log WHERE action = 'region_changed'").await,
        3
    );
    let taken_out = scalar(
        &db,
        &format!("SELECT COUNT(*) FROM audit_log WHERE action = 'region_changed' AND detail = '-' AND csp_id = {powys}"),
    )
    .await;
    assert_eq!(taken_out, 1);
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'region_changed' AND detail = '-'").await,
        4,
        "ceredigion, powys, pembrokeshire, swansea"
    );

    // The grant itself is audited like any other, in each CSP of the region then.
    let granted = scalar(
        &db,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'role_granted' \
         AND detail = 'cohesion_coordinator for region mid-west'",
    )
    .await;
    assert_eq!(granted, 3);
    let created = scalar(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'account_created' AND csp_id IS NOT NULL AND record_id = (SELECT CAST(id AS TEXT) FROM users WHERE email = 'coordinator@mid-west.example')").await;
    assert_eq!(created, 3);

    // The role taken away (`cymuned region revoke-role`): the next read holds nothing, audited in
    // each CSP of the region; again, or for a role never held, nothing changes.
    assert!(accounts::revoke_regional_role(&db, email, "cohesion_coordinator", "mid-west", "test")
        .await
        .unwrap());
    assert!(covered(&db, email).await.is_empty());
    let revoked = scalar(
        &db,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'role_revoked' AND detail = 'cohesion_coordinator for region mid-west'",
    )
    .await;
    assert_eq!(revoked, 2, "ceredigion and swansea, the region's CSPs now");
    assert!(!accounts::revoke_regional_role(&db, email, "cohesion_coordinator", "mid-west", "test")
        .await
        .unwrap());
    assert!(matches!(
        accounts::revoke_regional_role(&db, email, "officer", "mid-west", "test").await,
        Err(AccountError::CspRoleNeedsCsp(_))
    ));
    assert!(matches!(
        accounts::revoke_regional_role(&db, "nobody@x.example", "cohesion_coordinator", "mid-west", "test")
            .await,
        Err(AccountError::UnknownAccount(_))
    ));
});

both_backends!(regional_roles_are_given_only_for_a_region, |db: Db, _url: String| async move {
    accounts::ensure_demo_accounts(&db).await.unwrap();
    // The account functions refuse the wrong place, an unknown region, and API keys.
    assert!(matches!(
        coordinator_for(&db, "c@x.example", "atlantis").await,
        Err(AccountError::UnknownRegion(_))
    ));
    let as_csp = accounts::create_account(
        &db,
        accounts::NewAccount {
            email: "c@x.example",
            display_name: "C",
            password: DEMO_PASSWORD,
            role: "cohesion_coordinator",
            csp_slug: "cardiff",
            organisation: None,
            language: Lang::En,
            is_demo: false,
        },
        "test",
    )
    .await;
    assert!(matches!(as_csp, Err(AccountError::RegionalRoleNeedsRegion(_))));
    let officer = accounts::create_regional_account(
        &db,
        NewRegionalAccount {
            email: "c@x.example",
            display_name: "C",
            password: DEMO_PASSWORD,
            role: "officer",
            region_slug: "dyfed-powys",
            language: Lang::En,
            is_demo: false,
        },
        "test",
    )
    .await;
    assert!(matches!(officer, Err(AccountError::CspRoleNeedsCsp(_))));
    assert_eq!(db::staff::user_id_by_email(&db, "c@x.example").await.unwrap(), None, "no account made");
    let key = accounts::create_api_key(&db, "cardiff", "cohesion_coordinator", "Map", None).await;
    assert!(matches!(key, Err(AccountError::RegionalRoleForApiKey(_))));
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM api_keys").await, 0);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM user_region_roles").await, 1, "the demo coordinator only");
    // Demo accounts: the coordinator's goes with the others.
    assert_eq!(db::staff::delete_demo_users(&db).await.unwrap(), 7);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM user_region_roles").await, 0);
});

/// Staff pages that show reports, intelligence, problems, engagement results, the team or the
/// audit log, for Cardiff (where a South Wales coordinator holds the role).
async fn guarded_pages(app: &Router, db: &Db) -> (Vec<String>, String) {
    let body = "lang=en&area=W06000015&category=drugs&ward=&lat=51.4943&lon=-3.1812&ongoing=on\
                &description=Dealing%20from%20number%204%20every%20night&anonymous=no&name=Gwen%20Secret\
                &email=gwen%40example.cymru&phone=&contact_language=en&consent=on";
    let (status, _, _) = send(app, form("/report").body(Body::from(body)).unwrap()).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let reference: String = sqlx::query_scalar("SELECT reference FROM reports ORDER BY id DESC LIMIT 1")
        .fetch_one(db.reader())
        .await
        .unwrap();
    let (campaign, _) = priority_campaign(db).await;
    let pages = [
        "/staff/intake?csp=cardiff".to_string(),
        format!("/staff/reports/{reference}"),
        format!("/staff/reports/{reference}?contact=show"),
        "/staff/intelligence?csp=cardiff".into(),
        "/staff/intelligence/record?csp=cardiff".into(),
        "/staff/case-reviews?csp=cardiff".into(),
        "/staff/problems?csp=cardiff".into(),
        "/staff/tasking?csp=cardiff".into(),
        "/staff/control-strategy?csp=cardiff".into(),
        "/staff/strategic-assessments?csp=cardiff".into(),
        "/staff/engagement?csp=cardiff".into(),
        "/staff/engagement/priorities?csp=cardiff".into(),
        "/staff/engagement/published?csp=cardiff".into(),
        "/staff/engagement/publications?csp=cardiff".into(),
        "/staff/engagement/kin?csp=cardiff".into(),
        format!("/staff/engagement/{campaign}"),
        format!("/staff/engagement/{campaign}/results"),
        format!("/staff/engagement/{campaign}/coding"),
        format!("/staff/engagement/{campaign}/reach"),
        format!("/staff/engagement/{campaign}/enter"),
        "/staff/team?csp=cardiff".into(),
        "/staff/audit?csp=cardiff".into(),
    ];
    (pages.to_vec(), reference)
}

both_backends!(a_coordinator_is_refused_reports_and_intelligence, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    coordinator_for(&db, COORDINATOR, "south-wales").await.unwrap();
    let (pages, reference) = guarded_pages(&app, &db).await;
    let coordinator = cookie_for(&app, COORDINATOR).await;
    let officer = cookie_for(&app, "officer@demo.cymuned.cymru").await;
    let demo_coordinator = cookie_for(&app, "cohesion-coordinator@demo.cymuned.cymru").await;
    let manager = cookie_for(&app, "csp-manager@demo.cymuned.cymru").await;
    let partner = cookie_for(&app, "partner@demo.cymuned.cymru").await;
    for path in &pages {
        // The pages exist: Cardiff's manager (or, for partners' pages, its partner) reads each
        // one, so a refusal below is a refusal.
        let (by_manager, _) = page(&app, path, &manager).await;
        let (by_partner, _) = page(&app, path, &partner).await;
        assert!(
            by_manager == StatusCode::OK || by_partner == StatusCode::OK,
            "{path}: {by_manager} {by_partner}"
        );
        for (who, cookie) in
            [("South Wales coordinator", &coordinator), ("Dyfed-Powys coordinator", &demo_coordinator)]
        {
            let (status, body) = page(&app, path, cookie).await;
            assert!(
                matches!(status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                "{who}: {path} -> {status}"
            );
            assert!(!body.contains("Gwen Secret") && !body.contains("gwen@example.cymru"), "{who}: {path}");
            assert!(!body.contains("Dealing from number 4"), "{who}: {path}");
        }
    }
    // Forms: refused, nothing changed.
    let version: i64 = sqlx::query_scalar("SELECT version FROM reports WHERE reference = $1")
        .bind(&reference)
        .fetch_one(db.reader())
        .await
        .unwrap();
    let (status, _, body) = send(
        &app,
        with_cookie(form(&format!("/staff/reports/{reference}/contact")), &coordinator)
            .body(Body::from("lang=en"))
            .unwrap(),
    )
    .await;
    assert!(matches!(status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "contact: {status}");
    assert!(!body.contains("gwen@example.cymru"));
    let (status, _) = post(
        &app,
        &format!("/staff/reports/{reference}/acknowledge"),
        &coordinator,
        &format!("lang=en&version={version}"),
    )
    .await;
    assert!(matches!(status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "acknowledge: {status}");
    let after: i64 = sqlx::query_scalar("SELECT version FROM reports WHERE reference = $1")
        .bind(&reference)
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert_eq!(after, version);
    let (status, _) = page(&app, "/staff/intake?csp=cardiff", &officer).await;
    assert_eq!(status, StatusCode::OK, "the officer still reads the queue");

    // The staff home: the role, the region and its CSPs, and no partnership tool.
    for (path, role, region) in [
        ("/staff", "Cohesion coordinator", "South Wales Police area (region)"),
        ("/cy/staff", "Cydlynydd cydlyniant", "Ardal Heddlu De Cymru (rhanbarth)"),
    ] {
        let (status, body) = page(&app, path, &coordinator).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let text = common::text_of(&body);
        assert!(text.contains(role) && text.contains(region), "{path}: {text}");
        assert!(
            text.contains("Cardiff") && text.contains("Swansea") || text.contains("Caerdydd"),
            "{path}: {text}"
        );
        for link in [
            "/staff/intake",
            "/staff/intelligence",
            "/staff/audit",
            "/staff/team",
            "/staff/engagement",
            "/staff/problems",
            "/staff/case-reviews",
        ] {
            assert!(
                !body.contains(&format!("href=\"{link}")) && !body.contains(&format!("href=\"/cy{link}")),
                "{path}: {link}"
            );
        }
    }
    let (status, body) = page(&app, "/staff", &demo_coordinator).await;
    assert_eq!(status, StatusCode::OK);
    let text = common::text_of(&body);
    assert!(text.contains("Dyfed-Powys Police area (region)") && text.contains("Ceredigion CSP"), "{text}");
    assert!(!text.contains("Cardiff CSP"), "{text}");
    // The sign-in page of the demo lists the coordinator's account.
    let (_, body) = page(&app, "/sign-in", &None).await;
    assert!(
        body.contains("cohesion-coordinator@demo.cymuned.cymru") && body.contains("Cohesion coordinator")
    );
});

both_backends!(managers_cannot_give_a_regional_role, |db: Db, url: String| async move {
    let app = hub(db.clone(), &url).await;
    add_account(&db, "someone@cardiff.example", "Someone", "officer", "cardiff", None).await;
    for manager in ["csp-manager@demo.cymuned.cymru", "admin@demo.cymuned.cymru"] {
        let cookie = cookie_for(&app, manager).await;
        let (status, body) = page(&app, "/staff/team?csp=cardiff", &cookie).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            !body.contains("cohesion_coordinator") && !body.contains("Cohesion coordinator"),
            "{manager}: not offered"
        );
        let (status, location) = post(
            &app,
            "/staff/team/grant",
            &cookie,
            "lang=en&csp=cardiff&email=someone@cardiff.example&role=cohesion_coordinator&organisation=&organisation_kind=other",
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert!(location.ends_with("error=forbidden"), "{manager}: {location}");
    }
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM user_roles WHERE role = 'cohesion_coordinator'").await, 0);
    assert_eq!(
        scalar(&db, "SELECT COUNT(*) FROM user_region_roles r JOIN users u ON u.id = r.user_id WHERE u.email = 'someone@cardiff.example'").await,
        0
    );
});

both_backends!(region_commands_refuse_bad_input, |db: Db, _url: String| async move {
    use server::cli::{region_command, RegionCommand};
    let create = |slug: &str, kind: &str, csps: &[&str]| RegionCommand::Create {
        slug: slug.into(),
        name_en: "Mid and West Wales".into(),
        name_cy: "Canolbarth a Gorllewin Cymru".into(),
        kind: kind.into(),
        csps: slugs(csps),
    };
    let before = scalar(&db, "SELECT COUNT(*) FROM regions").await;
    for (command, expected) in [
        (create("mid-west", "cohesion_region", &["powys", "narnia"]), "unknown CSP slug(s): narnia"),
        (create("mid-west", "cohesion_region", &[]), "at least one CSP"),
        (create("Mid West", "cohesion_region", &["powys"]), "lower-case"),
        (
            create("mid-west", "police_force_area", &["powys"]),
            "police force areas and wales come from the reference data",
        ),
        (create("gwent", "cohesion_region", &["powys"]), "already exists"),
    ] {
        let err = region_command(&db, command).await.unwrap_err().to_string();
        assert!(err.contains(expected), "{err}");
    }
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM regions").await, before, "nothing made");
    region_command(&db, create("mid-west", "cohesion_region", &["powys", "ceredigion"])).await.unwrap();
    for (slug, csps, expected) in [
        ("mid-west", vec!["powys", "mordor"], "unknown CSP slug(s): mordor"),
        ("nowhere", vec!["powys"], "unknown region 'nowhere'"),
        ("dyfed-powys", vec!["powys"], "only cohesion regions can be changed"),
    ] {
        let err = region_command(&db, RegionCommand::SetCsps { slug: slug.into(), csps: slugs(&csps) })
            .await
            .unwrap_err()
            .to_string();
        assert!(err.contains(expected), "{err}");
    }
    let region = db::regions::region_by_slug(&db, "mid-west").await.unwrap().unwrap();
    assert_eq!(region.csps.len(), 2, "unchanged");
    region_command(&db, RegionCommand::SetCsps { slug: "mid-west".into(), csps: slugs(&["powys"]) })
        .await
        .unwrap();
    assert_eq!(db::regions::region_by_slug(&db, "mid-west").await.unwrap().unwrap().csps.len(), 1);
});

/// `cymuned create-user` with a region, and its refusals, through the binary.
#[test]
fn create_user_with_a_region() {
    let dir = std::env::temp_dir().join(format!("cymuned-regions-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/cli.db", dir.display());
    let run = |args: &[&str]| {
        use std::io::Write;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cymuned"))
            .env_remove("CYMUNED_CONFIG")
            .env("DATABASE_URL", &url)
            .env("CYMUNED_ENV", "demo")
            .env("CYMUNED_LOG", "error")
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(b"a long enough password\n").unwrap();
        let out = child.wait_with_output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let coordinator =
        ["create-user", "--email", "cydlynydd@dyfed-powys.example", "--role", "cohesion_coordinator"];
    let (ok, _, err) = run(&[&coordinator[..], &["--csp", "ceredigion"]].concat());
    assert!(!ok && err.contains("--region"), "{err}");
    let (ok, _, err) = run(&[&coordinator[..], &["--region", "atlantis"]].concat());
    assert!(!ok && err.contains("unknown region 'atlantis'"), "{err}");
    let (ok, _, err) =
        run(&["create-user", "--email", "o@cardiff.example", "--role", "officer", "--region", "dyfed-powys"]);
    assert!(!ok && err.contains("--csp"), "{err}");
    let (ok, out, err) = run(&[&coordinator[..], &["--region", "dyfed-powys"]].concat());
    assert!(ok, "{err}");
    assert!(out.contains("cohesion_coordinator for region dyfed-powys"), "{out}");
    let (ok, _, err) =
        run(&["api-key", "create", "--csp", "cardiff", "--role", "cohesion_coordinator", "--name", "Map"]);
    assert!(!ok && err.contains("API key"), "{err}");
    let (ok, out, err) = run(&[
        "region",
        "create",
        "--slug",
        "mid-west",
        "--name-en",
        "Mid and West Wales",
        "--name-cy",
        "Canolbarth a Gorllewin Cymru",
        "--csp",
        "ceredigion",
        "--csp",
        "powys",
    ]);
    assert!(ok, "{err}");
    assert!(out.contains("holds 2 CSPs"), "{out}");
    let (ok, _, err) =
        run(&["region", "set-csps", "--slug", "mid-west", "--csp", "powys", "--csp", "narnia"]);
    assert!(!ok && err.contains("narnia") && err.contains("nothing was changed"), "{err}");
    let (ok, out, err) = run(&["region", "list"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("mid-west (cohesion_region)") && out.contains("dyfed-powys (police_force_area)"),
        "{out}"
    );

    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let db = Db::connect(&url, 1).await.unwrap();
        let id = user_id(&db, "cydlynydd@dyfed-powys.example").await;
        let user = db::staff::staff_user(&db, id).await.unwrap().unwrap();
        assert_eq!(user.grants.len(), 4, "the four CSPs of Dyfed-Powys");
        let granted: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'role_granted' AND actor_label = 'cli' AND record_id = $1",
        )
        .bind(id.to_string())
        .fetch_one(db.reader())
        .await
        .unwrap();
        assert_eq!(granted, 4, "audited in each CSP of the region");
    });
    let _ = std::fs::remove_dir_all(&dir);
}
