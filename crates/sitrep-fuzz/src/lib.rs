//! A small mutation fuzzer on stable Rust (no nightly toolchain, no
//! libFuzzer): each target is a function over bytes; inputs are grown from
//! seed documents by mutations that have found bugs in text readers (bit
//! flips, markup and number tokens spliced in, runs of one chunk repeated
//! many times to expose quadratic work, truncation, splicing two seeds).
//!
//! A target fails when an input panics or runs longer than the hang limit;
//! the input is written to `target/fuzz-findings/<target>/` so that it can
//! be replayed and added to `regressions/<target>/` as a regression test.
//! How long each target runs is `SITREP_FUZZ_SECS` (default 2 seconds, so
//! `cargo test --workspace` stays quick); see BENCHMARKS.md for long runs.

pub mod targets;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// An input that runs longer than this is a hang: the 10 s for an
/// optimised build; an unoptimised (test-profile) build runs the pipeline
/// some ten times slower, so it is allowed 100 s.
pub const HANG: Duration = if cfg!(debug_assertions) {
    Duration::from_secs(100)
} else {
    Duration::from_secs(10)
};

/// Largest input generated, in bytes.
pub const MAX_INPUT: usize = 64 * 1024;

/// A xorshift64* generator: fast, seedable, reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// Fragments spliced into inputs: markup, JSON, WARC and feed syntax,
/// numbers and dates, odd Unicode (BOMs, combining marks, right-to-left
/// marks, surrogate-range escapes, invalid UTF-8 bytes).
const TOKENS: &[&[u8]] = &[
    b"<div>",
    b"</div>",
    b"<p>",
    b"</p>",
    b"<table><tr><td>",
    b"<script>",
    b"</script>",
    b"<!--",
    b"-->",
    b"<![CDATA[",
    b"]]>",
    b"&amp;",
    b"&#x0;",
    b"&#1114112;",
    b"<a href=\"javascript:x\">",
    b"{\"id\":",
    b"\"text\":\"",
    b"\"html\":\"",
    b"\\u0000",
    b"\\ud800",
    b"\"date\":",
    b"null",
    b"1e999",
    b"}",
    b"\n",
    b"\r\n",
    b"\r\n\r\n",
    b"WARC/1.0\r\n",
    b"Content-Length: ",
    b"99999999999999999999",
    b"WARC-Type: response\r\n",
    b"HTTP/1.1 200 OK\r\n",
    b"Content-Encoding: gzip\r\n",
    b"Transfer-Encoding: chunked\r\n",
    b"<rss><channel><item>",
    b"<feed><entry>",
    b"</item>",
    b"1,121",
    b"865",
    b"at least",
    b"dozens of",
    b"-1",
    b"0.5",
    b"1/2",
    b"9/11",
    b"2020-02-30",
    b"on Monday",
    b"last week",
    b"31 December 1999",
    b"killed",
    b"shelled",
    b"said",
    b"U.S.",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xC3",
    b"\xE2\x80\x8F",
    b"\xCC\x81",
    b"\xF0\x9F\x92\xA3",
    b"\xE2\x80\xA8",
    b"\t",
    b"\x00",
    b" ",
    b"\"",
    b"'",
    b".",
    b"...",
    b"?!",
    b"Mr.",
    b"(",
    b")",
];

