//! How a page's data travels inside the HTML for hydration: JSON written with ASCII only.
//!
//! Leptos writes each resolved resource into the page as a JavaScript string literal made with
//! Rust's `{:?}`, which looks every non-ASCII character up in Unicode tables (`is_printable`,
//! `grapheme_extend`). With Vietnamese text that was a quarter of the calendar page's server CPU
//! (docs/benchmarks.md). Writing the JSON with `\uXXXX` escapes instead makes that step a copy;
//! the browser's `serde_json` reads the escapes back.

use std::{future::Future, io};

use leptos::{prelude::*, server::codee};
use serde::{de::DeserializeOwned, Serialize};

/// JSON with every non-ASCII character escaped (`\u1ea1`, surrogate pairs beyond the BMP).
pub struct AsciiJson;

impl<T: Serialize> codee::Encoder<T> for AsciiJson {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(val: &T) -> Result<String, serde_json::Error> {
        let mut out = Vec::with_capacity(4096);
        val.serialize(&mut serde_json::Serializer::with_formatter(&mut out, AsciiOnly))?;
        // every byte written is ASCII, so this never replaces anything
        Ok(String::from_utf8_lossy(&out).into_owned())
    }
}

impl<T: DeserializeOwned> codee::Decoder<T> for AsciiJson {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(val: &str) -> Result<T, serde_json::Error> {
        serde_json::from_str(val)
    }
}

/// serde_json's compact output, with non-ASCII characters in strings escaped.
struct AsciiOnly;

impl serde_json::ser::Formatter for AsciiOnly {
    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let bytes = fragment.as_bytes();
        let (mut start, mut i) = (0, 0);
        while i < bytes.len() {
            if bytes[i].is_ascii() {
                i += 1;
                continue;
            }
            // runs of ASCII go out as they are; a character starts here (the fragment is UTF-8)
            writer.write_all(&bytes[start..i])?;
            let Some(c) = fragment[i..].chars().next() else { break };
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let u = usize::from(*unit);
                writer.write_all(&[
                    b'\\',
                    b'u',
                    HEX[u >> 12 & 15],
                    HEX[u >> 8 & 15],
                    HEX[u >> 4 & 15],
                    HEX[u & 15],
                ])?;
            }
            i += c.len_utf8();
            start = i;
        }
        writer.write_all(&bytes[start..])
    }
}

/// A page's resource (as `Resource::new`), sent inside the page as [`AsciiJson`].
#[track_caller]
pub fn page_data<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Resource<T, AsciiJson>
where
    S: Send + Sync + Clone + PartialEq + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use codee::{Decoder, Encoder};

    #[test]
    fn vietnamese_text_goes_out_as_ascii_and_comes_back_the_same() {
        let value = vec![
            "Hội chợ OCOP Đắk Lắk 2026".to_string(),
            "cà phê \"Buôn Ma Thuột\" </script> 😀 \\ \n".to_string(),
        ];
        let json = <AsciiJson as Encoder<Vec<String>>>::encode(&value).unwrap();
        assert!(json.is_ascii(), "{json}");
        assert!(json.contains("H\\u1ed9i ch\\u1ee3"), "{json}");
        assert!(json.contains("\\ud83d\\ude00"), "a surrogate pair: {json}");
        let back: Vec<String> = <AsciiJson as Decoder<Vec<String>>>::decode(&json).unwrap();
        assert_eq!(back, value);
        // the same value as plain JSON reads the same
        assert_eq!(
            serde_json::from_str::<Vec<String>>(&serde_json::to_string(&value).unwrap()).unwrap(),
            back
        );
    }
}
