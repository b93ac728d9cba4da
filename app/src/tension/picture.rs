//! The tension map (issue 15, part 4): the partnership's neighbourhoods drawn from their ward
//! outlines, each filled by its current level and readable without colour: a hatching pattern
//! per level (denser and crossed as the level rises, dots for "not assessed"), the level's
//! number in a white disc, and a `<title>`/`<desc>` per area; the table under it says the same.
//!
//! **Palette.** Fills from ColorBrewer's YlOrRd (0 `#ffffcc`, 1 `#fed976`, 2 `#feb24c`,
//! 3 `#fd8d3c`, 4 `#f03b20`; not assessed `#f3f2f1`). Colour is never the only cue, and every
//! area is outlined in the ink colour `#0b0c0c`, which has at least 3:1 contrast against every
//! fill and the white page (WCAG 2.2 SC 1.4.11), so neighbouring areas are told apart by the
//! outline whatever their fills; the hatching is drawn in the same ink (3:1 against its fill),
//! and the numbers are ink on white (over 4.5:1). `tests` checks these ratios.
//!
//! Plain functions over plain types: `project` turns ward shapes into SVG paths once per
//! partnership (kept in `PROJECTED`, keyed by the partnership and its wards), `map_svg` draws.

use crate::{i18n::Lang, tension::levels::Level};
use geo::{BoundingRect, InteriorPoint, MultiPolygon};
use std::collections::BTreeMap;

/// The outline, hatching and number colour.
pub const INK: &str = "#0b0c0c";
/// The page behind the map.
pub const BACKGROUND: &str = "#ffffff";
/// Fills for levels 0 to 4 (ColorBrewer YlOrRd).
pub const FILLS: [&str; 5] = ["#ffffcc", "#fed976", "#feb24c", "#fd8d3c", "#f03b20"];
/// Fill of a neighbourhood never assessed.
pub const NOT_ASSESSED_FILL: &str = "#f3f2f1";

/// One neighbourhood's outline, projected: its public slug, its SVG path and where its label goes.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectedArea {
    pub slug: String,
    pub d: String,
    pub label_at: (f64, f64),
}

/// A partnership's neighbourhoods projected into an SVG box `width` by `height`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Projected {
    pub width: f64,
    pub height: f64,
    pub areas: Vec<ProjectedArea>,
}

/// A neighbourhood's path so far, with its largest ward's box area and label point.
type PathAndLabel = (String, (f64, (f64, f64)));

/// Projects ward shapes (neighbourhood slug, shape; several wards may share a neighbourhood)
/// into one path per neighbourhood, in slug order, with a label point inside its largest ward.
/// Longitude is scaled by the cosine of the middle latitude so the shapes keep their proportions.
pub fn project(wards: &[(String, MultiPolygon<f64>)]) -> Projected {
    let rects: Vec<geo::Rect<f64>> = wards.iter().filter_map(|(_, s)| s.bounding_rect()).collect();
    let Some(first) = rects.first() else { return Projected::default() };
    let (mut min_x, mut min_y, mut max_x, mut max_y) =
        (first.min().x, first.min().y, first.max().x, first.max().y);
    for r in &rects {
        min_x = min_x.min(r.min().x);
        min_y = min_y.min(r.min().y);
        max_x = max_x.max(r.max().x);
        max_y = max_y.max(r.max().y);
    }
    let scale_x = ((min_y + max_y) / 2.0).to_radians().cos();
    let (width, pad) = (640.0, 12.0);
    let span_x = ((max_x - min_x) * scale_x).max(1e-6);
    let span_y = (max_y - min_y).max(1e-6);
    let k = (width - 2.0 * pad) / span_x;
    let height = (span_y * k).clamp(120.0, 720.0) + 2.0 * pad;
    let k = k.min((height - 2.0 * pad) / span_y);
    let x = |lon: f64| pad + (lon - min_x) * scale_x * k;
    let y = |lat: f64| height - pad - (lat - min_y) * k;
    // slug -> (path, (largest ward's box area, label point))
    let mut by_slug: BTreeMap<&str, PathAndLabel> = BTreeMap::new();
    for (slug, shape) in wards {
        let entry = by_slug.entry(slug.as_str()).or_insert_with(|| (String::new(), (-1.0, (0.0, 0.0))));
        for polygon in &shape.0 {
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                for (i, c) in ring.0.iter().enumerate() {
                    use std::fmt::Write;
                    let _ = write!(entry.0, "{}{:.1},{:.1}", if i == 0 { "M" } else { "L" }, x(c.x), y(c.y));
                }
                entry.0.push('Z');
            }
        }
        if let (Some(rect), Some(inside)) = (shape.bounding_rect(), shape.interior_point()) {
            let area = rect.width() * rect.height();
            if area > entry.1 .0 {
                entry.1 = (area, (x(inside.x()), y(inside.y())));
            }
        }
    }
    let areas = by_slug
        .into_iter()
        .map(|(slug, (d, (_, label_at)))| ProjectedArea { slug: slug.to_string(), d, label_at })
        .collect();
    Projected { width, height, areas }
}

