//! A bounded load test of `sitrep serve`: N concurrent keep-alive
//! connections, each sending the same GET a fixed number of times, spread
//! over one or more servers; prints requests/s and latency percentiles.
//!
//! ```sh
//! cargo run --release -p sitrep-server --example load -- \
//!     --conns 32 --requests 50 --path '/api/events?limit=50' 127.0.0.1:8081 127.0.0.1:8082
//! ```
//!
//! Only loopback addresses are accepted: this is a tool for measuring a
//! server on this machine, and it stops by itself.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

struct Args {
    conns: usize,
    requests: usize,
    path: String,
    servers: Vec<SocketAddr>,
}

fn parse_args() -> anyhow::Result<Args> {
    let mut a = Args {
        conns: 32,
        requests: 50,
        path: "/api/events?limit=50".into(),
        servers: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(x) = it.next() {
        match x.as_str() {
            "--conns" => a.conns = it.next().unwrap_or_default().parse()?,
            "--requests" => a.requests = it.next().unwrap_or_default().parse()?,
            "--path" => a.path = it.next().unwrap_or_default(),
            s => a.servers.push(s.parse()?),
        }
    }
    anyhow::ensure!(!a.servers.is_empty(), "give at least one server address");
    anyhow::ensure!(
        a.servers.iter().all(|s| s.ip().is_loopback()),
        "only loopback addresses are load-tested"
    );
    anyhow::ensure!(
        a.conns <= 1024 && a.requests <= 100_000,
        "the load is bounded"
    );
    Ok(a)
}

/// Send one GET on a keep-alive connection and read the whole answer
/// (`Content-Length` or chunked); returns the status.
fn get(stream: &mut BufReader<TcpStream>, host: &SocketAddr, path: &str) -> anyhow::Result<u16> {
    write!(
        stream.get_mut(),
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: keep-alive\r\n\r\n"
    )?;
    let mut line = String::new();
    stream.read_line(&mut line)?;
    let status: u16 = line.split_whitespace().nth(1).unwrap_or("0").parse()?;
    let (mut len, mut chunked) = (None, false);
    loop {
        line.clear();
        stream.read_line(&mut line)?;
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        let lower = l.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            len = Some(v.trim().parse::<usize>()?);
        }
        if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
            chunked = true;
        }
    }
    if chunked {
        loop {
            line.clear();
            stream.read_line(&mut line)?;
            let n = usize::from_str_radix(line.trim(), 16)?;
            let mut buf = vec![0u8; n + 2];
            stream.read_exact(&mut buf)?;
            if n == 0 {
                break;
            }
        }
    } else if let Some(n) = len {
        let mut buf = vec![0u8; n];
        stream.read_exact(&mut buf)?;
    }
    Ok(status)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn main() -> anyhow::Result<()> {
    let a = parse_args()?;
    let start = Instant::now();
    let workers: Vec<_> = (0..a.conns)
        .map(|k| {
            let server = a.servers[k % a.servers.len()];
            let (path, n) = (a.path.clone(), a.requests);
            std::thread::spawn(move || -> anyhow::Result<(Vec<Duration>, usize)> {
                let s = TcpStream::connect_timeout(&server, Duration::from_secs(5))?;
                s.set_read_timeout(Some(Duration::from_secs(30)))?;
                let mut s = BufReader::new(s);
                let (mut times, mut errors) = (Vec::with_capacity(n), 0);
                for _ in 0..n {
                    let t = Instant::now();
                    if get(&mut s, &server, &path)? != 200 {
                        errors += 1;
                    }
                    times.push(t.elapsed());
                }
                Ok((times, errors))
            })
        })
        .collect();
    let (mut all, mut errors) = (Vec::new(), 0);
    for w in workers {
        let (t, e) = w
            .join()
            .map_err(|_| anyhow::anyhow!("a worker panicked"))??;
        all.extend(t);
        errors += e;
    }
    let wall = start.elapsed();
    all.sort();
    println!(
        "{} requests over {} connections to {} server(s) in {:.2} s: {:.0} requests/s, {} not 200; latency p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        all.len(),
        a.conns,
        a.servers.len(),
        wall.as_secs_f64(),
        all.len() as f64 / wall.as_secs_f64(),
        errors,
        percentile(&all, 0.50).as_secs_f64() * 1e3,
        percentile(&all, 0.90).as_secs_f64() * 1e3,
        percentile(&all, 0.99).as_secs_f64() * 1e3,
        all.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
    Ok(())
}
