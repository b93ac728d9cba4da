//! Data-access tests: every one runs on SQLite and on PostgreSQL.

mod common;

use app::{
    audit::{AuditAction, NewAuditEntry},
    db::{self, Db},
    i18n::Lang,
    reference::{locate::WardIndex, seed, Coordinates, Names},
    staff::{accounts, Role},
};
use geo::{Contains, Coord};
use sqlx::Row;

both_backends!(reference_data_is_all_of_wales, |db: Db, _url| async move {
    assert_eq!(db::reference::csp_count(&db).await.unwrap(), 19);
    assert_eq!(db::reference::ward_count(&db).await.unwrap(), 852);
    let csps = db::reference::list_csps(&db).await.unwrap();
    assert_eq!(csps.len(), 19);
    let forces: std::collections::BTreeSet<_> = csps.iter().map(|c| c.police_force.slug.clone()).collect();
    assert_eq!(forces.len(), 4);
    let las: usize = csps.iter().map(|c| c.local_authorities.len()).sum();
    assert_eq!(las, 22);
    let cwm_taf = csps.iter().find(|c| c.slug == "cwm-taf").unwrap();
    assert_eq!(cwm_taf.local_authorities.len(), 2);
    let cardiff = db::reference::csp_by_slug(&db, "cardiff").await.unwrap().unwrap();
    assert_eq!(cardiff.name.cy, "Partneriaeth Diogelwch Cymunedol Caerdydd");
    assert_eq!(cardiff.police_force.name.en, "South Wales Police");
    assert_eq!(cardiff.ward_count, cardiff.neighbourhood_count, "one neighbourhood per ward by default");
    let anglesey = db::reference::csp_by_slug(&db, "gwynedd-anglesey").await.unwrap().unwrap();
    assert!(anglesey.local_authorities.iter().any(|la| la.name.cy == "Ynys Môn"));
    // Loading again changes nothing.
    assert!(seed::seed_if_empty(&db).await.unwrap().is_none());
    assert_eq!(db::reference::ward_count(&db).await.unwrap(), 852);
});

both_backends!(neighbourhoods_have_welsh_names, |db: Db, _url| async move {
    let cardiff = db::reference::csp_by_slug(&db, "cardiff").await.unwrap().unwrap();
    let list = db::reference::neighbourhoods(&db, cardiff.id).await.unwrap();
    assert_eq!(list.len() as i64, cardiff.neighbourhood_count);
    let castle = list.iter().find(|n| n.wards.iter().any(|w| w.name.en == "Cathays")).expect("Cathays ward");
    assert_eq!(castle.wards.len(), 1);
    assert!(list.iter().all(|n| !n.name.cy.is_empty()));
});

both_backends!(grouping_wards_is_all_or_nothing, |db: Db, _url| async move {
    let cardiff = db::reference::csp_by_slug(&db, "cardiff").await.unwrap().unwrap();
    let before = db::reference::neighbourhoods(&db, cardiff.id).await.unwrap();
    let codes: Vec<String> = before.iter().take(2).map(|n| n.wards[0].code.clone()).collect();
    let swansea = db::reference::csp_by_slug(&db, "swansea").await.unwrap().unwrap();
    let swansea_ward = db::reference::neighbourhoods(&db, swansea.id).await.unwrap()[0].wards[0].code.clone();
    // A ward of another CSP: refused, nothing changed.
    let bad = vec![codes[0].clone(), swansea_ward];
    assert!(db::reference::group_wards(
        &db,
        cardiff.id,
        "city-east",
        &Names::new("City East", "Dwyrain y Ddinas"),
        &bad
    )
    .await
    .is_err());
    assert_eq!(db::reference::neighbourhoods(&db, cardiff.id).await.unwrap().len(), before.len());
    // Two Cardiff wards: one neighbourhood fewer, holding both.
    db::reference::group_wards(
        &db,
        cardiff.id,
        "city-east",
        &Names::new("City East", "Dwyrain y Ddinas"),
        &codes,
    )
    .await
    .unwrap();
    let after = db::reference::neighbourhoods(&db, cardiff.id).await.unwrap();
    assert_eq!(after.len(), before.len() - 1);
    let grouped = after.iter().find(|n| n.slug == "city-east").unwrap();
    assert_eq!(grouped.wards.len(), 2);
    assert_eq!(grouped.name.cy, "Dwyrain y Ddinas");
});

