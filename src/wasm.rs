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

/// [`request`], for a call that keeps every file's analysis: grows the heap for it up front.
fn whole_request(value: JsValue) -> Result<LintRequest, JsValue> {
    let request = request(value)?;
    let text_bytes = request.files.iter().map(|f| f.text.len()).sum::<usize>();
    reserve_heap(text_bytes.saturating_mul(HEAP_BYTES_PER_TEXT_BYTE));
    Ok(request)
}

/// About what a lint allocates per byte of SQL, at most: the high-water mark of the WebAssembly
/// memory on the corpus repeated to 21 MB is 8.8 bytes per byte. A larger reserve costs resident
/// memory (12 × was 60 MB more), a smaller one a garbage collection per grow.
const HEAP_BYTES_PER_TEXT_BYTE: usize = 9;

/// Grows the heap once, up front, to about what the call will need. The allocator otherwise
/// grows the WebAssembly memory 64 KiB at a time, and V8 answers each grow with a garbage
/// collection: on 20 MB of SQL that was two thirds of the run. The block is freed at once and
/// stays with the allocator; pages that nothing writes cost no resident memory.
fn reserve_heap(bytes: usize) {
    let memory = core::arch::wasm32::memory_size(0) * 65536;
    // Already that big (a later call): what an earlier call freed is reused.
    let bytes = bytes.min(1 << 30).saturating_sub(memory);
    if let Ok(layout) = std::alloc::Layout::from_size_align(bytes, 8) {
        if layout.size() > 0 {
            // SAFETY: a non-zero size; the block is freed with the layout it was allocated with.
            unsafe {
                // black_box: the optimiser may drop an allocation that nothing uses.
                let block = std::hint::black_box(std::alloc::alloc(layout));
                if !block.is_null() {
                    std::alloc::dealloc(block, layout);
                }
            }
        }
    }
}

#[wasm_bindgen]
pub fn lint(request_value: JsValue) -> Result<JsValue, JsValue> {
    to_js(&crate::lint::lint_owned(whole_request(request_value)?))
}

#[wasm_bindgen]
pub fn fix(request_value: JsValue) -> Result<JsValue, JsValue> {
    to_js(&crate::fixer::fix(&whole_request(request_value)?))
}

/// `lint`'s `stats` for these files, validated; memory for one file's analysis at a time.
#[wasm_bindgen(js_name = parseStats)]
pub fn parse_stats(request_value: JsValue) -> Result<JsValue, JsValue> {
    to_js(&crate::lint::parse_stats(request(request_value)?))
}

#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsValue> {
    to_js(&crate::rules::catalog())
}

#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// Who can do what in the database the files leave (`docs/access.md`), under the request's
/// configuration.
#[wasm_bindgen(js_name = accessMatrix)]
pub fn access_matrix(request_value: JsValue) -> Result<JsValue, JsValue> {
    to_js(&crate::lint::access_matrix(&request(request_value)?))
}
