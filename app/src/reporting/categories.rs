//! The categories every CSP starts with; a CSP may rename, reorder or retire them later.

use crate::db::{self, Db};

/// (code, family, English, Welsh, sensitive)
pub const DEFAULTS: &[(&str, &str, &str, &str, bool)] = &[
    ("asb-rowdy", "asb", "Rowdy or inconsiderate behaviour", "Ymddygiad afreolus neu anystyriol", false),
    ("asb-neighbours", "asb", "Nuisance neighbours", "Cymdogion niwsans", false),
    ("asb-noise", "asb", "Noise", "Sŵn", false),
    ("asb-street-drinking", "asb", "Street drinking", "Yfed ar y stryd", false),
    ("drugs", "drugs", "Drug dealing or drug use", "Gwerthu neu ddefnyddio cyffuriau", false),
    ("hate", "hate", "Hate incident", "Digwyddiad casineb", true),
    ("domestic-abuse", "abuse", "Domestic abuse", "Cam-drin domestig", true),
    ("sexual-violence", "abuse", "Sexual violence", "Trais rhywiol", true),
    ("fly-tipping", "environmental", "Fly-tipping", "Tipio anghyfreithlon", false),
    ("graffiti", "environmental", "Graffiti", "Graffiti", false),
    ("litter", "environmental", "Litter", "Sbwriel", false),
    (
        "drug-litter",
        "environmental",
        "Discarded needles or drug litter",
        "Nodwyddau neu sbwriel cyffuriau wedi'u taflu",
        false,
    ),
    (
        "vehicle-nuisance",
        "vehicle",
        "Vehicle nuisance or abandoned vehicle",
        "Niwsans cerbydau neu gerbyd wedi'i adael",
        false,
    ),
    ("tension", "tension", "Community tension or concern", "Tensiwn neu bryder cymunedol", false),
    ("other", "other", "Something else", "Rhywbeth arall", false),
];

/// Gives every CSP that has no categories the default set. Safe to run at every start.
pub async fn ensure_defaults(db: &Db) -> Result<usize, db::DbError> {
    let mut added = 0;
    for csp in db::reference::list_csps(db).await? {
        if db::reporting::category_count(db, csp.id).await? == 0 {
            db::reporting::insert_categories(db, csp.id, DEFAULTS).await?;
            added += 1;
        }
    }
    Ok(added)
}