/// Two wards that share an edge, and points a metre either side of that edge.
fn points_either_side(
    index_rows: &[db::reference::WardShapeRow],
) -> (String, Coordinates, String, Coordinates) {
    use app::reference::boundaries::parse_geometry;
    let shapes: Vec<(String, geo::MultiPolygon<f64>)> = index_rows
        .iter()
        .filter(|r| r.location.csp_slug == "cardiff")
        .map(|r| (r.location.ward.code.clone(), parse_geometry(&r.geometry).unwrap()))
        .collect();
    for (i, (code_a, a)) in shapes.iter().enumerate() {
        let ring = &a.0[0].exterior().0;
        for w in ring.windows(2) {
            let (p, q) = (w[0], w[1]);
            for (code_b, b) in shapes.iter().skip(i + 1) {
                let shares = b.0.iter().any(|poly| {
                    poly.exterior().0.windows(2).any(|e| (e[0] == q && e[1] == p) || (e[0] == p && e[1] == q))
                });
                if !shares {
                    continue;
                }
                let mid = Coord { x: (p.x + q.x) / 2.0, y: (p.y + q.y) / 2.0 };
                let (dx, dy) = (q.x - p.x, q.y - p.y);
                let len = (dx * dx + dy * dy).sqrt();
                if len < 1e-4 {
                    continue;
                }
                let offset = 1e-5 / len; // about a metre
                let left = Coord { x: mid.x - dy * offset, y: mid.y + dx * offset };
                let right = Coord { x: mid.x + dy * offset, y: mid.y - dx * offset };
                let (in_a, in_b) =
                    if a.contains(&geo::Point::from(left)) { (left, right) } else { (right, left) };
                if a.contains(&geo::Point::from(in_a)) && b.contains(&geo::Point::from(in_b)) {
                    return (
                        code_a.clone(),
                        Coordinates { lat: in_a.y, lon: in_a.x },
                        code_b.clone(),
                        Coordinates { lat: in_b.y, lon: in_b.x },
                    );
                }
            }
        }
    }
    panic!("no two Cardiff wards share an edge");
}

both_backends!(ward_index_routes_points_to_the_right_ward_and_csp, |db: Db, _url| async move {
    let rows = db::reference::ward_shapes(&db).await.unwrap();
    let (code_a, in_a, code_b, in_b) = points_either_side(&rows);
    let index = WardIndex::build(rows).unwrap();
    assert_eq!(index.len(), 852);
    // Cardiff city centre, Swansea, Wrexham.
    let cardiff = index.locate(Coordinates { lat: 51.4816, lon: -3.1791 }).expect("Cardiff centre");
    assert_eq!(cardiff.csp_slug, "cardiff");
    assert_eq!(index.locate(Coordinates { lat: 51.6214, lon: -3.9436 }).unwrap().csp_slug, "swansea");
    assert_eq!(index.locate(Coordinates { lat: 53.0462, lon: -2.9930 }).unwrap().csp_slug, "wrexham");
    // Either side of a shared ward boundary.
    assert_eq!(index.locate(in_a).unwrap().ward.code, code_a);
    assert_eq!(index.locate(in_b).unwrap().ward.code, code_b);
    // Outside Wales: Bristol, London, the Irish Sea.
    assert!(index.locate(Coordinates { lat: 51.4545, lon: -2.5879 }).is_none());
    assert!(index.locate(Coordinates { lat: 51.5074, lon: -0.1278 }).is_none());
    assert!(index.locate(Coordinates { lat: 53.0, lon: -5.5 }).is_none());
});

