//! Heap allocations per sign and per verify, for each library, counted by a global
//! allocator: `cargo bench -p jwt-benches --bench allocations`. Prints a Markdown table.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{Fixture, LIBRARIES, MEASUREMENTS};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator unchanged; only counts calls.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller upholds `alloc`'s contract, passed through.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller upholds `dealloc`'s contract, passed through.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller upholds `realloc`'s contract, passed through.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations per call of `f`, averaged over many calls after a warm-up.
fn count<R>(mut f: impl FnMut() -> R) -> f64 {
    for _ in 0..10 {
        std::hint::black_box(f());
    }
    const N: usize = 1000;
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    for _ in 0..N {
        std::hint::black_box(f());
    }
    (ALLOCATIONS.load(Ordering::Relaxed) - before) as f64 / N as f64
}

fn main() {
    // `cargo test --benches` runs this too; only count when benchmarking.
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return;
    }
    let fixture = Fixture::new();
    let rows: Vec<(&str, Vec<f64>)> = LIBRARIES
        .iter()
        .enumerate()
        .map(|(l, library)| {
            let counts = (0..MEASUREMENTS.len())
                .map(|m| {
                    let mut op = fixture.op(m, l);
                    count(&mut op)
                })
                .collect();
            (*library, counts)
        })
        .collect();

    println!("| library | {} |", MEASUREMENTS.join(" | "));
    println!("|---|---:|---:|---:|---:|");
    for (name, counts) in rows {
        let cells: Vec<String> = counts.iter().map(|c| format!("{c:.1}")).collect();
        println!("| {name} | {} |", cells.join(" | "));
    }
    println!("\n(the jwt and jwt-simple sign columns include cloning the claims they consume)");
}