/// Grow a new input from the seeds.
pub fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut data = seeds[rng.below(seeds.len())].clone();
    let rounds = 1 + rng.below(8);
    for _ in 0..rounds {
        let len = data.len();
        match rng.below(9) {
            0 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                data[i] = [0u8, 0xFF, b'<', b'>', b'"', b'\\', b'\n', 0x80][rng.below(8)];
            }
            2 | 3 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                let i = rng.below(len + 1);
                data.splice(i..i, t.iter().copied());
            }
            4 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(64)).min(len);
                data.drain(a..b);
            }
            5 if len > 0 => {
                // a chunk repeated many times: nesting, long lines, long numbers
                let a = rng.below(len);
                let b = (a + 1 + rng.below(16)).min(len);
                let chunk = data[a..b].to_vec();
                let times = 1 + rng.below(2000);
                let at = rng.below(len + 1);
                let rep: Vec<u8> = chunk
                    .iter()
                    .copied()
                    .cycle()
                    .take(chunk.len() * times)
                    .collect();
                data.splice(at..at, rep);
            }
            6 => {
                let other = &seeds[rng.below(seeds.len())];
                let cut = rng.below(other.len() + 1);
                let at = rng.below(len + 1);
                data.truncate(at);
                data.extend_from_slice(&other[cut..]);
            }
            7 if len > 0 => data.truncate(rng.below(len)),
            _ => {
                let t = TOKENS[rng.below(TOKENS.len())];
                let times = 1 + rng.below(500);
                let at = rng.below(len + 1);
                let rep: Vec<u8> = t.iter().copied().cycle().take(t.len() * times).collect();
                data.splice(at..at, rep);
            }
        }
        data.truncate(MAX_INPUT);
    }
    data
}

/// What a fuzzing run did.
#[derive(Debug, Clone)]
pub struct Report {
    pub target: &'static str,
    pub execs: u64,
    /// The longest one input took, in CPU time (wall time where CPU time
    /// cannot be read).
    pub slowest: Duration,
    pub elapsed: Duration,
    /// CPU time (user + system) the process spent in the run, if known.
    pub cpu: Option<Duration>,
    /// Inputs that panicked or hung, as saved files.
    pub findings: Vec<PathBuf>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "fuzz {}: {} inputs in {:.1} s wall, {:.1} s CPU, slowest {:.3} s CPU, {} findings",
            self.target,
            self.execs,
            self.elapsed.as_secs_f64(),
            self.cpu.map_or(f64::NAN, |c| c.as_secs_f64()),
            self.slowest.as_secs_f64(),
            self.findings.len()
        )
    }
}

/// Where findings go: `target/fuzz-findings/<target>/`.
pub fn findings_dir(target: &str) -> PathBuf {
    let root = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    root.join("fuzz-findings").join(target)
}

fn save(target: &str, kind: &str, input: &[u8]) -> PathBuf {
    let dir = findings_dir(target);
    let _ = std::fs::create_dir_all(&dir);
    let hash = input.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ *b as u64).wrapping_mul(0x100_0000_01b3)
    });
    let path = dir.join(format!("{kind}-{hash:016x}"));
    let _ = std::fs::write(&path, input);
    path
}

/// How long each target runs: `SITREP_FUZZ_SECS`, else `default`.
pub fn budget(default: f64) -> Duration {
    let secs = std::env::var("SITREP_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(default);
    Duration::from_secs_f64(secs.max(0.0))
}

/// CPU time (user + system) this process has used, from `/proc/self/stat`;
/// `None` where there is no such file (then the wall clock is used).
///
/// The hang limit is CPU time, not wall time: at `nice -n 19` on the shared
/// 2-core machine, an annotate input that takes 0.9 s of CPU was called a
/// hang after 10 s of wall time in which the process got 9% of a core.
pub fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // fields after the command name (which may hold spaces) in parentheses
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 here
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // clock ticks are 100 a second on Linux (USER_HZ)
    Some(Duration::from_millis(ticks * 10))
}

/// Time spent so far: CPU time when it can be read, else wall time since `origin`.
fn clock(origin: Instant) -> Duration {
    cpu_time().unwrap_or_else(|| origin.elapsed())
}

/// Which clock a run's budget is counted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spend {
    /// Wall-clock time since the run started.
    Wall,
    /// CPU time the run's process used (wall time where it cannot be read):
    /// on a loaded machine a target gets its full budget of work, however
    /// long that takes.
    Cpu,
}

/// Run `f` on mutated inputs for `budget` of wall time; see [`fuzz_spending`].
pub fn fuzz(
    target: &'static str,
    seeds: &[Vec<u8>],
    budget: Duration,
    seed: u64,
    f: impl Fn(&[u8]),
) -> Report {
    fuzz_spending(target, seeds, (budget, Spend::Wall), seed, f)
}

