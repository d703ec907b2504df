//! A byte-level pass over a page before it is parsed: drops the bodies of
//! `<script>`, `<style>` and `<svg>` elements and of comments, which are most
//! of a news page's bytes and never article text, so html5ever has far less
//! to tokenize. JSON-LD scripts are kept whole (they carry the metadata).
//!
//! It must not change anything else: every other byte is copied as is, and
//! cuts happen only at ASCII `<`/`>` positions, so the output stays valid
//! UTF-8 whatever the input holds.

use memchr::memmem;

/// The page without script, style and svg bodies and comments.
pub fn strip_heavy(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len() / 2);
    let mut copied = 0; // bytes before this are handled
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'<', &b[i..]) {
        let at = i + p;
        let rest = &b[at + 1..];
        if rest.starts_with(b"!--") {
            let end = memmem::find(&rest[3..], b"-->")
                .map(|e| at + 4 + e + 3)
                .unwrap_or(b.len());
            out.push_str(&text[copied..at]);
            copied = end;
            i = end;
            continue;
        }
        let tag: Option<&[u8]> = [&b"script"[..], b"style", b"svg"]
            .into_iter()
            .find(|t| starts_ci(rest, t) && rest.get(t.len()).is_some_and(|c| is_tag_end(*c)));
        let Some(tag) = tag else {
            i = at + 1;
            continue;
        };
        let open_end = memchr::memchr(b'>', &b[at..])
            .map(|e| at + e + 1)
            .unwrap_or(b.len());
        let open = &b[at..open_end];
        if tag == b"script" && memmem::find(&lower(open), b"ld+json").is_some() {
            i = open_end;
            continue;
        }
        if tag == b"svg" && open.ends_with(b"/>") {
            out.push_str(&text[copied..at]);
            copied = open_end;
            i = open_end;
            continue;
        }
        let end = find_close(b, open_end, tag).unwrap_or(b.len());
        out.push_str(&text[copied..at]);
        copied = end;
        i = end;
    }
    out.push_str(&text[copied..]);
    out
}

fn is_tag_end(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>' | b'/')
}

fn starts_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

fn lower(b: &[u8]) -> Vec<u8> {
    b.iter().map(u8::to_ascii_lowercase).collect()
}

/// The byte after the `>` of the first `</tag` at or after `from`.
fn find_close(b: &[u8], from: usize, tag: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(p) = memchr::memchr(b'<', &b[i..]) {
        let at = i + p;
        let rest = &b[at + 1..];
        if rest.first() == Some(&b'/') && starts_ci(&rest[1..], tag) {
            let after = at + 2 + tag.len();
            if b.get(after).is_none_or(|c| is_tag_end(*c)) {
                return Some(
                    memchr::memchr(b'>', &b[after..])
                        .map(|e| after + e + 1)
                        .unwrap_or(b.len()),
                );
            }
        }
        i = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_svg_and_comments_go() {
        let page = "<p>a</p><SCRIPT>var x = '<p>no</p>';</script ><style>p{}</style><!-- c <p>no</p> --><svg viewBox='0'><path/></svg><p>b</p>";
        assert_eq!(strip_heavy(page), "<p>a</p><p>b</p>");
    }

    #[test]
    fn json_ld_and_look_alikes_stay() {
        let page = r#"<script type="application/ld+json">{"a":1}</script><scripts>x</scripts><svg/><p>é</p>"#;
        assert_eq!(
            strip_heavy(page),
            r#"<script type="application/ld+json">{"a":1}</script><scripts>x</scripts><p>é</p>"#
        );
    }

    #[test]
    fn unclosed_tags_cut_to_the_end_without_panic() {
        assert_eq!(strip_heavy("<p>ok</p><script>never closed"), "<p>ok</p>");
        assert_eq!(strip_heavy("<p>ok</p><!-- never"), "<p>ok</p>");
        assert_eq!(strip_heavy("ü<"), "ü<");
        assert_eq!(strip_heavy("<script"), "<script");
    }
}