both_backends!(importing_boundaries_updates_wards_and_refuses_bad_files, |db: Db, _url| async move {
    let rows = db::reference::ward_shapes(&db).await.unwrap();
    let cathays = rows.iter().find(|r| r.location.ward.name.en == "Cathays").unwrap();
    let file = |code: &str, name: &str, extra: &str| {
        format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"WD23CD":"{code}","WD23NM":"{name}","WD23NMW":"{name} (cy)"{extra}}},"geometry":{}}}]}}"#,
            cathays.geometry
        )
    };
    // An existing ward renamed: its neighbourhood is kept.
    let renamed = file(&cathays.location.ward.code, "Cathays North", "");
    let counts = seed::import(&db, &[("wards".into(), renamed)]).await.unwrap();
    assert_eq!(counts.wards, 1);
    let after = db::reference::ward_shapes(&db).await.unwrap();
    let ward = after.iter().find(|r| r.location.ward.code == cathays.location.ward.code).unwrap();
    assert_eq!(ward.location.ward.name.en, "Cathays North");
    assert_eq!(ward.location.neighbourhood_id, cathays.location.neighbourhood_id);
    // A new ward with no authority named: placed by its position (Cardiff).
    let new_ward = file("W05999999", "New Ward", "");
    seed::import(&db, &[("new".into(), new_ward)]).await.unwrap();
    let placed = db::reference::ward_shapes(&db)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.location.ward.code == "W05999999")
        .unwrap();
    assert_eq!(placed.location.csp_slug, "cardiff");
    // A file naming an unknown authority, together with a good file: nothing is written.
    let good = file("W05888888", "Good", "");
    let bad = file("W05777777", "Bad", r#","LAD23CD":"E06000001""#);
    let err = seed::import(&db, &[("good".into(), good), ("bad".into(), bad)]).await.unwrap_err();
    assert!(err.to_string().contains("E06000001"), "{err}");
    let codes: Vec<String> =
        db::reference::ward_shapes(&db).await.unwrap().into_iter().map(|r| r.location.ward.code).collect();
    assert!(!codes.contains(&"W05888888".to_string()));
    // Not GeoJSON at all.
    assert!(seed::import(&db, &[("x".into(), "not json".into())]).await.is_err());
});

both_backends!(accounts_roles_and_sessions, |db: Db, _url| async move {
    let id = accounts::create_account(
        &db,
        accounts::NewAccount {
            email: "Officer@Cardiff.gov.uk ",
            display_name: "Siân Officer",
            password: "a long enough password",
            role: "officer",
            csp_slug: "cardiff",
            organisation: None,
            language: Lang::Cy,
            is_demo: false,
        },
        "test",
    )
    .await
    .unwrap();
    // A second role in another CSP for the same person (matched case-insensitively).
    let again = accounts::create_account(
        &db,
        accounts::NewAccount {
            email: "officer@cardiff.gov.uk",
            display_name: "ignored",
            password: "",
            role: "partner",
            csp_slug: "vale-of-glamorgan",
            organisation: Some(("housing", "Vale Housing")),
            language: Lang::En,
            is_demo: false,
        },
        "test",
    )
    .await
    .unwrap();
    assert_eq!(id, again);
    let user = db::staff::staff_user(&db, id).await.unwrap().unwrap();
    assert_eq!(user.language, Lang::Cy);
    assert_eq!(user.grants.len(), 2);
    let partner = user.grants.iter().find(|g| g.role == Role::Partner).unwrap();
    assert_eq!(partner.organisation.as_deref(), Some("Vale Housing"));
    let creds = db::staff::credentials_by_email(&db, "OFFICER@cardiff.gov.uk").await.unwrap().unwrap();
    assert!(accounts::verify_password("a long enough password", &creds.password_hash));
    // Bad input stores nothing.
    let short = accounts::NewAccount {
        email: "new@cardiff.gov.uk",
        display_name: "New",
        password: "short",
        role: "officer",
        csp_slug: "cardiff",
        organisation: None,
        language: Lang::En,
        is_demo: false,
    };
    assert!(matches!(
        accounts::create_account(&db, short, "test").await,
        Err(accounts::AccountError::PasswordTooShort)
    ));
    assert!(db::staff::user_id_by_email(&db, "new@cardiff.gov.uk").await.unwrap().is_none());
    // Sessions: stored by hash, found, ended.
    let token = app::staff::session::start(&db, id).await.unwrap();
    let hash = accounts::sha256_hex(&token);
    let row = db::staff::session(&db, &hash).await.unwrap().unwrap();
    assert_eq!(row.user_id, id);
    assert!(db::staff::session(&db, &token).await.unwrap().is_none(), "the raw token is not stored");
    db::staff::delete_session(&db, &hash).await.unwrap();
    assert!(db::staff::session(&db, &hash).await.unwrap().is_none());
    // Language preference.
    db::staff::set_language(&db, id, Lang::En).await.unwrap();
    assert_eq!(db::staff::staff_user(&db, id).await.unwrap().unwrap().language, Lang::En);
});

