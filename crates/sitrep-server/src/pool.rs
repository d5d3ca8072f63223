//! A small pool of read-only store connections, used from blocking threads.

use sitrep_store::Db;
use std::path::Path;
use std::sync::Mutex;

/// Idle connections beyond this many are closed when returned.
const MAX_IDLE: usize = 64;

pub struct Pool {
    /// The store: an SQLite file or a PostgreSQL URL.
    spec: String,
    idle: Mutex<Vec<Db>>,
}

impl Pool {
    /// Open one connection to an SQLite file now so that a bad path or
    /// schema fails at start.
    pub fn new(path: &Path) -> anyhow::Result<Self> {
        Self::for_db(&path.to_string_lossy())
    }

    /// Open one connection to a store named as `--db` names it (a file or a
    /// PostgreSQL URL) now, so that a bad store fails at start.
    pub fn for_db(spec: &str) -> anyhow::Result<Self> {
        let first = Self::open(spec)?;
        Ok(Pool {
            spec: spec.to_string(),
            idle: Mutex::new(vec![first]),
        })
    }

    fn open(spec: &str) -> anyhow::Result<Db> {
        // The server never writes: the store is opened read-only.
        Db::open_read_only(spec)
    }

    /// Run `f` with a connection (blocking; call from `spawn_blocking`).
    pub fn with<T>(&self, f: impl FnOnce(&Db) -> T) -> anyhow::Result<T> {
        let conn = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let conn = match conn {
            Some(c) => c,
            None => Self::open(&self.spec)?,
        };
        let out = f(&conn);
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < MAX_IDLE {
            idle.push(conn);
        }
        Ok(out)
    }
}
