//! "Where is it?" on the report form, once JavaScript runs: a map of the chosen area's wards
//! (Leaflet, vendored in `public/vendor/leaflet-1.9.4`) to drop a pin on, and "use my
//! location". Both fill the hidden `lat`/`lon` fields and say which ward and partnership that
//! is. Without JavaScript, or when the map cannot load, the ward list below does the same job;
//! map tiles are decoration: the ward outlines are drawn even when no tile loads.
//!
//! A survey's place question uses the same map (see `MapTarget`): it draws the campaign's
//! wards, and a pin only chooses the ward in the question's list. No point is kept there: the
//! answer is the ward, as without JavaScript.

use crate::{i18n::Lang, reference::Names, t};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Where Leaflet is served from (see `public/vendor/leaflet-1.9.4/LICENSE`).
pub const LEAFLET_DIR: &str = "/vendor/leaflet-1.9.4";

/// What the map of an area needs.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MapData {
    /// Empty when the hub is set up without tiles.
    pub tile_url: String,
    pub attribution: String,
    /// The area's wards as GeoJSON.
    pub outlines: String,
}

/// The map of `area` (a local authority's code), or, when `wards` names some (codes separated
/// by spaces, as `MapTarget::ward_codes` writes them), of only those wards.
#[server]
/// `wards` (codes separated by spaces) draws only those wards; without it, the whole area.
pub async fn area_map(area: String, wards: Option<String>, lang: String) -> Result<MapData, ServerFnError> {
    let state = crate::state::AppState::current()?;
    let lang = Lang::parse(&lang).unwrap_or_default();
    let codes = listed_wards(wards.as_deref().unwrap_or(""));
    Ok(MapData {
        tile_url: state.settings.map_tile_url.clone(),
        attribution: state.settings.map_attribution.clone(),
        outlines: if codes.is_empty() {
            state.wards.area_outlines(&area, lang)
        } else {
            state.wards.ward_outlines(&codes, lang)
        },
    })
}

/// At most this many wards are drawn by code (Wales has about 850; a CSP far fewer).
pub const MAX_LISTED_WARDS: usize = 1000;

/// The ward codes `area_map` is asked for: separated by spaces, each at most 16 characters
/// (ONS codes have 9), repeats dropped, at most `MAX_LISTED_WARDS`.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
fn listed_wards(text: &str) -> Vec<&str> {
    let mut codes: Vec<&str> = Vec::new();
    for code in text.split_whitespace().filter(|c| c.len() <= 16) {
        if codes.len() == MAX_LISTED_WARDS {
            break;
        }
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes
}

/// What a pin on the map fills in, and which wards the map draws.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapTarget {
    /// The `id` of the ward list (a `select`) a pin chooses the ward in.
    pub ward_list: String,
    /// The `id` of the map's element; its hint's is this and `-hint`.
    pub map_id: String,
    /// The local authority whose wards are drawn, when `wards` is empty.
    pub area: String,
    /// Only these wards are drawn (a campaign's).
    pub wards: Vec<String>,
    /// The point itself, kept in hidden `lat`/`lon` fields with these values as sent (the
    /// report form: the point routes the report). `None`: the ward list is the answer and the
    /// point goes nowhere but to find its ward (a survey's place question: a ward is enough).
    pub point: Option<(String, String)>,
}

impl MapTarget {
    /// The report form: the area's wards, the point in `lat`/`lon`, the ward list `#ward`.
    pub fn report(area: &str, lat: &str, lon: &str) -> MapTarget {
        MapTarget {
            ward_list: "ward".into(),
            map_id: "report-map".into(),
            area: area.into(),
            wards: Vec::new(),
            point: Some((lat.into(), lon.into())),
        }
    }

    /// A survey's place question `key` (its list is `#q-{key}`), over its campaign's wards.
    pub fn survey_place(key: &str, wards: Vec<String>) -> MapTarget {
        MapTarget {
            ward_list: format!("q-{key}"),
            map_id: format!("q-{key}-map"),
            area: String::new(),
            wards,
            point: None,
        }
    }