/// Run `f` on mutated inputs until `budget` is spent on its clock. A watchdog saves an input that
/// runs past [`HANG`] of CPU time (see [`cpu_time`]) and aborts the process
/// (a hang cannot be interrupted in-process); panics are caught, saved and
/// counted.
pub fn fuzz_spending(
    target: &'static str,
    seeds: &[Vec<u8>],
    (budget, spend): (Duration, Spend),
    seed: u64,
    f: impl Fn(&[u8]),
) -> Report {
    let current: Arc<Mutex<Vec<u8>>> = Arc::new(Mutex::new(Vec::new()));
    let started_ms = Arc::new(AtomicU64::new(u64::MAX));
    let done = Arc::new(AtomicBool::new(false));
    let origin = Instant::now();
    let watchdog = {
        let (current, started_ms, done) = (current.clone(), started_ms.clone(), done.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(200));
                let s = started_ms.load(Ordering::Relaxed);
                if s != u64::MAX && clock(origin).as_millis() as u64 > s + HANG.as_millis() as u64 {
                    let input = current.lock().map(|c| c.clone()).unwrap_or_default();
                    let path = save(target, "hang", &input);
                    eprintln!(
                        "fuzz {target}: an input ran over {HANG:?}; saved to {}",
                        path.display()
                    );
                    std::process::abort();
                }
            }
        })
    };
    let mut rng = Rng::new(seed);
    let mut report = Report {
        target,
        execs: 0,
        slowest: Duration::ZERO,
        elapsed: Duration::ZERO,
        cpu: None,
        findings: Vec::new(),
    };
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let run_start = Instant::now();
    let cpu_start = cpu_time();
    let spent = || match (spend, cpu_start, cpu_time()) {
        (Spend::Cpu, Some(a), Some(b)) => b.saturating_sub(a),
        _ => run_start.elapsed(),
    };
    let mut k = 0usize;
    while spent() < budget || k < seeds.len() {
        // the seeds themselves first, then mutants
        let input = if k < seeds.len() {
            seeds[k].clone()
        } else {
            mutate(&mut rng, seeds)
        };
        k += 1;
        if let Ok(mut c) = current.lock() {
            c.clone_from(&input);
        }
        let t = clock(origin);
        started_ms.store(t.as_millis() as u64, Ordering::Relaxed);
        let outcome = catch_unwind(AssertUnwindSafe(|| f(&input)));
        let took = clock(origin).saturating_sub(t);
        started_ms.store(u64::MAX, Ordering::Relaxed);
        report.execs += 1;
        report.slowest = report.slowest.max(took);
        if outcome.is_err() {
            report.findings.push(save(target, "crash", &input));
        }
    }
    std::panic::set_hook(quiet);
    done.store(true, Ordering::Relaxed);
    let _ = watchdog.join();
    report.elapsed = run_start.elapsed();
    report.cpu = cpu_start.zip(cpu_time()).map(|(a, b)| b.saturating_sub(a));
    report
}

/// The saved regression inputs of a target (`regressions/<target>/*`).
pub fn regressions(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("regressions")
        .join(target);
    let mut out: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b)))
        .collect();
    out.sort();
    out
}

/// Peak resident memory of this process so far, in kB (Linux), if known.
pub fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_time_counts_work_not_waiting() {
        let Some(start) = cpu_time() else {
            eprintln!("no /proc/self/stat here: the watchdog uses wall time");
            return;
        };
        // sleeping uses no CPU time
        std::thread::sleep(Duration::from_millis(300));
        let slept = cpu_time().unwrap().saturating_sub(start);
        assert!(slept < Duration::from_millis(200), "{slept:?}");
        // work does (spin until a clock tick or more is counted)
        let before = cpu_time().unwrap();
        let wall = Instant::now();
        let mut x = 1u64;
        while cpu_time().unwrap() <= before && wall.elapsed() < Duration::from_secs(60) {
            for i in 0..100_000u64 {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(i);
            }
        }
        assert!(x != 0 || cpu_time().unwrap() > before);
        assert!(cpu_time().unwrap() > before);
    }
}
