//! Errors as the API answers them: a status and `{"error": "message"}`,
//! the message saying what was wrong and what to do.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    /// 400: the request's parameters are at fault.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    /// 404: no such event, report or actor.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }

    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
        }
    }
}

impl From<watchfloor_store::Error> for ApiError {
    fn from(e: watchfloor_store::Error) -> ApiError {
        use watchfloor_store::Error as E;
        let status = match &e {
            E::Query { .. } => StatusCode::BAD_REQUEST,
            // The store went away or is held by a long write: try later.
            E::Missing(_) | E::Busy { .. } | E::TooOld { .. } => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError {
            status,
            message: e.to_string(),
        }
    }
}

impl From<watchfloor_store::FilterError> for ApiError {
    fn from(e: watchfloor_store::FilterError) -> ApiError {
        ApiError::bad_request(e.message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = axum::Json(serde_json::json!({ "error": self.message }));
        (self.status, body).into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
