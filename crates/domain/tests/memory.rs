//! Parsed datasets are kept compactly: the heap a dataset holds stays near
//! the size of its JSON file (it was 3.7 to 6 times it, with two heap blocks
//! per row), and `Dataset::heap_size`, which the app's cache budgets with,
//! matches what the allocator handed out.
//!
//! One test in its own binary, so that the counting allocator sees no other
//! test's allocations. `examples/memory.rs` prints the same figures.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use ward_domain::catalogue::Catalogue;
use ward_domain::dataset::{Dataset, Level};
use ward_domain::Registry;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; the
// counter is only arithmetic on the sizes it was asked for.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            LIVE.fetch_add(layout.size(), Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE.fetch_sub(layout.size(), Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Relaxed);
            LIVE.fetch_add(new_size, Relaxed);
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data")
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(data_dir().join(relative))
        .unwrap_or_else(|e| panic!("cannot read public/data/{relative}: {e}"))
}

#[test]
fn parsed_datasets_hold_about_their_json_size_and_heap_size_says_so() {
    let registry = Registry::parse(&read("wards.json")).expect("wards.json is valid");
    let catalogue = Catalogue::parse(&read("catalogue.json"))
        .expect("catalogue.json is valid")
        .value;
    let mut checked = 0;
    for entry in catalogue.datasets.iter().filter(|e| e.level == Level::Ward) {
        let text = read(&entry.url);
        let before = LIVE.load(Relaxed);
        let dataset = Dataset::parse(&text, &registry)
            .expect("bundled datasets are valid")
            .value;
        let held = LIVE.load(Relaxed) - before;
        // Measured: 1.13× for the shares (121 KB of JSON, 137 KB held),
        // 1.9× for the scores (shorter rows); 3.7× and 6× before.
        assert!(
            held <= 2 * text.len(),
            "{} holds {held} bytes for {} bytes of JSON",
            entry.id,
            text.len()
        );
        // Rows without heap blocks of their own: about 96 bytes each.
        assert!(
            held <= 100 * dataset.values.len() + 8_000,
            "{}: {held} bytes for {} rows",
            entry.id,
            dataset.values.len()
        );
        let estimate = dataset.heap_size();
        assert!(
            estimate.abs_diff(held) * 20 <= held,
            "{}: heap_size says {estimate}, the allocator holds {held}",
            entry.id
        );
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} ward datasets bundled");
}