/// Projections kept, by (partnership, fingerprint of its wards).
type ProjectionCache = BTreeMap<(i64, u64), std::sync::Arc<Projected>>;

/// Projections already made, by partnership and a fingerprint of its wards (slugs and sizes):
/// the outlines do not change while the hub runs, so each partnership is projected once.
static PROJECTED: std::sync::OnceLock<std::sync::Mutex<ProjectionCache>> = std::sync::OnceLock::new();

/// `project`, kept per partnership: `wards` are the partnership's ward shapes.
pub fn projected_for(csp_id: i64, wards: &[(String, MultiPolygon<f64>)]) -> std::sync::Arc<Projected> {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for (slug, shape) in wards {
        slug.hash(&mut h);
        shape.0.iter().map(|p| p.exterior().0.len()).sum::<usize>().hash(&mut h);
        if let Some(r) = shape.bounding_rect() {
            r.min().x.to_bits().hash(&mut h);
            r.max().y.to_bits().hash(&mut h);
        }
    }
    let key = (csp_id, h.finish());
    let cache = PROJECTED.get_or_init(Default::default);
    if let Some(p) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return p;
    }
    let p = std::sync::Arc::new(project(wards));
    if let Ok(mut c) = cache.lock() {
        c.insert(key, p.clone());
    }
    p
}

/// One neighbourhood as the map shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shade {
    pub slug: String,
    pub name: String,
    /// Its current level (None: not assessed).
    pub level: Option<u8>,
    /// "3 High", or "Not assessed yet".
    pub label: String,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The pattern id of a level (`None`: not assessed).
pub fn pattern_id(level: Option<u8>) -> String {
    match level {
        Some(l) => format!("tension-pattern-{}", l.min(4)),
        None => "tension-pattern-none".into(),
    }
}

/// The `<defs>` of the map: one pattern per level, its fill under ink hatching that gets denser
/// with the level (none at 0, sparse diagonals at 1, dense at 2, crossed at 3, dense crossed at
/// 4), and dots for "not assessed".
pub fn pattern_defs() -> String {
    let mut defs = String::from("<defs>");
    let hatch = |id: String, fill: &str, gap: u32, crossed: bool| {
        let mut p = format!(
            "<pattern id=\"{id}\" patternUnits=\"userSpaceOnUse\" width=\"{gap}\" height=\"{gap}\">\
             <rect width=\"{gap}\" height=\"{gap}\" fill=\"{fill}\"/>"
        );
        if gap > 0 {
            p.push_str(&format!("<path d=\"M0,{gap}L{gap},0\" stroke=\"{INK}\" stroke-width=\"1\"/>"));
            if crossed {
                p.push_str(&format!("<path d=\"M0,0L{gap},{gap}\" stroke=\"{INK}\" stroke-width=\"1\"/>"));
            }
        }
        p.push_str("</pattern>");
        p
    };
    defs.push_str(&format!(
        "<pattern id=\"tension-pattern-0\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\">\
         <rect width=\"8\" height=\"8\" fill=\"{}\"/></pattern>",
        FILLS[0]
    ));
    defs.push_str(&hatch("tension-pattern-1".into(), FILLS[1], 12, false));
    defs.push_str(&hatch("tension-pattern-2".into(), FILLS[2], 6, false));
    defs.push_str(&hatch("tension-pattern-3".into(), FILLS[3], 8, true));
    defs.push_str(&hatch("tension-pattern-4".into(), FILLS[4], 4, true));
    defs.push_str(&format!(
        "<pattern id=\"tension-pattern-none\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\">\
         <rect width=\"8\" height=\"8\" fill=\"{NOT_ASSESSED_FILL}\"/><circle cx=\"4\" cy=\"4\" r=\"1\" fill=\"{INK}\"/></pattern>"
    ));
    defs.push_str("</defs>");
    defs
}

