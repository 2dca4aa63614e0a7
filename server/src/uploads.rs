//! Files over HTTP: the staff upload an event's cover picture with a plain multipart form (it works
//! without JavaScript), and anyone reads a public event's cover. Uploads have their own body limit
//! (10 MB and a little for the form), larger than the 64 KB of everything else.

use axum::{
    extract::{Extension, Multipart, Path, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
};

use crate::{
    answer::{page, refusal},
    ServerState,
};
use app::domain::paths;
use app::{
    backend::{
        auth::RequestInfo,
        services::{applications, catalogue, outcomes, planning, sale_points, ServiceError},
    },
    domain::{
        ids::{ApplicationId, EventId},
        upload::{FileKind, MAX_UPLOAD},
    },
};

/// The body limit of an upload request: the file and its multipart wrapping.
pub const MAX_UPLOAD_BODY: usize = MAX_UPLOAD + 64 * 1024;

/// A plain multipart form as read: the bytes of its file field (empty when none was chosen), the
/// name the file had, and the other fields as text.
struct Upload {
    bytes: Vec<u8>,
    file_name: String,
    fields: Vec<(String, String)>,
}

/// Reads a plain multipart form with the file field `file_field`. A refusal comes back as the page
/// to answer with.
async fn read_form(
    form: &mut Multipart,
    file_field: &str,
    lang: app::domain::Lang,
    back: &str,
) -> Result<Upload, Response> {
    let too_large = || {
        page(
            lang,
            StatusCode::PAYLOAD_TOO_LARGE,
            lang.tr("Tệp lớn hơn 10 MB.", "The file is larger than 10 MB."),
            back,
        )
    };
    let mut bytes = Vec::new();
    let mut file_name = String::new();
    let mut fields = Vec::new();
    loop {
        match form.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_string();
                if name == file_field {
                    file_name = field.file_name().unwrap_or_default().to_string();
                    bytes = field.bytes().await.map_err(|_| too_large())?.to_vec();
                } else if let Ok(text) = field.text().await {
                    fields.push((name, text));
                }
            }
            Ok(None) => break,
            Err(_) => {
                return Err(page(
                    lang,
                    StatusCode::BAD_REQUEST,
                    lang.tr("Không đọc được tệp gửi lên.", "The upload could not be read."),
                    back,
                ))
            }
        }
    }
    if bytes.len() > MAX_UPLOAD {
        return Err(too_large());
    }
    Ok(Upload {
        bytes,
        file_name,
        fields,
    })
}

/// `POST /can-bo/su-kien/{id}/anh-bia` with a `cover` file field.
pub async fn upload_cover(
    State(state): State<ServerState>,
    Extension(info): Extension<RequestInfo>,
    Path(event_id): Path<i64>,
    mut form: Multipart,
) -> Response {
    let back = paths::staff_event(event_id);
    let lang = info.lang;
    if let Err(denied) = info.staff() {
        return refusal(ServiceError::Denied(denied), lang, &back);
    }
    let bytes = match read_form(&mut form, "cover", lang, &back).await {
        Ok(upload) => upload.bytes,
        Err(page) => return page,
    };
    match planning::set_cover(&state.app, &info, event_id, &bytes).await {
        Ok(()) => Redirect::to(&back).into_response(),
        Err(e) => refusal(e, lang, &back),
    }
}

/// `POST /tai-len/san-pham/{id}`: a producer adds a certificate scan or a photo (`kind`, `file`).
pub async fn upload_product_file(
    State(state): State<ServerState>,
    Extension(info): Extension<RequestInfo>,
    Path(product_id): Path<i64>,
    mut form: Multipart,
) -> Response {
    let back = paths::MY_PRODUCTS;
    let lang = info.lang;
    if let Err(denied) = info.producer() {
        return refusal(ServiceError::Denied(denied), lang, back);
    }
    let upload = match read_form(&mut form, "file", lang, back).await {
        Ok(read) => read,
        Err(page) => return page,
    };
    let kind = upload
        .fields
        .iter()
        .find(|f| f.0 == "kind")
        .map(|f| f.1.as_str())
        .unwrap_or_default();
    match catalogue::add_product_file(&state.app, &info, product_id, kind, &upload.bytes).await {
        Ok(()) => Redirect::to(back).into_response(),
        Err(e) => refusal(e, lang, back),
    }
}

