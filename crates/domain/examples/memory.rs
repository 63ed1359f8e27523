//! Memory benchmark: how many heap bytes a parsed dataset holds, against the
//! size of its JSON file, and what a catalogue of 514 ward datasets costs.
//!
//! Prints figures only; it asserts nothing about them (timings and heap sizes
//! differ between machines). Run with
//!
//! ```sh
//! cargo run -p ward-domain --example memory
//! ```
//!
//! A counting global allocator gives the live heap bytes (as requested from
//! the allocator, without its own per-block overhead) before and after each
//! parse; the JSON text is read before the first count and dropped after the
//! second, so only what the `Dataset` keeps is counted.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use ward_domain::cache::Cache;
use ward_domain::catalogue::Catalogue;
use ward_domain::dataset::{Dataset, Level, Observation};
use ward_domain::Registry;

/// Live bytes and live blocks, counted on every allocation.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static BLOCKS: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = LIVE.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every call is forwarded unchanged to the system allocator; the
// counters are only arithmetic on the sizes it was asked for.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            grew(layout.size());
            BLOCKS.fetch_add(1, Relaxed);
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            grew(layout.size());
            BLOCKS.fetch_add(1, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE.fetch_sub(layout.size(), Relaxed);
        BLOCKS.fetch_sub(1, Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Relaxed);
            grew(new_size);
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn live() -> (usize, usize) {
    (LIVE.load(Relaxed), BLOCKS.load(Relaxed))
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data")
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(data_dir().join(relative))
        .unwrap_or_else(|e| panic!("cannot read public/data/{relative}: {e}"))
}

/// Parses `text`, returning the dataset with the heap bytes and blocks it
/// holds once the parse's temporaries are gone.
fn parse_counted(text: &str, registry: &Registry) -> (Dataset, usize, usize) {
    let (bytes, blocks) = live();
    let dataset = Dataset::parse(text, registry)
        .unwrap_or_else(|p| panic!("invalid dataset: {p:#?}"))
        .value;
    let (after, after_blocks) = live();
    (dataset, after - bytes, after_blocks - blocks)
}

fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

fn mb(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// How many ward datasets the generated catalogue has (the figure of the
/// report that found memory growing with the catalogue).
const GENERATED: usize = 514;

fn main() {
    let registry = Registry::parse(&read("wards.json")).expect("wards.json is valid");
    let catalogue = Catalogue::parse(&read("catalogue.json"))
        .expect("catalogue.json is valid")
        .value;
    println!(
        "size_of::<Observation>() = {} bytes, size_of::<Dataset>() = {} bytes",
        std::mem::size_of::<Observation>(),
        std::mem::size_of::<Dataset>()
    );
    println!();
    println!(
        "{:<36} {:>10} {:>6} {:>11} {:>7} {:>7} {:>11}",
        "bundled ward dataset", "JSON", "rows", "heap held", "blocks", "× JSON", "estimate"
    );
    let mut largest: Option<(usize, String)> = None;
    let (mut json_total, mut heap_total) = (0, 0);
    for entry in catalogue.datasets.iter().filter(|e| e.level == Level::Ward) {
        let text = read(&entry.url);
        let (dataset, held, blocks) = parse_counted(&text, &registry);
        println!(
            "{:<36} {:>10} {:>6} {:>11} {:>7} {:>7.2} {:>11}",
            entry.id,
            kb(text.len()),
            dataset.values.len(),
            kb(held),
            blocks,
            held as f64 / text.len() as f64,
            kb(dataset.heap_size()),
        );
        json_total += text.len();
        heap_total += held;
        if largest.as_ref().is_none_or(|(len, _)| text.len() > *len) {
            largest = Some((text.len(), text));
        }
    }
    println!(
        "{:<36} {:>10} {:>6} {:>11} {:>7} {:>7.2}",
        "all bundled ward datasets",
        kb(json_total),
        "",
        kb(heap_total),
        "",
        heap_total as f64 / json_total as f64
    );

    // A catalogue of GENERATED ward datasets: the largest bundled file under
    // different ids, every one parsed and kept, as the profile page did.
    let (_, template) = largest.expect("at least one bundled ward dataset");
    let id = Dataset::parse(&template, &registry)
        .expect("valid")
        .value
        .id;
    let texts: Vec<String> = (0..GENERATED)
        .map(|i| template.replacen(&format!("\"{id}\""), &format!("\"bench-{i:04}\""), 1))
        .collect();
    let json: usize = texts.iter().map(String::len).sum();
    let (before, _) = live();
    let started = Instant::now();
    let all: Vec<Dataset> = texts
        .iter()
        .map(|t| Dataset::parse(t, &registry).expect("valid").value)
        .collect();
    let took = started.elapsed();
    let (after, _) = live();
    println!();
    println!(
        "{GENERATED} generated ward datasets ({} of JSON): {} held ({:.2} × JSON), parsed in {:.2} s",
        mb(json),
        mb(after - before),
        (after - before) as f64 / json as f64,
        took.as_secs_f64()
    );

    // The same datasets through the app's bounded cache, one shown at a time
    // as indicator switches do: what stays is bounded by the cache's budget.
    // (Moved from the vector above rather than parsed again, to keep the run
    // short: a moved dataset holds the same heap.)
    let mut all = all;
    let mut cache: Cache<String, Dataset> = Cache::for_datasets();
    for dataset in all.drain(..) {
        let size = dataset.heap_size();
        cache.insert(dataset.id.clone(), dataset, size);
    }
    drop(all);
    let (after, _) = live();
    let held = after.saturating_sub(before);
    println!(
        "{GENERATED} switches through Cache::for_datasets (at most {} entries, {}): {} entries, {} held",
        cache.max_entries(),
        kb(cache.max_bytes()),
        cache.len(),
        mb(held)
    );
}
