//! Long fuzzing runs, one target per process so that its peak memory can
//! be measured: `sitrep-fuzz TARGET SECONDS [SEED] [--cpu]` (`all` runs each
//! in turn). SECONDS are wall time, or with `--cpu` CPU time of the process,
//! so that a target on a loaded machine still gets its full budget of work.
//! Prints one line per target; exits 1 if any input panicked.

use sitrep_fuzz::targets::ALL;
use sitrep_fuzz::{fuzz_spending, peak_rss_kb, Spend};
use std::time::Duration;

fn main() -> std::process::ExitCode {
    let all: Vec<String> = std::env::args().skip(1).collect();
    let spend = if all.iter().any(|a| a == "--cpu") {
        Spend::Cpu
    } else {
        Spend::Wall
    };
    let args: Vec<&String> = all.iter().filter(|a| *a != "--cpu").collect();
    let Some(which) = args.first() else {
        let names: Vec<&str> = ALL.iter().map(|t| t.name).collect();
        eprintln!(
            "usage: sitrep-fuzz TARGET|all SECONDS [SEED] [--cpu]; targets: {}",
            names.join(", ")
        );
        return std::process::ExitCode::from(2);
    };
    let secs: f64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(60.0);
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let mut failed = false;
    for t in ALL.iter().filter(|t| *which == "all" || t.name == *which) {
        let r = fuzz_spending(
            t.name,
            &(t.seeds)(),
            (Duration::from_secs_f64(secs), spend),
            seed,
            t.run,
        );
        println!("{r}; peak RSS {} kB", peak_rss_kb().unwrap_or(0));
        for f in &r.findings {
            println!("  finding: {}", f.display());
        }
        failed |= !r.findings.is_empty();
    }
    if failed {
        std::process::ExitCode::from(1)
    } else {
        std::process::ExitCode::SUCCESS
    }
}
