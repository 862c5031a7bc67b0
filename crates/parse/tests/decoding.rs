//! The byte-decoding step (issue 16): UTF-16 with a byte-order mark is
//! decoded, CR-only and mixed line endings end lines, and spans stay
//! documented: a UTF-16 file's spans count bytes of its UTF-8 decoding, a
//! CR file's spans count bytes of the file itself.

mod common;

use watchfloor_parse::parse_bytes;

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut b = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        b.extend(if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    b
}

fn json(reports: &[watchfloor_model::Report]) -> String {
    serde_json::to_string(reports).unwrap()
}

#[test]
fn utf16_with_a_byte_order_mark_reads_like_utf8() {
    let text = common::fixture("two-reports.txt");
    let want = parse_bytes(text.as_bytes(), "two-reports.txt").unwrap();
    assert_eq!(want.len(), 2);
    for big_endian in [false, true] {
        let got = parse_bytes(&utf16(&text, big_endian), "two-reports.txt")
            .unwrap_or_else(|e| panic!("big endian {big_endian}: {e}"));
        assert_eq!(json(&got), json(&want), "big endian {big_endian}");
        // Spans count bytes of the decoded UTF-8 text.
        common::assert_exact_spans(&text, &got);
    }
}

#[test]
fn cr_only_and_mixed_line_endings_end_lines() {
    let text = common::fixture("two-reports.txt");
    let want = parse_bytes(text.as_bytes(), "two-reports.txt").unwrap();
    let cr = text.replace('\n', "\r");
    let got = parse_bytes(cr.as_bytes(), "two-reports.txt").unwrap();
    // Same length, so the same spans; the text reads as with LF.
    assert_eq!(json(&got), json(&want));
    common::assert_exact_spans(&text, &got);
    // Spans still count the file's own bytes: slicing the CR file gives the
    // text with its line breaks as CR.
    let p = &got[0].paragraphs[0];
    assert_eq!(
        cr[p.span.start..p.span.end].replace('\r', "\n"),
        p.text,
        "span into the file"
    );

    // CRLF, lone CR and LF in one file read like the LF file, text for text.
    let mut mixed = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            mixed.push_str(["\r\n", "\n", "\r"][i % 3]);
        }
        mixed.push_str(line);
    }
    let got = parse_bytes(mixed.as_bytes(), "two-reports.txt").unwrap();
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g.title, w.title);
        let texts = |r: &watchfloor_model::Report| -> Vec<String> {
            r.blocks()
                .iter()
                .map(|b| b.text.replace('\r', ""))
                .collect()
        };
        assert_eq!(texts(g), texts(w));
    }
}

#[test]
fn broken_utf16_and_utf16_without_a_mark_are_named() {
    let text = common::fixture("two-reports.txt");
    // Cut in the middle of a code unit.
    let mut odd = utf16(&text, false);
    odd.pop();
    let err = parse_bytes(&odd, "cut.txt").unwrap_err().to_string();
    assert!(err.contains("cut.txt") && err.contains("UTF-16"), "{err}");
    // A lone high surrogate on line 1.
    let mut lone = vec![0xFF, 0xFE];
    lone.extend(u16::to_le_bytes(0x41));
    lone.extend(u16::to_le_bytes(0xD800));
    lone.extend(u16::to_le_bytes(0x41));
    let err = parse_bytes(&lone, "lone.txt").unwrap_err();
    assert_eq!(err.line, Some(1));
    assert!(err.message.contains("invalid UTF-16 at byte 4"), "{err}");
    // Binary that happens to start with FF FE decodes to no words or lines:
    // still binary.
    let err = parse_bytes(b"\xff\xfe\x00garbage", "blob.txt").unwrap_err();
    assert!(err.message.contains("binary"), "{err}");
    // Without a byte-order mark the NUL bytes say binary, with a hint.
    let bare: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let err = parse_bytes(&bare, "bare.txt").unwrap_err().to_string();
    assert!(err.contains("binary") && err.contains("UTF-16"), "{err}");
}
