//! Uploaded files on disk: checked (size, kind from the first bytes), stored under
//! `UPLOAD_DIR/<folder>` with random names outside the web root, and read back only by a name this
//! code made. Event covers, product certificates and photos, producers' logos, application
//! documents, the evidence of outcomes and the photos of points of sale use it.

use super::error::{field, ServiceError};
use crate::{
    backend::{auth::token, db, db::Tx, AppState, ServerError},
    domain::{
        upload::{FileKind, MAX_UPLOAD},
        Lang,
    },
};

/// The folders uploads are stored in.
pub const FOLDERS: [&str; 6] = ["covers", "logos", "products", "applications", "evidence", "points"];

/// Refuses an upload of `size` bytes that would take the producer past its quota
/// (`Config::upload_quota_files`, `upload_quota_bytes`), beside the file field, in the reader's
/// language.
pub async fn within_quota(
    state: &AppState,
    tx: &mut Tx,
    producer_id: i64,
    size: usize,
    lang: Lang,
) -> Result<(), ServiceError> {
    let (count, bytes) = db::files::usage_of_producer(tx, producer_id).await?;
    let size = i64::try_from(size).unwrap_or(i64::MAX);
    let (max_files, max_bytes) = (state.config.upload_quota_files, state.config.upload_quota_bytes);
    if count >= max_files || bytes.saturating_add(size) > max_bytes {
        let mb = max_bytes / (1024 * 1024);
        return Err(field(
            "file",
            match lang {
                Lang::Vi => format!(
                    "Đơn vị đã dùng hết dung lượng lưu trữ ({max_files} tệp, {mb} MB). Hãy xóa bớt tệp cũ rồi tải lên lại."
                ),
                Lang::En => format!(
                    "Your organisation has used all its storage ({max_files} files, {mb} MB). Remove some old files, then upload again."
                ),
            },
        ));
    }
    Ok(())
}

/// Removes the files under `UPLOAD_DIR` that no row names any more and that are older than
/// `older_than` (a younger one may be an upload whose row is still being written). A sweep after
/// a crash between writing a file and its row, or a removal whose file could not be deleted.
/// Returns how many files it removed.
pub async fn sweep_orphans(state: &AppState, older_than: std::time::Duration) -> Result<usize, ServerError> {
    let mut removed = 0;
    for folder in FOLDERS {
        let known: std::collections::HashSet<String> =
            db::files::known_names(&state.db, folder).await?.into_iter().collect();
        let Ok(mut entries) = tokio::fs::read_dir(state.config.upload_dir.join(folder)).await else {
            continue;
        };
        while let Ok(Some(entry)) = entries.next_entry().await {
            let name = entry.file_name().to_string_lossy().to_string();
            let old = entry
                .metadata()
                .await
                .ok()
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > older_than);
            if is_stored_name(&name)
                && old
                && !known.contains(&name)
                && tokio::fs::remove_file(entry.path()).await.is_ok()
            {
                removed += 1;
            }
        }
    }
    Ok(removed)
}

/// What a form field accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accept {
    /// JPEG, PNG or WebP.
    Picture,
    /// A PDF or a picture (a scanned certificate).
    Document,
}

/// Checks an upload for `field_name`: at most 10 MB, and a kind `accept` allows, read from its
/// first bytes (never from its name or the type the browser claims).
pub fn check(bytes: &[u8], accept: Accept, field_name: &str, lang: Lang) -> Result<FileKind, ServiceError> {
    if bytes.is_empty() {
        return Err(field(
            field_name,
            lang.tr("Vui lòng chọn một tệp.", "Please choose a file."),
        ));
    }
    if bytes.len() > MAX_UPLOAD {
        return Err(field(
            field_name,
            lang.tr("Tệp lớn hơn 10 MB.", "The file is larger than 10 MB."),
        ));
    }
    match (FileKind::sniff(bytes), accept) {
        (Some(k), Accept::Document) => Ok(k),
        (Some(k), Accept::Picture) if k.is_picture() => Ok(k),
        (_, Accept::Picture) => Err(field(
            field_name,
            lang.tr("Chỉ nhận ảnh JPEG, PNG hoặc WebP.", "Only JPEG, PNG or WebP pictures."),
        )),
        (_, Accept::Document) => Err(field(
            field_name,
            lang.tr(
                "Chỉ nhận tệp PDF hoặc ảnh JPEG, PNG, WebP.",
                "Only PDF files or JPEG, PNG, WebP pictures.",
            ),
        )),
    }
}

/// A name [`store`] made: 32 hex digits and a known extension. Nothing else is ever read.
pub fn is_stored_name(name: &str) -> bool {
    name.split_once('.').is_some_and(|(stem, ext)| {
        stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()) && FileKind::from_extension(ext).is_some()
    })
}

/// Writes a checked file under a new random name and returns the name.
pub async fn store(state: &AppState, folder: &str, bytes: &[u8], kind: FileKind) -> Result<String, ServerError> {
    let dir = state.config.upload_dir.join(folder);
    let secret = token::new_token().map_err(|e| ServerError::Config(format!("no randomness: {e}")))?;
    let name = format!("{}.{}", &secret[..32], kind.extension());
    let write = async {
        tokio::fs::create_dir_all(&dir).await?;
        tokio::fs::write(dir.join(&name), bytes).await
    };
    write
        .await
        .map_err(|e| ServerError::Config(format!("cannot store an upload in {}: {e}", dir.display())))?;
    Ok(name)
}

/// A stored file's bytes and kind; `None` for a name [`store`] did not make or a missing file.
pub async fn read(state: &AppState, folder: &str, name: &str) -> Option<(Vec<u8>, FileKind)> {
    let kind = name
        .rsplit_once('.')
        .and_then(|(_, ext)| FileKind::from_extension(ext))
        .filter(|_| is_stored_name(name))?;
    let bytes = tokio::fs::read(state.config.upload_dir.join(folder).join(name))
        .await
        .ok()?;
    Some((bytes, kind))
}

/// Removes a stored file (after the database no longer names it); a failure only leaves litter.
pub async fn remove(state: &AppState, folder: &str, name: &str) {
    if is_stored_name(name) {
        let _ = tokio::fs::remove_file(state.config.upload_dir.join(folder).join(name)).await;
    }
}