both_backends!(demo_accounts_come_and_go, |db: Db, _url| async move {
    // One per role: six in Cardiff, and the cohesion coordinator for Dyfed-Powys.
    assert_eq!(accounts::ensure_demo_accounts(&db).await.unwrap(), 7);
    assert_eq!(accounts::ensure_demo_accounts(&db).await.unwrap(), 0, "idempotent");
    assert_eq!(db::staff::demo_user_count(&db).await.unwrap(), 7);
    let manager = db::staff::user_id_by_email(&db, "csp-manager@demo.cymuned.cymru").await.unwrap().unwrap();
    let user = db::staff::staff_user(&db, manager).await.unwrap().unwrap();
    assert_eq!(user.grants[0].csp_slug, "cardiff");
    assert_eq!(db::staff::delete_demo_users(&db).await.unwrap(), 7);
    assert_eq!(db::staff::demo_user_count(&db).await.unwrap(), 0);
});

both_backends!(api_keys_are_stored_hashed, |db: Db, _url| async move {
    let key = accounts::create_api_key(&db, "cardiff", "officer", "FixMyStreet", None).await.unwrap();
    assert!(key.starts_with("cym_"));
    let principal = accounts::authenticate_api_key(&db, &key).await.unwrap().unwrap();
    assert_eq!(principal.role, Role::Officer);
    assert_eq!(principal.name, "FixMyStreet");
    let mut wrong = key.clone();
    wrong.pop();
    wrong.push(if key.ends_with('0') { '1' } else { '0' });
    assert!(accounts::authenticate_api_key(&db, &wrong).await.unwrap().is_none());
    assert!(accounts::authenticate_api_key(&db, "nonsense").await.unwrap().is_none());
    let stored: i64 = sqlx::query("SELECT COUNT(*) FROM api_keys WHERE key_hash = $1")
        .bind(&key)
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_eq!(stored, 0, "the key itself is never stored");
    assert!(matches!(
        accounts::create_api_key(&db, "atlantis", "officer", "x", None).await,
        Err(accounts::AccountError::UnknownCsp(_))
    ));
    assert!(matches!(
        accounts::create_api_key(&db, "cardiff", "partner", "x", None).await,
        Err(accounts::AccountError::PartnerNeedsOrganisation)
    ));
});

both_backends!(audit_log_is_append_only_and_scoped, |db: Db, _url| async move {
    accounts::ensure_demo_accounts(&db).await.unwrap();
    let cardiff = db::reference::csp_by_slug(&db, "cardiff").await.unwrap().unwrap();
    let swansea = db::reference::csp_by_slug(&db, "swansea").await.unwrap().unwrap();
    let officer = db::staff::user_id_by_email(&db, "officer@demo.cymuned.cymru").await.unwrap().unwrap();
    let entry = |action, user: Option<i64>, csp: Option<i64>| NewAuditEntry {
        actor_user_id: user,
        actor_label: "someone".into(),
        action: Some(action),
        csp_id: csp,
        ip: Some("127.0.0.1".into()),
        ..Default::default()
    };
    let before = db::audit::page_for_csp(&db, cardiff.id, 1, 50).await.unwrap().total;
    db::audit::record(&db, entry(AuditAction::SignIn, Some(officer), None)).await.unwrap();
    db::audit::record(&db, entry(AuditAction::SignInFailed, None, Some(swansea.id))).await.unwrap();
    let page = db::audit::page_for_csp(&db, cardiff.id, 1, 50).await.unwrap();
    assert_eq!(
        page.total,
        before + 1,
        "a Cardiff officer's sign-in is visible to Cardiff, Swansea's entry is not"
    );
    assert_eq!(page.entries[0].action, "sign_in");
    assert_eq!(db::audit::page_for_csp(&db, swansea.id, 1, 50).await.unwrap().total, 1);
    // The database refuses to change or remove entries.
    assert!(sqlx::query("UPDATE audit_log SET action = 'nothing'").execute(db.writer()).await.is_err());
    assert!(sqlx::query("DELETE FROM audit_log").execute(db.writer()).await.is_err());
    // Nor emptied at once (TRUNCATE on PostgreSQL; SQLite has only DELETE, refused above).
    if db.backend() == app::db::Backend::Postgres {
        let err = sqlx::query("TRUNCATE audit_log")
            .execute(db.writer())
            .await
            .expect_err("TRUNCATE audit_log is refused");
        assert!(err.to_string().contains("append-only"), "{err}");
    }
    assert_eq!(db::audit::page_for_csp(&db, cardiff.id, 1, 50).await.unwrap().total, before + 1);
    // Paging.
    for _ in 0..5 {
        db::audit::record(&db, entry(AuditAction::SignOut, Some(officer), None)).await.unwrap();
    }
    let p2 = db::audit::page_for_csp(&db, cardiff.id, 2, 3).await.unwrap();
    assert_eq!(p2.entries.len(), 3);
    assert_eq!(p2.page, 2);
});

