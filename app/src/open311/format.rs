//! Open311 answers in JSON or XML from one description of the content: a JSON value whose
//! lists are written in XML as one element per item, named by the list (`services` holds
//! `service` elements, `attributes` holds `attribute`, and so on).

use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use quick_xml::{
    events::{BytesDecl, BytesText, Event},
    Writer,
};
use serde_json::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
}

impl Format {
    /// `services.json` -> (`services`, Json). The format is part of every Open311 path.
    pub fn split(file: &str) -> Option<(&str, Format)> {
        let (name, extension) = file.rsplit_once('.')?;
        let format = match extension {
            "json" => Format::Json,
            "xml" => Format::Xml,
            _ => return None,
        };
        (!name.is_empty()).then_some((name, format))
    }
}

/// The element name of one item of a list.
fn item_name(list: &str) -> &str {
    match list {
        "services" => "service",
        "service_requests" => "request",
        "service_requests_updates" | "service_request_updates" => "request_update",
        "attributes" => "attribute",
        "values" => "value",
        "endpoints" => "endpoint",
        "formats" => "format",
        "errors" => "error",
        other => other.strip_suffix('s').unwrap_or(other),
    }
}

fn write_value(writer: &mut Writer<Vec<u8>>, name: &str, value: &Value) -> std::io::Result<()> {
    match value {
        Value::Null => {
            writer.create_element(name).write_empty()?;
        }
        Value::Object(fields) => {
            writer.create_element(name).write_inner_content(|w| {
                for (key, field) in fields {
                    write_value(w, key, field)?;
                }
                Ok(())
            })?;
        }
        Value::Array(items) => {
            let item = item_name(name);
            writer.create_element(name).write_inner_content(|w| {
                for value in items {
                    write_value(w, item, value)?;
                }
                Ok(())
            })?;
        }
        Value::String(text) => {
            writer.create_element(name).write_text_content(BytesText::new(text))?;
        }
        Value::Bool(_) | Value::Number(_) => {
            writer.create_element(name).write_text_content(BytesText::new(&value.to_string()))?;
        }
    }
    Ok(())
}

/// The XML document for `root` (a list's name, or an element's for an object).
pub fn to_xml(root: &str, value: &Value) -> String {
    let mut writer = Writer::new(Vec::new());
    let written = writer
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
        .and_then(|_| write_value(&mut writer, root, value));
    match written {
        Ok(()) => String::from_utf8(writer.into_inner()).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// An answer: `root` names the XML document element; JSON is the value itself.
pub fn respond(format: Format, status: StatusCode, root: &str, value: Value) -> Response {
    match format {
        Format::Json => {
            (status, [(header::CONTENT_TYPE, "application/json; charset=utf-8")], value.to_string())
                .into_response()
        }
        Format::Xml => (status, [(header::CONTENT_TYPE, "text/xml; charset=utf-8")], to_xml(root, &value))
            .into_response(),
    }
}

/// Open311's error shape: `[{"code": 400, "description": "..."}]`, `<errors><error>...`.
pub fn errors(format: Format, status: StatusCode, descriptions: &[String]) -> Response {
    let list: Vec<Value> = descriptions
        .iter()
        .map(|d| serde_json::json!({ "code": status.as_u16(), "description": d }))
        .collect();
    respond(format, status, "errors", Value::Array(list))
}

pub fn error(format: Format, status: StatusCode, description: String) -> Response {
    errors(format, status, &[description])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lists_become_repeated_elements_and_text_is_escaped() {
        let value = json!([{ "service_code": "graffiti", "attributes": [{ "values": [{ "key": "a<b", "name": "x & y" }] }], "group": null, "metadata": true }]);
        let xml = to_xml("services", &value);
        assert_eq!(
            xml,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><services><service><service_code>graffiti</service_code>\
             <attributes><attribute><values><value><key>a&lt;b</key><name>x &amp; y</name></value></values></attribute></attributes>\
             <group/><metadata>true</metadata></service></services>"
        );
    }

    #[test]
    fn the_format_is_the_extension() {
        assert_eq!(Format::split("services.json"), Some(("services", Format::Json)));
        assert_eq!(Format::split("CYM-26-000001.xml"), Some(("CYM-26-000001", Format::Xml)));
        assert_eq!(Format::split("services"), None);
        assert_eq!(Format::split("services.html"), None);
        assert_eq!(Format::split(".json"), None);
    }
}
