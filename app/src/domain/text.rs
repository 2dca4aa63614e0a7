//! Text folding for search: "dak lak" finds "Đắk Lắk".
//!
//! Both the stored `search_text` column and the visitor's query go through [`fold`], so the
//! database compares like with like using a plain `like` on both SQLite and PostgreSQL.

use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// Lower-case, diacritics removed (đ → d), whitespace collapsed to single spaces.
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    for c in input.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        };
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Normalises user-entered text to NFC and trims it; the form every stored name takes.
pub fn clean(input: &str) -> String {
    input
        .trim()
        .nfc()
        .collect::<String>()
        .replace(['\u{2019}', '\u{02bc}'], "'")
}

/// Appends `s` to `out` made safe inside HTML or XML: element content and attributes in double
/// or single quotes.
pub fn push_escaped(out: &mut String, s: &str) {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

/// `s` made safe inside HTML or XML ([`push_escaped`]).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    push_escaped(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_vietnamese_diacritics_and_the_crossed_d() {
        assert_eq!(fold("Đắk Lắk"), "dak lak");
        assert_eq!(
            fold("Hội chợ Công thương – Sản phẩm OCOP"),
            "hoi cho cong thuong – san pham ocop"
        );
        assert_eq!(fold("  Buôn   Ma Thuột "), "buon ma thuot");
    }

    #[test]
    fn folding_decomposed_and_composed_input_gives_the_same_result() {
        let composed = "Krông Pắc";
        let decomposed: String = composed.nfd().collect();
        assert_ne!(composed, decomposed);
        assert_eq!(fold(composed), fold(&decomposed));
    }

    #[test]
    fn cleaning_normalises_to_nfc_and_one_apostrophe() {
        let decomposed: String = "Cư M’gar".nfd().collect();
        assert_eq!(clean(&format!("  {decomposed} ")), "Cư M'gar");
    }

    #[test]
    fn markup_characters_become_entities_and_the_rest_stays() {
        assert_eq!(
            escape_html(r#"Hội chợ "Cà phê" & <b>ca cao</b> 'Krông Pắc'"#),
            "Hội chợ &quot;Cà phê&quot; &amp; &lt;b&gt;ca cao&lt;/b&gt; &#39;Krông Pắc&#39;"
        );
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("&&"), "&amp;&amp;");
    }
}