    /// The drawn wards' codes as `area_map` takes them.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn ward_codes(&self) -> String {
        self.wards.join(" ")
    }

    /// What a pin that fell in `ward` does: whether the ward list may show it (`options`: the
    /// list's codes), and whether the resident is told it is outside what the map is for.
    pub fn pinned(&self, ward: &str, options: &[String]) -> Pinned {
        match (!ward.is_empty() && options.iter().any(|o| o == ward), self.point.is_some()) {
            (true, _) => Pinned::Chosen,
            // The report: the point routes it; the list cannot show another area's ward.
            (false, true) => Pinned::PointOnly,
            // A survey: only its wards are answers.
            (false, false) => Pinned::NotListed,
        }
    }
}

/// What a pin does with the ward it fell in (`MapTarget::pinned`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pinned {
    /// The ward is chosen in the list.
    Chosen,
    /// The point is kept; the list is left as it was.
    PointOnly,
    /// Not one of the list's wards: nothing is chosen, and the resident is told.
    NotListed,
}

/// The ward and partnership at a point.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LocatedPoint {
    pub ward_code: String,
    pub ward: Names,
    pub area_code: String,
    pub csp: Names,
}

/// The ward and CSP at a point; `None` outside the loaded boundaries.
#[server]
pub async fn locate_point(lat: f64, lon: f64) -> Result<Option<LocatedPoint>, ServerFnError> {
    let state = crate::state::AppState::current()?;
    let at = crate::reference::Coordinates::parse(Some(&lat.to_string()), Some(&lon.to_string()))
        .map_err(|_| crate::error::reject(crate::error::AppError::Invalid))?;
    Ok(state.wards.locate(at).map(|l| LocatedPoint {
        ward_code: l.ward.code.clone(),
        ward: l.ward.name.clone(),
        area_code: l.local_authority_code.clone(),
        csp: l.csp_name.clone(),
    }))
}

/// The map's words in the page's language, translated on the server, so that the browser
/// bundle carries neither Fluent nor the message files.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MapWords {
    pub hint: String,
    pub label: String,
    pub pin_centre: String,
    pub use_location: String,
    pub locating: String,
    /// "Found: {ward}, {csp}. ...", with the two names filled in the browser.
    pub located: String,
    pub outside: String,
    pub location_failed: String,
    pub map_failed: String,
    pub zoom_in: String,
    pub zoom_out: String,
}

impl MapWords {
    /// The report form's.
    pub fn new(lang: Lang) -> MapWords {
        MapWords {
            hint: t!(lang, "report-map-hint"),
            label: t!(lang, "report-map-label"),
            pin_centre: t!(lang, "report-map-pin-centre"),
            use_location: t!(lang, "report-use-location"),
            locating: t!(lang, "report-locating"),
            located: t!(lang, "report-located", ward = "{ward}", csp = "{csp}"),
            outside: t!(lang, "report-error-outside"),
            location_failed: t!(lang, "report-location-failed"),
            map_failed: t!(lang, "report-map-failed"),
            zoom_in: t!(lang, "report-map-zoom-in"),
            zoom_out: t!(lang, "report-map-zoom-out"),
        }
    }

    /// A survey's place question's: the map chooses a ward in the list above it.
    pub fn survey(lang: Lang) -> MapWords {
        MapWords {
            hint: t!(lang, "survey-map-hint"),
            label: t!(lang, "survey-map-label"),
            located: t!(lang, "survey-map-located", ward = "{ward}"),
            outside: t!(lang, "survey-map-outside"),
            location_failed: t!(lang, "survey-map-location-failed"),
            map_failed: t!(lang, "survey-map-failed"),
            ..MapWords::new(lang)
        }
    }

    /// Where the chosen point is, in words.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn located(&self, ward: &str, csp: &str) -> String {
        self.located.replace("{ward}", ward).replace("{csp}", csp)
    }
}

