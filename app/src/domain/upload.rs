//! Uploaded files: which kinds are accepted, recognised by their first bytes (never by the name
//! or the type the browser claims), and how large they may be.

use serde::{Deserialize, Serialize};

/// The largest file accepted: 10 MB.
pub const MAX_UPLOAD: usize = 10 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    Pdf,
    Jpeg,
    Png,
    Webp,
}

impl FileKind {
    /// The kind of a file from its first bytes, or `None` for anything else.
    pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
        if bytes.starts_with(b"%PDF-") {
            Some(FileKind::Pdf)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(FileKind::Jpeg)
        } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            Some(FileKind::Png)
        } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
            Some(FileKind::Webp)
        } else {
            None
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
            FileKind::Webp => "image/webp",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Jpeg => "jpg",
            FileKind::Png => "png",
            FileKind::Webp => "webp",
        }
    }

    pub fn from_extension(ext: &str) -> Option<FileKind> {
        [FileKind::Pdf, FileKind::Jpeg, FileKind::Png, FileKind::Webp]
            .into_iter()
            .find(|k| k.extension() == ext)
    }

    pub fn is_picture(self) -> bool {
        self != FileKind::Pdf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_known_by_their_first_bytes() {
        assert_eq!(FileKind::sniff(b"%PDF-1.7\n..."), Some(FileKind::Pdf));
        assert_eq!(FileKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), Some(FileKind::Jpeg));
        assert_eq!(
            FileKind::sniff(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0]),
            Some(FileKind::Png)
        );
        assert_eq!(FileKind::sniff(b"RIFF\x10\x00\x00\x00WEBPVP8 "), Some(FileKind::Webp));
        // a script named cover.png is still a script
        assert_eq!(FileKind::sniff(b"<script>alert(1)</script>"), None);
        assert_eq!(FileKind::sniff(b"RIFF\x10\x00\x00\x00WAVE"), None);
        assert_eq!(FileKind::sniff(b""), None);
        assert!(!FileKind::Pdf.is_picture() && FileKind::Webp.is_picture());
    }
}
