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
    /// A store error: a malformed full-text query is the client's fault,
    /// anything else the server's.
    pub fn from_store(e: anyhow::Error) -> Self {
        let text = format!("{e:#}");
        if text.contains("fts5") || text.contains("unterminated string") {
            return AppError::bad_request(format!("text: not a valid full-text query ({text})"));
        }
        AppError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: text,
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
        if self.status.is_server_error() {
            eprintln!("sitrep: serve: {}", self.message);
        }
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