/// The map: `<svg role="img">` labelled by its title and description, the patterns, then one
/// group per neighbourhood (its `<title>` the name, its `<desc>` the level) with its outline
/// filled by its level's pattern and its level's number in a white disc ("–" when not
/// assessed). Neighbourhoods without a shade are drawn as not assessed.
pub fn map_svg(
    projected: &Projected,
    shades: &[Shade],
    title: &str,
    description: &str,
    not_assessed: &str,
) -> String {
    if projected.areas.is_empty() {
        return String::new();
    }
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {:.0} {:.0}\" role=\"img\" \
         aria-labelledby=\"tension-map-title tension-map-desc\" class=\"chart map tension-map\">\
         <title id=\"tension-map-title\">{}</title><desc id=\"tension-map-desc\">{}</desc>",
        projected.width,
        projected.height,
        escape(title),
        escape(description)
    );
    svg.push_str(&pattern_defs());
    for area in &projected.areas {
        let shade = shades.iter().find(|s| s.slug == area.slug);
        let level = shade.and_then(|s| s.level);
        let name = shade.map(|s| s.name.as_str()).unwrap_or(area.slug.as_str());
        let label = shade.map(|s| s.label.as_str()).unwrap_or(not_assessed);
        let number = level.map(|l| l.to_string()).unwrap_or_else(|| "–".into());
        let (lx, ly) = area.label_at;
        svg.push_str(&format!(
            "<g class=\"tension-area\" data-slug=\"{slug}\" data-level=\"{data}\"><title>{name}</title><desc>{label}</desc>\
             <path d=\"{d}\" fill=\"url(#{pattern})\" stroke=\"{INK}\" stroke-width=\"1.5\"/>\
             <circle cx=\"{lx:.1}\" cy=\"{ly:.1}\" r=\"9\" fill=\"{BACKGROUND}\" stroke=\"{INK}\"/>\
             <text x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"middle\" dominant-baseline=\"central\" font-size=\"12\" \
             font-weight=\"700\" fill=\"{INK}\" aria-hidden=\"true\">{number}</text></g>",
            slug = escape(&area.slug),
            data = level.map(|l| l.to_string()).unwrap_or_else(|| "none".into()),
            name = escape(name),
            label = escape(label),
            d = area.d,
            pattern = pattern_id(level),
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// The legend's entries: (pattern id, label) for each level of the partnership's scale, then
/// "not assessed".
pub fn legend(levels: &[Level], lang: Lang, not_assessed: &str) -> Vec<(String, String)> {
    levels
        .iter()
        .map(|l| (pattern_id(Some(l.level)), l.label(lang)))
        .chain(std::iter::once((pattern_id(None), not_assessed.to_string())))
        .collect()
}

/// A legend swatch: a small SVG filled with the pattern (decorative: the label beside it says it).
pub fn swatch_svg(pattern: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"32\" height=\"20\" viewBox=\"0 0 32 20\" aria-hidden=\"true\" \
         focusable=\"false\"><rect x=\"0.75\" y=\"0.75\" width=\"30.5\" height=\"18.5\" fill=\"url(#{pattern})\" \
         stroke=\"{INK}\" stroke-width=\"1.5\"/></svg>"
    )
}

/// WCAG relative luminance of a `#rrggbb` colour.
pub fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let v = u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0) as f64 / 255.0;
        if v <= 0.040_45 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/// WCAG contrast ratio between two `#rrggbb` colours.
pub fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{polygon, MultiPolygon};

    fn square(x: f64, y: f64) -> MultiPolygon<f64> {
        MultiPolygon(vec![
            polygon![(x: x, y: y), (x: x + 0.01, y: y), (x: x + 0.01, y: y + 0.01), (x: x, y: y + 0.01)],
        ])
    }

    fn wards() -> Vec<(String, MultiPolygon<f64>)> {
        vec![
            ("cardiff-adamsdown".into(), square(-3.17, 51.48)),
            ("cardiff-splott".into(), square(-3.16, 51.48)),
            ("cardiff-splott".into(), square(-3.16, 51.49)),
            ("cardiff-cathays".into(), square(-3.18, 51.49)),
        ]
    }

    #[test]
    fn one_path_per_neighbourhood_inside_the_box() {
        let p = project(&wards());
        assert_eq!(
            p.areas.iter().map(|a| a.slug.as_str()).collect::<Vec<_>>(),
            ["cardiff-adamsdown", "cardiff-cathays", "cardiff-splott"]
        );
        let splott = &p.areas[2];
        assert_eq!(splott.d.matches('M').count(), 2, "both of Splott's wards in its path");
        for a in &p.areas {
            let (x, y) = a.label_at;
            assert!(x > 0.0 && x < p.width && y > 0.0 && y < p.height, "{a:?}");
        }
        assert_eq!(project(&[]), Projected::default());
        assert!(std::sync::Arc::ptr_eq(&projected_for(7, &wards()), &projected_for(7, &wards())), "kept");
    }

    #[test]
    fn every_neighbourhood_has_a_pattern_a_number_and_a_title() {
        let p = project(&wards());
        let shades = vec![
            Shade {
                slug: "cardiff-adamsdown".into(),
                name: "Adamsdown".into(),
                level: Some(3),
                label: "3 High".into(),
            },
            Shade {
                slug: "cardiff-splott".into(),
                name: "Splott & <Tremorfa>".into(),
                level: Some(0),
                label: "0 Normal".into(),
            },
        ];
        let svg =
            map_svg(&p, &shades, "Tension map of Cardiff", "Levels by neighbourhood", "Not assessed yet");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("role=\"img\" aria-labelledby=\"tension-map-title tension-map-desc\""));
        assert!(svg.contains("<title id=\"tension-map-title\">Tension map of Cardiff</title>"));
        assert_eq!(svg.matches("<g class=\"tension-area\"").count(), 3);
        assert!(svg.contains("<title>Adamsdown</title><desc>3 High</desc>"));
        assert!(svg.contains("fill=\"url(#tension-pattern-3)\""));
        assert!(svg.contains("Splott &amp; &lt;Tremorfa&gt;"));
        assert!(svg.contains("<desc>Not assessed yet</desc>") && svg.contains("url(#tension-pattern-none)"));
        assert!(svg.contains(">3</text>") && svg.contains(">0</text>") && svg.contains(">–</text>"));
        for id in ["0", "1", "2", "3", "4", "none"] {
            assert!(svg.contains(&format!("<pattern id=\"tension-pattern-{id}\"")), "{id}");
        }
        assert_eq!(map_svg(&Projected::default(), &shades, "t", "d", "n"), "");
    }

    #[test]
    fn hatching_gets_denser_with_the_level() {
        let defs = pattern_defs();
        let pattern = |id: &str| {
            let start = defs.find(&format!("id=\"{id}\"")).unwrap();
            defs[start..start + defs[start..].find("</pattern>").unwrap()].to_string()
        };
        let lines = |id: &str| pattern(id).matches("<path").count();
        let gap = |id: &str| {
            let p = pattern(id);
            let w = p.split("width=\"").nth(1).unwrap();
            w[..w.find('"').unwrap()].parse::<u32>().unwrap()
        };
        assert_eq!(lines("tension-pattern-0"), 0);
        assert_eq!((lines("tension-pattern-1"), lines("tension-pattern-2")), (1, 1));
        assert!(gap("tension-pattern-2") < gap("tension-pattern-1"));
        assert_eq!((lines("tension-pattern-3"), lines("tension-pattern-4")), (2, 2));
        assert!(gap("tension-pattern-4") < gap("tension-pattern-3"));
        assert!(pattern("tension-pattern-none").contains("<circle"));
    }

    #[test]
    fn the_palette_meets_wcag_non_text_contrast() {
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        for fill in FILLS.iter().chain([&NOT_ASSESSED_FILL]) {
            let c = contrast(INK, fill);
            assert!(c >= 3.0, "outline and hatching against {fill}: {c:.2}");
        }
        assert!(contrast(INK, BACKGROUND) >= 4.5, "outline against the page, numbers on their discs");
        // Each fill is lighter than the next: the order reads without the legend too.
        for pair in FILLS.windows(2) {
            assert!(luminance(pair[0]) > luminance(pair[1]), "{pair:?}");
        }
    }

    #[test]
    fn the_legend_follows_the_partnership_s_scale() {
        let mut levels = crate::tension::levels::default_levels();
        levels[3].name = crate::reference::Names::new("Amber", "Ambr");
        let l = legend(&levels, Lang::Cy, "Heb ei hasesu eto");
        assert_eq!(l.len(), 6);
        assert_eq!(l[3], ("tension-pattern-3".to_string(), "3 Ambr".to_string()));
        assert_eq!(l[5].0, "tension-pattern-none");
        assert!(swatch_svg("tension-pattern-3").contains("url(#tension-pattern-3)"));
    }
}
