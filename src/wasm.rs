//! The WebAssembly face: converts JS values to requests and responses back. No logic here.

use std::alloc::GlobalAlloc;
use std::cell::RefCell;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::analysis_cache::AnalysisCache;
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

/// The allocator, growing the WebAssembly memory by half its size whenever it has to grow it
/// at all. The allocator alone grows it by what one allocation lacks (often 64 KiB), and V8
/// answers each grow with a garbage collection of the whole JS heap: a lint needing much more
/// than [`reserve_heap`] foresaw (10,000 small files, each with a fixed cost) grew the memory
/// thousands of times, and its run time grew with the square of its files.
struct GrowingAllocator;

// SAFETY: every call is forwarded to `System` unchanged; the only addition is an allocation
// freed at once, through `System` too.
unsafe impl std::alloc::GlobalAlloc for GrowingAllocator {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        let pages = core::arch::wasm32::memory_size(0);
        let block = std::alloc::System.alloc(layout);
        grow_ahead(pages);
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: std::alloc::Layout) {
        std::alloc::System.dealloc(block, layout);
    }

    unsafe fn realloc(&self, block: *mut u8, layout: std::alloc::Layout, size: usize) -> *mut u8 {
        let pages = core::arch::wasm32::memory_size(0);
        let moved = std::alloc::System.realloc(block, layout, size);
        grow_ahead(pages);
        moved
    }
}

#[global_allocator]
static ALLOCATOR: GrowingAllocator = GrowingAllocator;

/// After an allocation that grew the memory from `pages_before`: grows it by half its new size
/// more (up to 1 GiB in all), through the allocator, so that the next allocations find room.
fn grow_ahead(pages_before: usize) {
    let memory = core::arch::wasm32::memory_size(0) * 65536;
    if memory / 65536 == pages_before {
        return;
    }
    let ahead = (memory / 2).min((1usize << 30).saturating_sub(memory));
    if let Ok(layout) = std::alloc::Layout::from_size_align(ahead, 8) {
        if layout.size() > 0 {
            // SAFETY: a non-zero size; freed with the layout it was allocated with.
            unsafe {
                let block = std::hint::black_box(std::alloc::System.alloc(layout));
                if !block.is_null() {
                    std::alloc::System.dealloc(block, layout);
                }
            }
        }
    }
}

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

thread_local! {
    /// The last call's file analyses (`analysis_cache`): an editor's next keystroke or the
    /// fixer's next pass re-reads only the files that changed. An instance that trapped is
    /// replaced by the host, and its cache with it.
    static ANALYSES: RefCell<AnalysisCache> = RefCell::default();
}

#[wasm_bindgen]
pub fn lint(request_value: JsValue) -> Result<JsValue, JsValue> {
    let request = whole_request(request_value)?;
    to_js(&ANALYSES.with_borrow_mut(|cache| crate::lint::lint_cached(cache, request)))
}

#[wasm_bindgen]
pub fn fix(request_value: JsValue) -> Result<JsValue, JsValue> {
    let request = whole_request(request_value)?;
    to_js(&ANALYSES.with_borrow_mut(|cache| crate::fixer::fix_cached(cache, &request)))
}

#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsValue> {
    to_js(&crate::rules::catalog())
}

/// Every configuration key with its type, default and description (`docs/engine-api.md`).
#[wasm_bindgen(js_name = configSchema)]
pub fn config_schema() -> Result<JsValue, JsValue> {
    to_js(&crate::config::config_schema())
}

/// The comments and quoted tokens of a text, in UTF-16 offsets (`docs/engine-api.md`).
#[wasm_bindgen(js_name = lexicalRanges)]
pub fn lexical_ranges(text: &str) -> Result<JsValue, JsValue> {
    to_js(&crate::source::lexical_ranges(text))
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

/// The end-state catalog the files leave (`docs/engine-api.md`): tables, policies, grants,
/// functions, views, extensions and buckets. `supalint new` reads it to tell whether a helper
/// a template would call exists.
#[wasm_bindgen]
pub fn catalog(request_value: JsValue) -> Result<JsValue, JsValue> {
    to_js(&crate::lint::catalog_snapshot(&request(request_value)?))
}