/// The map, "use my location" and the hidden fields they fill: an island, the only part of
/// the report form that runs in the browser. Rendered on the server hidden (and without the
/// map's scripts): nothing here is needed to report.
#[island]
pub fn WherePicker(lang: Lang, words: MapWords, target: MapTarget) -> impl IntoView {
    let (ready, set_ready) = signal(false);
    let (lat, lon) = target.point.clone().unzip();
    let keeps_point = lat.is_some();
    let (lat, set_lat) = signal(lat.unwrap_or_default());
    let (lon, set_lon) = signal(lon.unwrap_or_default());
    let map_id = target.map_id.clone();
    let hint_id = format!("{map_id}-hint");
    let (message, set_message) = signal(String::new());
    // False once the map has failed to load: the frame goes, the buttons and the list stay.
    let (map_shown, set_map_shown) = signal(true);
    let (hint, label, pin_centre_text, use_location) =
        (words.hint.clone(), words.label.clone(), words.pin_centre.clone(), words.use_location.clone());
    let words = StoredValue::new(words);
    let target = StoredValue::new(target);
    let chosen = Chosen { lang, words, target, set_lat, set_lon, set_message };
    let map_element = NodeRef::<leptos::html::Div>::new();
    // Effects run only in the browser, once the island is hydrated. The map is loaded once.
    let started = StoredValue::new(false);
    Effect::new(move |_| {
        set_ready.set(true);
        #[cfg(feature = "hydrate")]
        if let Some(element) = map_element.get() {
            if !started.get_value() {
                started.set_value(true);
                browser::show_map(element.into(), chosen, set_map_shown);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (chosen, set_map_shown, started);
    });
    let locate = move |_| {
        set_message.set(words.with_value(|w| w.locating.clone()));
        #[cfg(feature = "hydrate")]
        browser::request_position(chosen);
    };
    let pin_centre = move |_| {
        #[cfg(feature = "hydrate")]
        browser::pin_map_centre(chosen);
    };
    view! {
        {keeps_point.then(|| view! {
            <input type="hidden" name="lat" prop:value=lat />
            <input type="hidden" name="lon" prop:value=lon />
        })}
        <div class="where-picker" hidden=move || !ready.get()>
            <p class="hint" id=hint_id.clone() hidden=move || !map_shown.get()>{hint}</p>
            <div class="map-frame" role="region" aria-label=label aria-describedby=hint_id hidden=move || !map_shown.get()>
                <div id=map_id class="report-map" node_ref=map_element></div>
            </div>
            <div class="button-row">
                <button type="button" class="button secondary" on:click=pin_centre>{pin_centre_text}</button>
                <button type="button" class="button secondary" on:click=locate>{use_location}</button>
            </div>
            <p role="status" class="location-status">{message}</p>
        </div>
    }
}

/// What happens once a point is chosen (on the map or from the device).
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
struct Chosen {
    lang: Lang,
    words: StoredValue<MapWords>,
    target: StoredValue<MapTarget>,
    set_lat: WriteSignal<String>,
    set_lon: WriteSignal<String>,
    set_message: WriteSignal<String>,
}

impl Chosen {
    /// Tells the resident something, in the page's language.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn say(self, words: impl Fn(&MapWords) -> String) {
        self.set_message.set(self.words.with_value(words));
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    //! The Leaflet map and the browser's geolocation.

    use super::{area_map, leaflet, locate_point, Chosen, Pinned, LEAFLET_DIR};
    use leptos::prelude::*;
    use std::{cell::RefCell, collections::HashMap, rc::Rc};
    use wasm_bindgen::{prelude::Closure, JsCast, JsValue};

    thread_local! {
        /// The page's maps (a survey step may have more than one place question) and their
        /// pins, by the map element's id.
        static MAPS: RefCell<HashMap<String, (leaflet::Map, Option<leaflet::Marker>)>> =
            RefCell::new(HashMap::new());
    }

    impl Chosen {
        /// Checks the point with the server, then fills the fields and says where it is.
        fn point(self, lat: f64, lon: f64) {
            let Chosen { lang, target, set_lat, set_lon, .. } = self;
            place_pin(&self.map_id(), lat, lon);
            leptos::task::spawn_local(async move {
                match locate_point(lat, lon).await {
                    Ok(Some(at)) => {
                        set_lat.set(format!("{lat:.6}"));
                        set_lon.set(format!("{lon:.6}"));
                        let list = target.with_value(|t| ward_list(&t.ward_list));
                        let options = list.as_ref().map(list_codes).unwrap_or_default();
                        match target.with_value(|t| t.pinned(&at.ward_code, &options)) {
                            Pinned::Chosen => {
                                if let Some(list) = list {
                                    list.set_value(&at.ward_code);
                                }
                            }
                            Pinned::PointOnly => {}
                            Pinned::NotListed => return self.say(|w| w.outside.clone()),
                        }
                        self.say(|w| w.located(at.ward.get(lang), at.csp.get(lang)));
                    }
                    Ok(None) => {
                        set_lat.set(String::new());
                        set_lon.set(String::new());
                        self.say(|w| w.outside.clone());
                    }
                    Err(_) => self.say(|w| w.location_failed.clone()),
                }
            });
        }
    }

    impl Chosen {
        fn map_id(self) -> String {
            self.target.with_value(|t| t.map_id.clone())
        }
    }

    /// The ward list a pin chooses in.
    fn ward_list(id: &str) -> Option<web_sys::HtmlSelectElement> {
        document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
    }

    /// The codes the list offers.
    fn list_codes(select: &web_sys::HtmlSelectElement) -> Vec<String> {
        (0..select.length()).filter_map(|i| select.item(i)).filter_map(|o| o.get_attribute("value")).collect()
    }

    fn place_pin(map_id: &str, lat: f64, lon: f64) {
        MAPS.with_borrow_mut(|maps| {
            let Some((map, pin)) = maps.get_mut(map_id) else { return };
            let at = leaflet::lat_lng(lat, lon);
            match pin {
                Some(marker) => marker.set_lat_lng(&at),
                None => {
                    let options = js_sys::JSON::parse(r#"{"keyboard": false}"#).unwrap_or(JsValue::UNDEFINED);
                    let marker = leaflet::marker(&at, &options);
                    marker.add_to(map);
                    *pin = Some(marker);
                }
            }
            if map.get_zoom() < 14.0 {
                map.set_view(&at, 15.0);
            } else {
                map.pan_to(&at);
            }
        });
    }

    /// For keyboard users: the pin goes where the map is centred (arrow keys move the map).
    pub(super) fn pin_map_centre(chosen: Chosen) {
        let id = chosen.map_id();
        let centre = MAPS.with_borrow(|maps| maps.get(&id).map(|(map, _)| map.get_center()));
        if let Some(c) = centre {
            chosen.point(c.lat(), c.lng());
        }
    }

    pub(super) fn request_position(chosen: Chosen) {
        let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
            chosen.say(|w| w.location_failed.clone());
            return;
        };
        let success = Closure::<dyn FnMut(web_sys::Position)>::new(move |position: web_sys::Position| {
            let coords = position.coords();
            chosen.point(coords.latitude(), coords.longitude());
        });
        let failure = Closure::<dyn FnMut(web_sys::PositionError)>::new(move |_| {
            chosen.say(|w| w.location_failed.clone())
        });
        if geolocation
            .get_current_position_with_error_callback(
                success.as_ref().unchecked_ref(),
                Some(failure.as_ref().unchecked_ref()),
            )
            .is_err()
        {
            chosen.say(|w| w.location_failed.clone());
        }
        // The browser calls back once, later: the closures must outlive this function.
        success.forget();
        failure.forget();
    }

    /// How many times the map's wards are asked for before giving up (poor connections).
    const ATTEMPTS: u32 = 3;
    /// How long a resident waits for the map before being told to use the list: on a poor
    /// connection a request may neither arrive nor fail for minutes.
    const PATIENCE: std::time::Duration = std::time::Duration::from_secs(10);

    /// One loading of the map into one element: it ends once, drawn or given up.
    struct Loading {
        element: web_sys::HtmlElement,
        chosen: Chosen,
        set_shown: WriteSignal<bool>,
        ended: std::cell::Cell<bool>,
    }

    impl Loading {
        /// Hides the map and tells the resident to use the list, unless the map was drawn.
        fn give_up(&self) {
            if !self.ended.replace(true) {
                self.set_shown.set(false);
                self.chosen.say(|w| w.map_failed.clone());
            }
        }

        fn fetch_and_draw(self: Rc<Self>, attempt: u32) {
            leptos::task::spawn_local(async move {
                let (area, wards) = self.chosen.target.with_value(|t| (t.area.clone(), t.ward_codes()));
                let wards = Some(wards).filter(|w| !w.is_empty());
                let answer = area_map(area, wards, self.chosen.lang.code().to_string()).await;
                if self.ended.get() {
                    return; // too late: the resident has been told to use the list
                }
                match answer {
                    Ok(data) => {
                        if draw(&self.element, data, self.chosen) {
                            self.ended.set(true);
                        } else {
                            self.give_up();
                        }
                    }
                    Err(_) if attempt < ATTEMPTS => {
                        set_timeout(
                            move || self.fetch_and_draw(attempt + 1),
                            std::time::Duration::from_millis(1500 * u64::from(attempt)),
                        );
                    }
                    Err(_) => self.give_up(),
                }
            });
        }
    }

    /// Loads Leaflet (only on this page, only with JavaScript), then draws the target's wards
    /// in `element`. When the script or the wards cannot be fetched, or take too long, the map
    /// is hidden and the resident is told to use the list.
    pub(super) fn show_map(element: web_sys::HtmlElement, chosen: Chosen, set_shown: WriteSignal<bool>) {
        let doc = document();
        if doc.get_element_by_id("leaflet-css").is_none() {
            if let Ok(link) = doc.create_element("link") {
                let _ = link.set_attribute("id", "leaflet-css");
                let _ = link.set_attribute("rel", "stylesheet");
                let _ = link.set_attribute("href", &format!("{LEAFLET_DIR}/leaflet.css"));
                if let Some(head) = doc.head() {
                    let _ = head.append_child(&link);
                }
            }
        }
        let loading = Rc::new(Loading { element, chosen, set_shown, ended: std::cell::Cell::new(false) });
        let late = Rc::clone(&loading);
        set_timeout(move || late.give_up(), PATIENCE);
        if leaflet::loaded() {
            loading.fetch_and_draw(1);
            return;
        }
        // One script element for the page, even if this form is shown again before it loads.
        let script = match doc.get_element_by_id("leaflet-js") {
            Some(script) => script,
            None => {
                let Ok(script) = doc.create_element("script") else { return loading.give_up() };
                let _ = script.set_attribute("id", "leaflet-js");
                let _ = script.set_attribute("src", &format!("{LEAFLET_DIR}/leaflet.js"));
                if let Some(body) = doc.body() {
                    let _ = body.append_child(&script);
                }
                script
            }
        };
        let failed = Rc::clone(&loading);
        let onload = Closure::once_into_js(move || loading.fetch_and_draw(1));
        let _ = script.add_event_listener_with_callback("load", onload.unchecked_ref());
        let onerror = Closure::once_into_js(move || failed.give_up());
        let _ = script.add_event_listener_with_callback("error", onerror.unchecked_ref());
    }

    /// Draws the map; false when Leaflet refuses the element.
    fn draw(element: &web_sys::HtmlElement, data: super::MapData, chosen: Chosen) -> bool {
        let id = chosen.map_id();
        if MAPS.with_borrow(|maps| maps.contains_key(&id))
            && element.class_list().contains("leaflet-container")
        {
            return true; // already drawn here
        }
        let Ok(map) = leaflet::map(element, &JsValue::UNDEFINED) else { return false };
        if !data.tile_url.is_empty() {
            let options = serde_json::json!({ "maxZoom": 19, "attribution": data.attribution });
            let options = js_sys::JSON::parse(&options.to_string()).unwrap_or(JsValue::UNDEFINED);
            leaflet::tile_layer(&data.tile_url, &options).add_to(&map);
        }
        let style = js_sys::JSON::parse(r##"{"style": {"color": "#004f9f", "weight": 2, "fillOpacity": 0.05}, "bubblingMouseEvents": true}"##)
            .unwrap_or(JsValue::UNDEFINED);
        let outlines = js_sys::JSON::parse(&data.outlines).unwrap_or(JsValue::NULL);
        let wards = leaflet::geo_json(&outlines, &style);
        // Each ward's name on hover, to find one's way when tiles do not load.
        let name_it = Closure::<dyn FnMut(JsValue)>::new(|layer: JsValue| {
            let name = js_sys::Reflect::get(&layer, &"feature".into())
                .and_then(|f| js_sys::Reflect::get(&f, &"properties".into()))
                .and_then(|p| js_sys::Reflect::get(&p, &"name".into()))
                .ok()
                .and_then(|n| n.as_string());
            if let Some(name) = name {
                let options = js_sys::JSON::parse(r#"{"sticky": true}"#).unwrap_or(JsValue::UNDEFINED);
                layer.unchecked_into::<leaflet::Layer>().bind_tooltip(&name, &options);
            }
        });
        wards.each_layer(name_it.as_ref().unchecked_ref());
        wards.add_to(&map);
        map.fit_bounds(&wards.get_bounds());
        let on_click = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            if let Ok(at) = js_sys::Reflect::get(&event, &"latlng".into()) {
                let at: leaflet::LatLng = at.unchecked_into();
                chosen.point(at.lat(), at.lng());
            }
        });
        map.on("click", on_click.as_ref().unchecked_ref());
        on_click.forget();
        // Leaflet's own controls, named in the page's language.
        let (zoom_in, zoom_out) = chosen.words.with_value(|w| (w.zoom_in.clone(), w.zoom_out.clone()));
        for (selector, label) in
            [(".leaflet-control-zoom-in", zoom_in), (".leaflet-control-zoom-out", zoom_out)]
        {
            if let Ok(Some(button)) = element.query_selector(selector) {
                let _ = button.set_attribute("aria-label", &label);
                let _ = button.set_attribute("title", &label);
            }
        }
        MAPS.with_borrow_mut(|maps| maps.insert(id, (map, None)));
        true
    }
}

#[cfg(feature = "hydrate")]
mod leaflet {
    //! The few Leaflet calls the report map makes.

    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        pub type Map;
        #[wasm_bindgen(catch, js_namespace = L, js_name = map)]
        pub fn map(element: &web_sys::HtmlElement, options: &JsValue) -> Result<Map, JsValue>;
        #[wasm_bindgen(method, js_name = fitBounds)]
        pub fn fit_bounds(this: &Map, bounds: &JsValue);
        #[wasm_bindgen(method, js_name = setView)]
        pub fn set_view(this: &Map, at: &LatLng, zoom: f64);
        #[wasm_bindgen(method, js_name = panTo)]
        pub fn pan_to(this: &Map, at: &LatLng);
        #[wasm_bindgen(method, js_name = getZoom)]
        pub fn get_zoom(this: &Map) -> f64;
        #[wasm_bindgen(method, js_name = getCenter)]
        pub fn get_center(this: &Map) -> LatLng;
        #[wasm_bindgen(method)]
        pub fn on(this: &Map, event: &str, handler: &js_sys::Function);

        pub type LatLng;
        #[wasm_bindgen(js_namespace = L, js_name = latLng)]
        pub fn lat_lng(lat: f64, lng: f64) -> LatLng;
        #[wasm_bindgen(method, getter)]
        pub fn lat(this: &LatLng) -> f64;
        #[wasm_bindgen(method, getter)]
        pub fn lng(this: &LatLng) -> f64;

        pub type Layer;
        #[wasm_bindgen(method, js_name = addTo)]
        pub fn add_to(this: &Layer, map: &Map);
        #[wasm_bindgen(js_namespace = L, js_name = tileLayer)]
        pub fn tile_layer(url: &str, options: &JsValue) -> Layer;
        #[wasm_bindgen(js_namespace = L, js_name = geoJSON)]
        pub fn geo_json(data: &JsValue, options: &JsValue) -> Layer;
        #[wasm_bindgen(method, js_name = getBounds)]
        pub fn get_bounds(this: &Layer) -> JsValue;
        #[wasm_bindgen(method, js_name = eachLayer)]
        pub fn each_layer(this: &Layer, f: &js_sys::Function);
        #[wasm_bindgen(method, js_name = bindTooltip)]
        pub fn bind_tooltip(this: &Layer, content: &str, options: &JsValue);

        #[wasm_bindgen(extends = Layer)]
        pub type Marker;
        #[wasm_bindgen(js_namespace = L, js_name = marker)]
        pub fn marker(at: &LatLng, options: &JsValue) -> Marker;
        #[wasm_bindgen(method, js_name = setLatLng)]
        pub fn set_lat_lng(this: &Marker, at: &LatLng);
    }

    /// Whether `leaflet.js` has run (it defines the global `L`).
    pub fn loaded() -> bool {
        js_sys::Reflect::has(&js_sys::global(), &"L".into()).unwrap_or(false)
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use leptos::server_fn::ServerFn;

    /// Pages load their data on the server while rendering (`shell::page::Page`); the only
    /// server functions are the ones the map island calls from the browser.
    #[test]
    fn the_only_server_functions_are_the_islands() {
        let mut paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path).collect();
        paths.sort_unstable();
        let mut island = vec![<super::AreaMap as ServerFn>::PATH, <super::LocatePoint as ServerFn>::PATH];
        island.sort_unstable();
        assert_eq!(paths, island);
    }

    #[test]
    fn the_wards_asked_for_are_codes_once_each_and_bounded() {
        assert_eq!(super::listed_wards(" W05001 W05002  W05001\nW05003 "), ["W05001", "W05002", "W05003"]);
        assert!(super::listed_wards("").is_empty());
        assert!(super::listed_wards(&"x".repeat(17)).is_empty(), "no ward code is that long");
        let many: Vec<String> = (0..super::MAX_LISTED_WARDS + 5).map(|i| format!("W{i}")).collect();
        assert_eq!(super::listed_wards(&many.join(" ")).len(), super::MAX_LISTED_WARDS);
    }

    #[test]
    fn a_pin_chooses_only_a_listed_ward_and_a_survey_keeps_no_point() {
        use super::{MapTarget, Pinned};
        let listed = ["".to_string(), "W1".to_string(), "W2".to_string()];
        let survey = MapTarget::survey_place("where", vec!["W1".into(), "W2".into()]);
        assert_eq!(survey.point, None, "a survey's answer is a ward, never a point");
        assert_eq!((survey.ward_list.as_str(), survey.map_id.as_str()), ("q-where", "q-where-map"));
        assert_eq!(survey.ward_codes(), "W1 W2");
        assert_eq!(survey.pinned("W2", &listed), Pinned::Chosen);
        assert_eq!(survey.pinned("W9", &listed), Pinned::NotListed);
        assert_eq!(survey.pinned("", &listed), Pinned::NotListed, "the empty choice is no ward");
        let report = MapTarget::report("W06000015", "51.48", "-3.18");
        assert_eq!(report.point, Some(("51.48".into(), "-3.18".into())));
        assert_eq!(report.ward_codes(), "");
        assert_eq!(report.pinned("W1", &listed), Pinned::Chosen);
        assert_eq!(
            report.pinned("W9", &listed),
            Pinned::PointOnly,
            "another area's ward: its point routes it"
        );
    }
}