/// `POST /can-bo/diem-ban/{id}/anh`: staff add a photo (`file`) to a point of sale; back to its
/// form in the register.
pub async fn upload_sale_point_photo(
    State(state): State<ServerState>,
    Extension(info): Extension<RequestInfo>,
    Path(point_id): Path<i64>,
    mut form: Multipart,
) -> Response {
    let back = format!("{}?sua={point_id}", paths::STAFF_SALE_POINTS);
    let lang = info.lang;
    if let Err(denied) = info.staff() {
        return refusal(ServiceError::Denied(denied), lang, &back);
    }
    let bytes = match read_form(&mut form, "file", lang, &back).await {
        Ok(upload) => upload.bytes,
        Err(page) => return page,
    };
    match sale_points::add_photo(&state.app, &info, point_id, &bytes).await {
        Ok(_) => Redirect::to(&format!("{back}&anh=1#anh-diem-ban")).into_response(),
        Err(e) => refusal(e, lang, &back),
    }
}

/// `GET /diem-ban/anh/{id}`: a photo of a point of sale, public while the point is not closed.
pub async fn sale_point_photo(
    State(state): State<ServerState>,
    Extension(info): Extension<RequestInfo>,
    Path(photo_id): Path<i64>,
) -> Response {
    match sale_points::photo(&state.app, &info, photo_id).await {
        // a closed point's photo, which staff alone see, is kept by no shared cache
        Ok((bytes, kind, public)) => file_response(bytes, kind, "inline", &format!("diem-ban-{photo_id}"), public),
        Err(e) => refusal(e, info.lang, paths::SALE_POINTS),
    }
}

/// `POST /tai-len/logo`: the producer's logo (`logo`).
pub async fn upload_logo(
    State(state): State<ServerState>,
    Extension(info): Extension<RequestInfo>,
    mut form: Multipart,
) -> Response {
    let back = paths::PRODUCER;
    let lang = info.lang;
    if let Err(denied) = info.producer() {
        return refusal(ServiceError::Denied(denied), lang, back);
    }
    let bytes = match read_form(&mut form, "logo", lang, back).await {
        Ok(upload) => upload.bytes,
        Err(page) => return page,
    };
    match catalogue::set_logo(&state.app, &info, &bytes).await {
        Ok(()) => Redirect::to(back).into_response(),
        Err(e) => refusal(e, lang, back),
    }
}

/// `POST /tai-len/ho-so/{event}/{question}`: a producer attaches a document (`file`) to their
/// application, for a question of the call that asks for one; back to the application form.
pub async fn upload_document(
    State(state): State<ServerState>,
    Extension(info): Extension<RequestInfo>,
    Path((event_id, question_id)): Path<(EventId, i64)>,
    mut form: Multipart,
) -> Response {
    let back = paths::apply(event_id.0);
    let lang = info.lang;
    if let Err(denied) = info.producer() {
        return refusal(ServiceError::Denied(denied), lang, &back);
    }
    let upload = match read_form(&mut form, "file", lang, &back).await {
        Ok(read) => read,
        Err(page) => return page,
    };
    match applications::attach_document(
        &state.app,
        &info,
        event_id,
        question_id,
        &upload.file_name,
        &upload.bytes,
    )
    .await
    {
        Ok(()) => Redirect::to(&format!("{back}?tai-len={question_id}#f-answer-{question_id}")).into_response(),
        Err(e) => refusal(e, lang, &back),
    }
}

/// `GET /tai-lieu/{application}/{question}`: a document of an application, for its producer and
/// staff only (anyone else is told it does not exist); downloaded under the name it had.
pub async fn document(
    State(state): State<ServerState>,
    Extension(info): Extension<RequestInfo>,
    Path((application_id, question_id)): Path<(ApplicationId, i64)>,
) -> Response {
    match applications::document(&state.app, &info, application_id, question_id).await {
        Ok((bytes, kind, name)) => attachment(bytes, kind, &name),
        Err(e) => refusal(e, info.lang, paths::HOME),
    }
}

