//! A small pool of read-only store connections, used from blocking threads.

use sitrep_store::SqliteStore;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Idle connections beyond this many are closed when returned.
const MAX_IDLE: usize = 64;

pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<SqliteStore>>,
}

impl Pool {
    /// Open one connection now so that a bad path or schema fails at start.
    pub fn new(path: &Path) -> anyhow::Result<Self> {
        let first = Self::open(path)?;
        Ok(Pool {
            path: path.to_path_buf(),
            idle: Mutex::new(vec![first]),
        })
    }

    fn open(path: &Path) -> anyhow::Result<SqliteStore> {
        // The server never writes: the file is opened read-only.
        SqliteStore::open_read_only(path)
    }

    /// Run `f` with a connection (blocking; call from `spawn_blocking`).
    pub fn with<T>(&self, f: impl FnOnce(&SqliteStore) -> T) -> anyhow::Result<T> {
        let conn = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let conn = match conn {
            Some(c) => c,
            None => Self::open(&self.path)?,
        };
        let out = f(&conn);
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < MAX_IDLE {
            idle.push(conn);
        }
        Ok(out)
    }
}
