//! Files over HTTP: the staff upload an event's cover picture with a plain multipart form (it works
//! without JavaScript), and anyone reads a public event's cover. Uploads have their own body limit
//! (10 MB and a little for the form), larger than the 64 KB of everything else.

use axum::{
    extract::{Extension, Multipart, Path, State},
    http::{header, HeaderValue, StatusCode},
    response::{Html, IntoResponse, Redirect, Response},
};

use crate::ServerState;
use app::{
    backend::{
        auth::{Denied, RequestInfo},
        services::{accounts::AccountError, planning},
    },
    domain::upload::MAX_UPLOAD,
};

/// The body limit of an upload request: the file and its multipart wrapping.
pub const MAX_UPLOAD_BODY: usize = MAX_UPLOAD + 64 * 1024;

fn page(status: StatusCode, message: &str, back: &str) -> Response {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let body = format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Xúc tiến Thương mại Đắk Lắk</title>\
         <link rel=\"stylesheet\" href=\"/pkg/xttm.css\"></head><body><main class=\"wrap\"><section class=\"message\" role=\"alert\">\
         <p>{}</p><p><a href=\"{}\">← Quay lại / Back</a></p></section></main></body></html>",
        esc(message),
        esc(back)
    );
    (status, Html(body)).into_response()
}

fn refusal(e: AccountError, lang: app::domain::Lang, back: &str) -> Response {
    match e {
        AccountError::Fields(f) => {
            let message = f.into_iter().map(|f| f.message).collect::<Vec<_>>().join(" ");
            page(StatusCode::BAD_REQUEST, &message, back)
        }
        AccountError::Refused(m) => page(StatusCode::BAD_REQUEST, &m, back),
        AccountError::Denied(Denied::SignInNeeded) => {
            page(StatusCode::UNAUTHORIZED, lang.a().sign_in_needed, "/dang-nhap")
        }
        AccountError::Denied(Denied::Forbidden) => page(StatusCode::FORBIDDEN, lang.a().forbidden, "/"),
        AccountError::NotFound | AccountError::TooMany(_) => page(StatusCode::NOT_FOUND, lang.t().not_found_body, "/"),
        AccountError::Server(e) => {
            let reference = app::backend::log_failure(&e);
            let t = lang.t();
            page(
                StatusCode::SERVICE_UNAVAILABLE,
                &format!("{} {}: {reference}", t.error_body, t.error_reference),
                back,
            )
        }
    }
}

/// `POST /can-bo/su-kien/{id}/anh-bia` with a `cover` file field.
pub async fn upload_cover(
    State(state): State<ServerState>,
    Extension(info): Extension<RequestInfo>,
    Path(event_id): Path<i64>,
    mut form: Multipart,
) -> Response {
    let back = format!("/can-bo/su-kien/{event_id}");
    let lang = info.lang;
    if info.staff().is_err() {
        return refusal(
            AccountError::Denied(info.staff().err().unwrap_or(Denied::Forbidden)),
            lang,
            &back,
        );
    }
    let mut bytes = None;
    loop {
        match form.next_field().await {
            Ok(Some(field)) if field.name() == Some("cover") => match field.bytes().await {
                Ok(b) => bytes = Some(b),
                Err(_) => {
                    return page(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        lang.tr("Tệp lớn hơn 10 MB.", "The file is larger than 10 MB."),
                        &back,
                    )
                }
            },
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => {
                return page(
                    StatusCode::BAD_REQUEST,
                    lang.tr("Không đọc được tệp gửi lên.", "The upload could not be read."),
                    &back,
                )
            }
        }
    }
    let Some(bytes) = bytes.filter(|b| !b.is_empty()) else {
        return page(
            StatusCode::BAD_REQUEST,
            lang.tr("Vui lòng chọn một ảnh.", "Please choose a picture."),
            &back,
        );
    };
    if bytes.len() > MAX_UPLOAD {
        return page(
            StatusCode::PAYLOAD_TOO_LARGE,
            lang.tr("Tệp lớn hơn 10 MB.", "The file is larger than 10 MB."),
            &back,
        );
    }
    match planning::set_cover(&state.app, &info, event_id, &bytes).await {
        Ok(()) => Redirect::to(&back).into_response(),
        Err(e) => refusal(e, lang, &back),
    }
}

/// `GET /su-kien/{id}/anh-bia`: the picture, with its type from its first bytes and `nosniff`.
pub async fn cover(
    State(state): State<ServerState>,
    Extension(info): Extension<RequestInfo>,
    Path(event_id): Path<i64>,
) -> Response {
    match planning::cover(&state.app, &info, event_id).await {
        Ok((bytes, kind)) => {
            let mut res = bytes.into_response();
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind.mime()));
            h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
            if let Ok(v) =
                HeaderValue::from_str(&format!("inline; filename=\"su-kien-{event_id}.{}\"", kind.extension()))
            {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            res
        }
        Err(e) => refusal(e, info.lang, "/"),
    }
}