/// `POST /can-bo/su-kien/{id}/minh-chung`: staff attach a file of evidence (`file`, with `caption`
/// and an optional `indicator`) to an event's outcomes; back to its outcomes page.
pub async fn upload_evidence(
    State(state): State<ServerState>,
    Extension(info): Extension<RequestInfo>,
    Path(event_id): Path<i64>,
    mut form: Multipart,
) -> Response {
    let back = paths::outcomes(event_id);
    let lang = info.lang;
    if let Err(denied) = info.staff() {
        return refusal(ServiceError::Denied(denied), lang, &back);
    }
    let upload = match read_form(&mut form, "file", lang, &back).await {
        Ok(read) => read,
        Err(page) => return page,
    };
    let field = |name: &str| {
        upload
            .fields
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    };
    match outcomes::add_evidence(
        &state.app,
        &info,
        event_id,
        (field("indicator"), field("caption")),
        (&upload.file_name, &upload.bytes),
    )
    .await
    {
        Ok(()) => Redirect::to(&format!("{back}?minh-chung=1#evidence-h")).into_response(),
        Err(e) => refusal(e, lang, &back),
    }
}

/// `GET /can-bo/minh-chung/{id}`: a file of evidence, for staff only (anyone else is told it does
/// not exist); downloaded under the name it had.
pub async fn evidence(
    State(state): State<ServerState>,
    Extension(info): Extension<RequestInfo>,
    Path(evidence_id): Path<i64>,
) -> Response {
    match outcomes::evidence_file(&state.app, &info, evidence_id).await {
        Ok((bytes, kind, name)) => attachment(bytes, kind, &name),
        Err(e) => refusal(e, info.lang, paths::HOME),
    }
}

/// A private file downloaded under the name it had (its extension from its sniffed kind).
fn attachment(bytes: Vec<u8>, kind: FileKind, name: &str) -> Response {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    file_response(bytes, kind, "attachment", stem, false)
}

/// A stored file as a response: its sniffed type, `nosniff`, and how to show it.
fn file_response(bytes: Vec<u8>, kind: FileKind, disposition: &str, name: &str, public: bool) -> Response {
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind.mime()));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if public {
            "public, max-age=3600"
        } else {
            "private, no-store"
        }),
    );
    // an ASCII name for every browser, and the real one (UTF-8, RFC 6266) for those that read it
    let ext = kind.extension();
    let ascii: String = app::domain::text::fold(name)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let utf8 = percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC);
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{disposition}; filename=\"{ascii}.{ext}\"; filename*=UTF-8''{utf8}.{ext}"
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// `GET /tep/{id}`: a product's photo (public, shown inline) or certificate (its owner and staff
/// only, downloaded; anyone else is told it does not exist).
pub async fn product_file(
    State(state): State<ServerState>,
    Extension(info): Extension<RequestInfo>,
    Path(file_id): Path<i64>,
) -> Response {
    match catalogue::product_file(&state.app, &info, file_id).await {
        Ok((bytes, kind, true)) => file_response(bytes, kind, "inline", &format!("anh-{file_id}"), true),
        Ok((bytes, kind, false)) => {
            file_response(bytes, kind, "attachment", &format!("giay-chung-nhan-{file_id}"), false)
        }
        Err(e) => refusal(e, info.lang, paths::HOME),
    }
}

/// `GET /logo/{producer id}`: a producer's logo, public.
pub async fn logo(
    State(state): State<ServerState>,
    Extension(info): Extension<RequestInfo>,
    Path(producer_id): Path<i64>,
) -> Response {
    match catalogue::logo(&state.app, producer_id).await {
        Ok((bytes, kind)) => file_response(bytes, kind, "inline", &format!("logo-{producer_id}"), true),
        Err(e) => refusal(e, info.lang, paths::HOME),
    }
}

/// `GET /su-kien/{id}/anh-bia`: the picture, with its type from its first bytes and `nosniff`.
pub async fn cover(
    State(state): State<ServerState>,
    Extension(info): Extension<RequestInfo>,
    Path(event_id): Path<i64>,
) -> Response {
    match planning::cover(&state.app, &info, event_id).await {
        Ok((bytes, kind)) => file_response(bytes, kind, "inline", &format!("su-kien-{event_id}"), true),
        Err(e) => refusal(e, info.lang, paths::HOME),
    }
}
