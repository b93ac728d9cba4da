//! The SQLite and PostgreSQL migrations must build the same schema: the same tables, the same
//! columns (by type family: integer, real, text, bytes), the same nullability and primary keys,
//! the same indexes (by table, columns and uniqueness) and the same foreign keys. A migration
//! written for one backend and forgotten, or written differently, for the other fails here.

mod common;

use app::db::Db;
use sqlx::Row;
use std::collections::BTreeSet;

/// One fact about the schema, comparable across backends.
type Facts = BTreeSet<String>;

/// The family a declared column type belongs to, the same word for both backends.
fn family(declared: &str) -> &'static str {
    let t = declared.to_ascii_lowercase();
    if t.contains("int") || t == "boolean" {
        "integer"
    } else if t.contains("char") || t.contains("text") || t.contains("clob") {
        "text"
    } else if t.contains("real") || t.contains("floa") || t.contains("doub") || t.contains("numeric") {
        "real"
    } else if t.contains("blob") || t.contains("bytea") {
        "bytes"
    } else {
        "other"
    }
}

/// sqlx's own bookkeeping is not part of the hub's schema.
fn ours(table: &str) -> bool {
    !table.starts_with("_sqlx") && !table.starts_with("sqlite_")
}

async fn sqlite_facts(db: &Db) -> Facts {
    let pool = db.reader();
    let mut facts = Facts::new();
    let tables: Vec<String> =
        sqlx::query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .fetch_all(pool)
            .await
            .expect("tables")
            .iter()
            .map(|r| r.get::<String, _>("name"))
            .filter(|t| ours(t))
            .collect();
    for table in &tables {
        facts.insert(format!("table {table}"));
        let columns = sqlx::query(
            "SELECT name, type, \"notnull\" AS not_null, pk FROM pragma_table_info($1) ORDER BY cid",
        )
        .bind(table)
        .fetch_all(pool)
        .await
        .expect("columns");
        let mut primary_key = Vec::new();
        for c in &columns {
            let name: String = c.get("name");
            let pk: i64 = c.get("pk");
            // A primary key column is never null, whether or not SQLite was told so.
            let not_null = c.get::<i64, _>("not_null") == 1 || pk > 0;
            facts.insert(format!(
                "column {table}.{name} {} {}",
                family(&c.get::<String, _>("type")),
                if not_null { "not null" } else { "null" }
            ));
            if pk > 0 {
                primary_key.push((pk, name));
            }
        }
        primary_key.sort();
        let primary_key: Vec<String> = primary_key.into_iter().map(|(_, n)| n).collect();
        if !primary_key.is_empty() {
            facts.insert(format!("primary key {table}({})", primary_key.join(",")));
        }
        let indexes = sqlx::query("SELECT name, \"unique\" AS is_unique, origin FROM pragma_index_list($1)")
            .bind(table)
            .fetch_all(pool)
            .await
            .expect("indexes");
        for index in &indexes {
            if index.get::<String, _>("origin") == "pk" {
                continue; // the primary key, counted above
            }
            let name: String = index.get("name");
            let columns: Vec<String> = sqlx::query("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                .bind(&name)
                .fetch_all(pool)
                .await
                .expect("index columns")
                .iter()
                .map(|r| r.try_get::<String, _>("name").unwrap_or_else(|_| "(expression)".into()))
                .collect();
            let unique = if index.get::<i64, _>("is_unique") == 1 { "unique " } else { "" };
            facts.insert(format!("{unique}index {table}({})", columns.join(",")));
        }
        let keys = sqlx::query(
            "SELECT \"table\" AS target, \"from\" AS source, \"to\" AS target_column \
             FROM pragma_foreign_key_list($1)",
        )
        .bind(table)
        .fetch_all(pool)
        .await
        .expect("foreign keys");
        for key in &keys {
            let target: String = key.get("target");
            // `REFERENCES t` without a column means t's primary key.
            let target_column: String =
                key.try_get::<String, _>("target_column").ok().unwrap_or_else(|| "id".into());
            facts.insert(format!(
                "foreign key {table}.{} -> {target}.{target_column}",
                key.get::<String, _>("source")
            ));
        }
    }
    facts
}

async fn postgres_facts(db: &Db) -> Facts {
    let pool = db.reader();
    let mut facts = Facts::new();
    let columns = sqlx::query(
        "SELECT c.table_name::text AS table_name, c.column_name::text AS column_name, \
                c.data_type::text AS data_type, c.is_nullable::text AS is_nullable \
         FROM information_schema.columns c JOIN information_schema.tables t \
           ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
         WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'",
    )
    .fetch_all(pool)
    .await
    .expect("columns");
    for c in &columns {
        let table: String = c.get("table_name");
        if !ours(&table) {
            continue;
        }
        facts.insert(format!("table {table}"));
        facts.insert(format!(
            "column {table}.{} {} {}",
            c.get::<String, _>("column_name"),
            family(&c.get::<String, _>("data_type")),
            if c.get::<String, _>("is_nullable") == "NO" { "not null" } else { "null" }
        ));
    }
    // Every index with its columns in order; the primary key's index is the primary key.
    let indexes = sqlx::query(
        "SELECT t.relname::text AS table_name, ix.indisprimary::int AS is_primary, \
                ix.indisunique::int AS is_unique, \
                array_to_string(array( \
                  SELECT coalesce(a.attname::text, '(expression)') \
                  FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord) \
                  LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum \
                  ORDER BY k.ord), ',') AS columns \
         FROM pg_index ix \
         JOIN pg_class t ON t.oid = ix.indrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = 'public'",
    )
    .fetch_all(pool)
    .await
    .expect("indexes");
    for index in &indexes {
        let table: String = index.get("table_name");
        if !ours(&table) {
            continue;
        }
        let columns: String = index.get("columns");
        if index.get::<i32, _>("is_primary") == 1 {
            facts.insert(format!("primary key {table}({columns})"));
        } else {
            let unique = if index.get::<i32, _>("is_unique") == 1 { "unique " } else { "" };
            facts.insert(format!("{unique}index {table}({columns})"));
        }
    }
    let keys = sqlx::query(
        "SELECT src.relname::text AS source_table, sa.attname::text AS source_column, \
                dst.relname::text AS target_table, da.attname::text AS target_column \
         FROM pg_constraint con \
         JOIN pg_class src ON src.oid = con.conrelid \
         JOIN pg_class dst ON dst.oid = con.confrelid \
         JOIN pg_namespace n ON n.oid = src.relnamespace \
         CROSS JOIN LATERAL unnest(con.conkey, con.confkey) AS k(src_att, dst_att) \
         JOIN pg_attribute sa ON sa.attrelid = con.conrelid AND sa.attnum = k.src_att \
         JOIN pg_attribute da ON da.attrelid = con.confrelid AND da.attnum = k.dst_att \
         WHERE con.contype = 'f' AND n.nspname = 'public'",
    )
    .fetch_all(pool)
    .await
    .expect("foreign keys");
    for key in &keys {
        facts.insert(format!(
            "foreign key {}.{} -> {}.{}",
            key.get::<String, _>("source_table"),
            key.get::<String, _>("source_column"),
            key.get::<String, _>("target_table"),
            key.get::<String, _>("target_column"),
        ));
    }
    facts
}

#[test]
fn both_backends_migrate_to_the_same_schema() {
    if !common::postgres_available() {
        return;
    }
    common::RUNTIME.block_on(async {
        let (sqlite, _) = common::database(common::Backend::Sqlite).await;
        let (postgres, _) = common::database(common::Backend::Postgres).await;
        let sqlite = sqlite_facts(&sqlite).await;
        let postgres = postgres_facts(&postgres).await;
        assert!(sqlite.len() > 100, "the SQLite schema was read: {} facts", sqlite.len());
        let only_sqlite: Vec<&String> = sqlite.difference(&postgres).collect();
        let only_postgres: Vec<&String> = postgres.difference(&sqlite).collect();
        assert!(
            only_sqlite.is_empty() && only_postgres.is_empty(),
            "the migrations differ.\nonly in SQLite:\n  {}\nonly in PostgreSQL:\n  {}",
            only_sqlite.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n  "),
            only_postgres.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n  "),
        );
    });
}

#[test]
fn type_families_read_the_same_on_both_backends() {
    assert_eq!(family("INTEGER"), "integer");
    assert_eq!(family("bigint"), "integer");
    assert_eq!(family("TEXT"), "text");
    assert_eq!(family("character varying"), "text");
    assert_eq!(family("REAL"), "real");
    assert_eq!(family("double precision"), "real");
    assert_eq!(family("BLOB"), "bytes");
    assert_eq!(family("bytea"), "bytes");
}
