//! `sitrep serve`: a read-only HTTP API and web pages over a sitrep store.
//!
//! The JSON API (`/api/…`, described by `/api/openapi.json`) and the pages
//! (`/`, `/timeline`, `/events`, `/map`, `/network`, `/event/{id}`) share one
//! set of filters (date range, actor, country, CAMEO, PLOVER, story, full
//! text, document) given as query parameters. Pages are rendered on the
//! server, with a little plain JavaScript; the stylesheet, the script and the
//! country outlines of the map are compiled into the binary.

mod api;
mod error;
mod filter;
mod geo;
mod html;
mod network;
mod pages;
mod pool;
mod source;
pub mod synth;
mod timeout;

pub use error::AppError;
pub use filter::Params;
pub use pool::Pool;

use axum::http::{header, HeaderValue, StatusCode};
use axum::Router;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// Largest request body accepted (the API is read-only: requests carry none).
pub const MAX_BODY_BYTES: usize = 16 * 1024;
/// Time a request may take before it is answered 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub pool: Arc<Pool>,
}

/// The application: API, pages and assets, with limits and headers.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(api::routes())
        .merge(pages::routes())
        .with_state(state)
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
            ),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
}

/// Serve a store until interrupted (Ctrl-C). Fails if the store does not exist.
/// `db` is an SQLite file or a PostgreSQL URL; several servers may read one
/// PostgreSQL store (they keep no state of their own).
pub fn serve(db: &str, addr: SocketAddr) -> anyhow::Result<()> {
    if !sitrep_store::Db::exists(db) {
        anyhow::bail!("no store at {db} (create one with `sitrep ingest ... --db {db}`)");
    }
    let pool = Arc::new(Pool::for_db(db)?);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let local = listener.local_addr()?;
        if !local.ip().is_loopback() {
            eprintln!(
                "sitrep: warning: serving on {local}, which is not a loopback address; \
                 anyone who can reach it can read the store"
            );
        }
        // Scripts wait for this line to know the port (with --addr 127.0.0.1:0).
        eprintln!(
            "sitrep: serving {} on http://{local}/",
            sitrep_store::describe_db(db)
        );
        let listener = timeout::TimedListener {
            inner: listener,
            timeout: timeout::CONNECTION_TIMEOUT,
        };
        axum::serve(listener, router(AppState { pool }))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}
