//! Bytes → text. Honours a byte-order mark, then a page's declared charset
//! (`<meta charset>`, `http-equiv`), then UTF-8, then statistical detection
//! (windows-1252, Latin-1, UTF-16 without BOM, ...). Recognises binary files
//! so they can be skipped by name. It never panics on invalid bytes and never
//! parses markup beyond the charset declaration.

use crate::summary::SkipReason;
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
use std::borrow::Cow;

/// How many leading bytes are searched for a charset declaration.
const PRESCAN: usize = 4096;

/// Signatures of common binary formats that get saved with a wrong name.
const MAGIC: &[&[u8]] = &[
    b"\x89PNG",
    b"GIF87a",
    b"GIF89a",
    b"\xFF\xD8\xFF",
    b"%PDF",
    b"PK\x03\x04",
    b"\x1F\x8B",
    b"BZh",
    b"\x7FELF",
    b"RIFF",
    b"\x00\x00\x01\x00",
    b"OggS",
    b"ID3",
];

/// Decodes a file's bytes to text (borrowed when they are UTF-8 already).
/// `html` turns on the charset prescan.
///
/// Errors name why the file is not text: [`SkipReason::Empty`] or
/// [`SkipReason::Binary`].
pub fn to_text(bytes: &[u8], html: bool) -> Result<Cow<'_, str>, SkipReason> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(SkipReason::Empty);
    }
    // Byte-order marks win over everything.
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return finish(text);
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return finish(text);
    }
    if MAGIC.iter().any(|m| bytes.starts_with(m)) || looks_binary(bytes) {
        return Err(SkipReason::Binary);
    }
    if html && let Some(enc) = declared_charset(&bytes[..bytes.len().min(PRESCAN)]) {
        // A page that says UTF-8 but is not gets detected instead; any other
        // declaration is trusted, as browsers do.
        if enc != UTF_8 {
            let (text, _) = enc.decode_without_bom_handling(bytes);
            return finish(text);
        }
    }
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return finish(Cow::Borrowed(s));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _) = enc.decode_without_bom_handling(bytes);
    finish(text)
}

fn finish(mut text: Cow<'_, str>) -> Result<Cow<'_, str>, SkipReason> {
    if memchr::memchr(0, text.as_bytes()).is_some() {
        text.to_mut().retain(|c| c != '\0');
    }
    if text.trim().is_empty() {
        return Err(SkipReason::Empty);
    }
    Ok(text)
}

/// UTF-16 text saved without a BOM shows as every other byte NUL in the
/// ASCII range.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(1024) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nul * 10 >= pairs * 7 && even_nul * 10 <= pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 10 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Many control bytes (over 5% of the first 8 KiB, not counting
/// tab/CR/LF/FF/ESC) mean the file is not text: random or compressed bytes
/// have about 10%, while a page with a few stray backspaces or bells is
/// still a page. NUL bytes are judged apart: text with stray NULs (a
/// save padded or damaged by a crash) is still text, with the NULs removed
/// later; binary formats are full of the other control bytes too, and a file
/// that is mostly NUL holds nothing to read.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let nuls = sample.iter().filter(|&&b| b == 0).count();
    let controls = sample
        .iter()
        .filter(|&&b| b != 0 && b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    controls * 20 > sample.len()
        || nuls * 10 > sample.len() * 3
        || (controls + nuls > 0 && sample.len() < 64)
}

/// The encoding a page declares in `<meta charset=…>` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">`, or an XML
/// declaration's `encoding="…"`.
pub fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = memchr::memmem::find(&lower[from..], b"charset") {
        let at = from + pos + b"charset".len();
        from = at;
        let rest = &lower[at..];
        let rest = trim_start(rest);
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = trim_start(rest);
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .unwrap_or(rest.len());
        if let Some(enc) = Encoding::for_label(&rest[..end]) {
            // A page cannot really be UTF-16 if the declaration was readable as ASCII.
            return Some(if enc == UTF_16LE || enc == UTF_16BE {
                UTF_8
            } else {
                enc
            });
        }
    }
    if let Some(pos) = memchr::memmem::find(&lower, b"<?xml") {
        let decl = &lower[pos..lower.len().min(pos + 200)];
        if let Some(e) = memchr::memmem::find(decl, b"encoding=") {
            let rest = &decl[e + 9..];
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let end = rest
                .iter()
                .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_')))
                .unwrap_or(rest.len());
            return Encoding::for_label(&rest[..end]);
        }
    }
    None
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        assert_eq!(to_text("Grüße".as_bytes(), false).unwrap(), "Grüße");
    }

    #[test]
    fn empty_and_blank_are_empty() {
        assert_eq!(to_text(b"", false), Err(SkipReason::Empty));
        assert_eq!(to_text(b"  \n\t ", true), Err(SkipReason::Empty));
    }

    #[test]
    fn png_named_html_is_binary() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
        assert_eq!(to_text(png, true), Err(SkipReason::Binary));
    }

    #[test]
    fn random_binary_is_binary() {
        let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
        assert_eq!(to_text(&bytes, false), Err(SkipReason::Binary));
    }

    #[test]
    fn windows_1252_without_charset_is_detected() {
        // "Café – naïve “quotes”" in windows-1252.
        let bytes = b"<p>Caf\xe9 \x96 na\xefve \x93quotes\x94 and the d\xe9j\xe0 vu of the r\xe9sum\xe9</p>";
        let text = to_text(bytes, true).unwrap();
        assert!(text.contains("Café – naïve “quotes”"), "{text}");
    }

    #[test]
    fn declared_charset_is_honoured() {
        let bytes = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body>Stra\xdfe</body></html>";
        assert!(to_text(bytes, true).unwrap().contains("Straße"));
        let bytes = b"<meta charset='windows-1252'><p>\x93Hi\x94</p>";
        assert!(to_text(bytes, true).unwrap().contains("“Hi”"));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let s = "<p>Hello, wörld</p>";
        let mut le: Vec<u8> = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(to_text(&le, true).unwrap(), s);
        let be: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(to_text(&be, true).unwrap(), s);
        let le_nobom: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(to_text(&le_nobom, true).unwrap(), s);
    }

    #[test]
    fn invalid_utf8_never_panics() {
        let bytes = b"ok \xff\xfe\xfd bytes \xc3";
        assert!(to_text(bytes, false).is_ok());
    }

    #[test]
    fn text_with_many_stray_nuls_is_text() {
        let text =
            b"Nul title\n\nSome text with a NUL\x00 byte in the middle of a sentence.\n".repeat(3);
        let out = to_text(&text, false).unwrap();
        assert!(out.contains("NUL byte") && !out.contains('\0'), "{out}");
        // Mostly NUL (a preallocated, never written download) is not text.
        let mut zeros = vec![0u8; 4096];
        zeros[..5].copy_from_slice(b"Title");
        assert_eq!(to_text(&zeros, false), Err(SkipReason::Binary));
    }

    #[test]
    fn stray_nul_is_removed_not_fatal() {
        let mut text = "A long enough clipping with one stray NUL byte in it. "
            .repeat(5)
            .into_bytes();
        text.insert(20, 0);
        let out = to_text(&text, false).unwrap();
        assert!(!out.contains('\0'));
    }
}