both_backends!(refused_forms_are_kept_for_their_sender_for_a_day, |db: Db, _url| async move {
    use app::staff::kept;
    accounts::ensure_demo_accounts(&db).await.unwrap();
    let officer = db::staff::user_id_by_email(&db, "officer@demo.cymuned.cymru").await.unwrap().unwrap();
    let analyst = db::staff::user_id_by_email(&db, "analyst@demo.cymuned.cymru").await.unwrap().unwrap();
    let fields = vec![
        ("lang".to_string(), "cy".to_string()),
        ("version".to_string(), "7".to_string()),
        ("summary".to_string(), "Siân saw it".to_string()),
        ("share".to_string(), "3".to_string()),
    ];
    let token = kept::keep(&db, officer, "CYM-26-000001", "grade", &fields).await;
    assert!(token.len() >= 32, "a random token");
    let k = kept::kept(&db, officer, "CYM-26-000001", Some(&token)).await;
    assert_eq!(k.form, "grade");
    assert_eq!(
        k.fields,
        vec![("summary".to_string(), "Siân saw it".to_string()), ("share".to_string(), "3".to_string())],
        "the page's own fields are not kept"
    );
    // Only its sender, only on its page, only with its token.
    assert_eq!(kept::kept(&db, analyst, "CYM-26-000001", Some(&token)).await, Default::default());
    assert_eq!(kept::kept(&db, officer, "CYM-26-000002", Some(&token)).await, Default::default());
    assert_eq!(kept::kept(&db, officer, "CYM-26-000001", Some("not-the-token")).await, Default::default());
    let stored: String = sqlx::query("SELECT token_hash FROM kept_forms")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_ne!(stored, token, "only the token's hash is stored");
    // A day later it is gone.
    sqlx::query("UPDATE kept_forms SET created_at = created_at - 86401").execute(db.writer()).await.unwrap();
    assert_eq!(kept::kept(&db, officer, "CYM-26-000001", Some(&token)).await, Default::default());
    assert_eq!(kept::sweep(&db).await.unwrap(), 1);
    let left: i64 = sqlx::query("SELECT COUNT(*) FROM kept_forms")
        .fetch_one(db.reader())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    assert_eq!(left, 0);
});

both_backends!(residents_forms_are_kept_in_the_same_table_bound_to_no_one, |db: Db, _url| async move {
    use app::staff::kept;
    accounts::ensure_demo_accounts(&db).await.unwrap();
    let officer = db::staff::user_id_by_email(&db, "officer@demo.cymuned.cymru").await.unwrap().unwrap();
    let draft = ("Loud music every night".to_string(), vec!["location".to_string()]);
    let token = kept::keep_resident(&db, "/report", "report", &draft).await.unwrap();
    assert!(token.len() >= 32, "a random token");
    // The token alone opens it, as the resident is signed in to nothing.
    let back: Option<(String, Vec<String>)> = kept::kept_resident(&db, &token).await.unwrap();
    assert_eq!(back, Some(draft.clone()));
    assert_eq!(kept::kept_resident::<(String, Vec<String>)>(&db, "not-the-token").await.unwrap(), None);
    // A staff form's token does not open as a resident's, nor a resident's as a staff form.
    let staff_token =
        kept::keep(&db, officer, "CYM-26-000001", "grade", &[("summary".into(), "x".into())]).await;
    assert_eq!(kept::kept_resident::<Vec<(String, String)>>(&db, &staff_token).await.unwrap(), None);
    assert_eq!(kept::kept(&db, officer, "/report", Some(&token)).await, Default::default());
    // Sent: forgotten. A day old: swept with the staff forms.
    kept::forget(&db, &token).await.unwrap();
    assert_eq!(kept::kept_resident::<(String, Vec<String>)>(&db, &token).await.unwrap(), None);
    let old = kept::keep_resident(&db, "/case-review", "application", &draft).await.unwrap();
    sqlx::query("UPDATE kept_forms SET created_at = created_at - 86401").execute(db.writer()).await.unwrap();
    assert_eq!(kept::kept_resident::<(String, Vec<String>)>(&db, &old).await.unwrap(), None);
    assert_eq!(kept::sweep(&db).await.unwrap(), 2);
});

