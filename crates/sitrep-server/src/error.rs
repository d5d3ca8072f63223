//! Errors as HTTP answers: JSON for the API, a page for the pages.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

#[derive(Debug)]
pub struct AppError {
    pub status: StatusCode,
    pub message: String,
    /// Answer with an HTML page rather than JSON.
    pub html: bool,
}

impl AppError {
    pub fn bad_request(message: impl Into<String>) -> Self {
        AppError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
            html: false,
        }
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        AppError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
            html: false,
        }
    }
    /// A store error: a full-text query the index cannot read is the
    /// client's fault (400, with a short reason); anything else is the
    /// server's (500), logged in full but answered without the database's
    /// own message.
    pub fn from_store(e: anyhow::Error) -> Self {
        if let Some(reason) = sitrep_store::text_query_error(&e) {
            return AppError::bad_request(format!(
                "text: not a valid FTS5 query ({reason}); leave out text_syntax=fts5 to search plain words"
            ));
        }
        eprintln!("sitrep: serve: {e:#}");
        AppError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "internal error reading the store (details in the server log)".into(),
            html: false,
        }
    }
    pub fn as_html(mut self) -> Self {
        self.html = true;
        self
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if self.html {
            let body = crate::html::error_page(self.status, &self.message);
            (
                self.status,
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                body,
            )
                .into_response()
        } else {
            let body = serde_json::json!({"error": self.message, "status": self.status.as_u16()});
            (
                self.status,
                [(header::CONTENT_TYPE, "application/json")],
                body.to_string(),
            )
                .into_response()
        }
    }
}
