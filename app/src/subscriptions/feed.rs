//! Atom feeds (RFC 4287) of what subscribers are told, built with `atom_syndication`:
//! `GET /feeds/partnerships/{csp}.atom` (the whole partnership's news) and
//! `GET /feeds/neighbourhoods/{csp}/{neighbourhood}.atom` (a neighbourhood's, with the
//! partnership's news about all its neighbourhoods), the latest [`super::FEED_ENTRIES`],
//! newest first, served as `application/atom+xml`. Under `/cy` the same feed is in Welsh.

use super::{area_name, news_line, page_url, FEED_ENTRIES};
use crate::{
    db::{self, subscriptions::NewsRow},
    i18n::Lang,
    reference::Names,
    shell::problem::{page, Problem},
    state::AppState,
    t,
};
use atom_syndication::{Entry, Feed, FixedDateTime, Link, Text};
use axum::{
    extract::{OriginalUri, Path, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};

/// The MIME type of an Atom feed.
pub const ATOM: &str = "application/atom+xml";

fn stamp(at: i64) -> FixedDateTime {
    chrono::DateTime::from_timestamp(at, 0).unwrap_or_default().fixed_offset()
}

/// The feed document for `news` (newest first) about `area`, at `self_url`.
pub fn feed(lang: Lang, public_url: &str, self_url: &str, area: &str, home: &str, news: &[NewsRow]) -> Feed {
    let mut feed = Feed::default();
    feed.set_title(Text::plain(t!(lang, "feed-title", area = area)));
    feed.set_subtitle(Some(Text::plain(t!(lang, "feed-subtitle"))));
    feed.set_id(self_url.to_string());
    feed.set_lang(Some(lang.code().to_string()));
    feed.set_updated(stamp(news.first().map(|n| n.created_at).unwrap_or(0)));
    let mut me = Link::default();
    me.set_href(self_url.to_string());
    me.set_rel("self".to_string());
    me.set_mime_type(Some(ATOM.to_string()));
    let mut alternate = Link::default();
    alternate.set_href(home.to_string());
    alternate.set_rel("alternate".to_string());
    alternate.set_mime_type(Some("text/html".to_string()));
    feed.set_links(vec![me, alternate]);
    let mut author = atom_syndication::Person::default();
    author.set_name("Cymuned".to_string());
    feed.set_authors(vec![author]);
    let entries: Vec<Entry> = news
        .iter()
        .map(|n| {
            let title = Names::new(&n.title_en, &n.title_cy);
            let mut entry = Entry::default();
            entry.set_title(Text::plain(news_line(lang, n.kind, &title, n.verdict.as_deref())));
            entry.set_id(format!("{}#news-{}", public_url.trim_end_matches('/'), n.id));
            entry.set_updated(stamp(n.created_at));
            entry.set_published(Some(stamp(n.created_at)));
            let mut link = Link::default();
            link.set_href(page_url(public_url, lang, &n.link));
            link.set_rel("alternate".to_string());
            entry.set_links(vec![link]);
            entry
        })
        .collect();
    feed.set_entries(entries);
    feed
}

fn served(feed: &Feed) -> Response {
    let mut response = (StatusCode::OK, feed.to_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/atom+xml; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    response
}

fn unavailable(lang: Lang, e: db::DbError) -> Response {
    tracing::error!(error = %e, "could not read news for a feed");
    page(lang, Problem::Internal)
}

/// `GET /feeds/partnerships/{csp}.atom`
pub async fn partnership(
    State(state): State<AppState>,
    OriginalUri(uri): OriginalUri,
    Path(file): Path<String>,
) -> Response {
    let lang = Lang::from_path(uri.path());
    let Some(slug) = file.strip_suffix(".atom") else { return page(lang, Problem::NotFound) };
    let db = &state.db;
    let csp = match db::reference::csp_by_slug(db, slug).await {
        Ok(Some(c)) => c,
        Ok(None) => return page(lang, Problem::NotFound),
        Err(e) => return unavailable(lang, e),
    };
    let news = match db::subscriptions::news_of_csp(db, csp.id, FEED_ENTRIES).await {
        Ok(n) => n,
        Err(e) => return unavailable(lang, e),
    };
    let public = &state.settings.public_url;
    let self_url = page_url(public, lang, &format!("/feeds/partnerships/{slug}.atom"));
    let home = page_url(public, lang, &format!("/partnerships/{slug}"));
    served(&feed(lang, public, &self_url, &area_name(lang, &csp.name, None), &home, &news))
}

/// `GET /feeds/neighbourhoods/{csp}/{neighbourhood}.atom`
pub async fn neighbourhood(
    State(state): State<AppState>,
    OriginalUri(uri): OriginalUri,
    Path((csp_slug, file)): Path<(String, String)>,
) -> Response {
    let lang = Lang::from_path(uri.path());
    let Some(slug) = file.strip_suffix(".atom") else { return page(lang, Problem::NotFound) };
    let db = &state.db;
    let csp = match db::reference::csp_by_slug(db, &csp_slug).await {
        Ok(Some(c)) => c,
        Ok(None) => return page(lang, Problem::NotFound),
        Err(e) => return unavailable(lang, e),
    };
    let (id, en, cy) = match db::subscriptions::neighbourhood_by_slug(db, csp.id, slug).await {
        Ok(Some(n)) => n,
        Ok(None) => return page(lang, Problem::NotFound),
        Err(e) => return unavailable(lang, e),
    };
    let news = match db::subscriptions::news_of_neighbourhood(db, csp.id, id, FEED_ENTRIES).await {
        Ok(n) => n,
        Err(e) => return unavailable(lang, e),
    };
    let public = &state.settings.public_url;
    let self_url = page_url(public, lang, &format!("/feeds/neighbourhoods/{csp_slug}/{slug}.atom"));
    let home = page_url(public, lang, &format!("/partnerships/{csp_slug}"));
    let area = area_name(lang, &csp.name, Some(&Names::new(en, cy)));
    served(&feed(lang, public, &self_url, &area, &home, &news))
}