// Migration 0016 moved residents' drafts (report_drafts) into kept_forms: rows stored in the
// two old tables open as before once it has run.
both_backends!(kept_forms_of_the_two_old_tables_open_after_migration_0016, |db: Db, _url| async move {
    use app::staff::kept;
    accounts::ensure_demo_accounts(&db).await.unwrap();
    let officer = db::staff::user_id_by_email(&db, "officer@demo.cymuned.cymru").await.unwrap().unwrap();
    let (old_kept, migration) = match db.backend() {
        db::Backend::Sqlite => (
            include_str!("../../migrations/sqlite/0010_kept_forms.sql"),
            include_str!("../../migrations/sqlite/0016_one_kept_form_table.sql"),
        ),
        db::Backend::Postgres => (
            include_str!("../../migrations/postgres/0010_kept_forms.sql"),
            include_str!("../../migrations/postgres/0016_one_kept_form_table.sql"),
        ),
    };
    // The schema as it was before 0016 (report_drafts as made by 0002).
    sqlx::raw_sql("DROP TABLE kept_forms").execute(db.writer()).await.unwrap();
    sqlx::raw_sql(old_kept).execute(db.writer()).await.unwrap();
    sqlx::raw_sql(
        "CREATE TABLE report_drafts (token_hash TEXT PRIMARY KEY, fields TEXT NOT NULL, created_at BIGINT NOT NULL)",
    )
    .execute(db.writer())
    .await
    .unwrap();
    let resident = ("Loud music every night".to_string(), vec!["location".to_string()]);
    let resident_token = "a-resident-token-from-before-the-migration";
    sqlx::query("INSERT INTO report_drafts (token_hash, fields, created_at) VALUES ($1, $2, $3)")
        .bind(accounts::sha256_hex(resident_token))
        .bind(serde_json::to_string(&resident).unwrap())
        .bind(db::now())
        .execute(db.writer())
        .await
        .unwrap();
    let staff_token = "a-staff-token-from-before-the-migration";
    sqlx::query("INSERT INTO kept_forms (token_hash, user_id, page, form, fields, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(accounts::sha256_hex(staff_token))
        .bind(officer)
        .bind("CYM-26-000001")
        .bind("grade")
        .bind(r#"[["summary","Siân saw it"]]"#)
        .bind(db::now())
        .execute(db.writer())
        .await
        .unwrap();
    sqlx::raw_sql(migration).execute(db.writer()).await.unwrap();
    let back: Option<(String, Vec<String>)> = kept::kept_resident(&db, resident_token).await.unwrap();
    assert_eq!(back, Some(resident), "a resident's draft opens with its token");
    let k = kept::kept(&db, officer, "CYM-26-000001", Some(staff_token)).await;
    assert_eq!(k.form, "grade");
    assert_eq!(k.fields, vec![("summary".to_string(), "Siân saw it".to_string())]);
    assert!(
        sqlx::query("SELECT COUNT(*) FROM report_drafts").fetch_one(db.reader()).await.is_err(),
        "report_drafts is gone"
    );
    // New forms of both kinds are kept in the rebuilt table.
    let token = kept::keep_resident(&db, "/report", "report", &("x".to_string(), Vec::<String>::new()))
        .await
        .unwrap();
    assert!(kept::kept_resident::<(String, Vec<String>)>(&db, &token).await.unwrap().is_some());
});

// "Acknowledged" means durable: every commit on SQLite is synced to disk before it returns
// (`synchronous = FULL`, 2), so a report whose reference the resident was shown survives a
// power cut or an operating-system crash, not only a killed process. PostgreSQL's default
// (`synchronous_commit = on`) already does; the test checks both.
both_backends!(commits_are_durable_before_the_resident_is_told, |db: Db, _url| async move {
    match db.backend() {
        db::Backend::Sqlite => {
            for pool in [db.writer(), db.reader()] {
                let level: i64 =
                    sqlx::query("PRAGMA synchronous").fetch_one(pool).await.unwrap().try_get(0).unwrap();
                assert_eq!(level, 2, "synchronous = FULL on every connection");
            }
        }
        db::Backend::Postgres => {
            let setting: String = sqlx::query("SELECT current_setting('synchronous_commit')")
                .fetch_one(db.writer())
                .await
                .unwrap()
                .try_get(0)
                .unwrap();
            assert_eq!(setting, "on");
            let fsync: String = sqlx::query("SELECT current_setting('fsync')")
                .fetch_one(db.writer())
                .await
                .unwrap()
                .try_get(0)
                .unwrap();
            assert_eq!(fsync, "on");
        }
    }
});
