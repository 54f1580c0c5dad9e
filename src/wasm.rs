//! The WebAssembly face: converts JS values to requests and responses back. No logic here.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::lint::LintRequest;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::new()
        .serialize_maps_as_objects(true)
        .serialize_missing_as_null(true);
    value
        .serialize(&serializer)
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

#[wasm_bindgen]
extern "C" {
    /// The host's clock: wasm32-unknown-unknown has none of its own.
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    fn date_now() -> f64;
}

fn request(value: JsValue) -> Result<LintRequest, JsValue> {
    console_error_panic_hook::set_once();
    let mut request: LintRequest = serde_wasm_bindgen::from_value(value)
        .map_err(|e| JsValue::from_str(&format!("invalid lint request: {e}")))?;
    if request.now.is_none() {
        request.now_seconds = Some((date_now() / 1000.0) as i64);
    }
    Ok(request)
}

#[wasm_bindgen]
pub fn lint(request_value: JsValue) -> Result<JsValue, JsValue> {
    to_js(&crate::lint(&request(request_value)?))
}

#[wasm_bindgen]
pub fn fix(request_value: JsValue) -> Result<JsValue, JsValue> {
    to_js(&crate::fixer::fix(&request(request_value)?))
}

#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsValue> {
    to_js(&crate::rules::catalog())
}

#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}
