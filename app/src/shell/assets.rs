//! The built files pages link to, and the browser bundle. cargo-leptos names the CSS, JS and
//! wasm after a hash of their contents (`hash-files` in Cargo.toml) and writes the hashes to
//! `hash.txt` beside the executable: a file's name changes whenever its contents do, so
//! browsers may keep it for a year (see `is_immutable`). Release builds also store every static
//! file compressed with brotli and gzip (`cargo leptos build --release --precompress`), served as
//! they are to browsers that accept them.

use crate::reporting::map::LEAFLET_DIR;
use leptos::prelude::*;
use std::sync::OnceLock;

/// The stylesheet's hashed address, once `use_built_names` has found one.
static STYLESHEET: OnceLock<String> = OnceLock::new();

/// The stylesheet's address: `/pkg/cymuned.<hash>.css` in a hashed build, else `/pkg/cymuned.css`.
pub fn stylesheet_href() -> String {
    STYLESHEET.get().cloned().unwrap_or_else(|| "/pkg/cymuned.css".to_string())
}

/// Whether a static file's address names its contents (a hashed build file, or the vendored
/// library's versioned folder): such a file never changes, and browsers may keep it for a year.
pub fn is_immutable(path: &str) -> bool {
    if let Some(name) = path.strip_prefix("/pkg/") {
        // `cymuned.<hash>.js`: the hash is an MD5 in unpadded base64url (22 characters).
        let parts: Vec<&str> = name.split('.').collect();
        return !name.contains('/') && parts.len() == 3 && parts[1].len() == 22;
    }
    path.strip_prefix(LEAFLET_DIR).is_some_and(|rest| rest.starts_with('/'))
}

/// Looks for the hash file beside the executable and uses the hashed names when the site holds
/// the files it names (a hash file left from another build is ignored). Called once at start-up.
#[cfg(feature = "ssr")]
pub fn use_built_names(options: &mut LeptosOptions) {
    let hash_file = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())));
    let hashes = hash_file.and_then(|path| std::fs::read_to_string(path).ok()).unwrap_or_default();
    let pkg = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let hashed = |ext: &str| {
        hashes
            .lines()
            .filter_map(|line| line.split_once(':'))
            .find(|(kind, _)| kind.trim() == ext)
            .map(|(_, hash)| format!("{}.{}.{ext}", options.output_name, hash.trim()))
            .filter(|name| pkg.join(name).is_file())
    };
    let (Some(_), Some(_), Some(css)) = (hashed("js"), hashed("wasm"), hashed("css")) else {
        options.hash_files = false;
        if !pkg.join(format!("{}.css", options.output_name)).is_file() {
            tracing::warn!(
                site = %pkg.display(),
                "the site's files are not where the pages link to them: a hashed build needs its \
                 hash.txt beside the executable (copy it with the binary)"
            );
        }
        return;
    };
    options.hash_files = true;
    let _ = STYLESHEET.set(format!("/{}/{css}", options.site_pkg_dir));
}

/// The browser bundle, for a page that holds an island (the report form's map, a survey step's
/// place question): a small module
/// script that, once the page is idle, loads the wasm and brings the page's islands to life.
/// Pages without islands (most of them, and every staff page) load no script but the quick exit.
/// The script carries the response's nonce (Content-Security-Policy).
#[component]
pub fn IslandScripts() -> impl IntoView {
    use_context::<LeptosOptions>().map(|options| view! { <HydrationScripts options islands=true /> })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_build_files_and_the_versioned_library_are_immutable() {
        assert!(is_immutable("/pkg/cymuned.Bx3f_9kQ-2mZ7wYt1aPq0c.wasm"));
        assert!(is_immutable("/pkg/cymuned.Bx3f_9kQ-2mZ7wYt1aPq0c.css"));
        assert!(is_immutable("/vendor/leaflet-1.9.4/leaflet.js"));
        assert!(!is_immutable("/pkg/cymuned.css"), "an unhashed build");
        assert!(!is_immutable("/pkg/cymuned.wasm"));
        assert!(!is_immutable("/pkg/cymuned.d.ts"));
        assert!(!is_immutable("/favicon.svg"));
        assert!(!is_immutable("/vendor/leaflet-1.9.4"));
    }
}
