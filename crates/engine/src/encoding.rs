//! Bytes → text: an article, a rule file or a config must be UTF-8 (a BOM
//! is allowed), and not binary.
//!
//! The checks cost one `memchr`-style scan for NUL and one (SIMD) UTF-8 validation;
//! the diagnosis of a bad file (which encoding it looks like) runs only on failure.

use std::fmt;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Bytes that are not UTF-8 text, with the place and what they look like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EncodingError {
    /// The bytes are not UTF-8. `windows_1252` is set when the invalid bytes look
    /// like a single-byte Western encoding (Windows-1252 / Latin-1).
    NotUtf8 {
        /// The byte offset of the first invalid byte.
        offset: usize,
        /// The line (1-based) of that byte.
        line: usize,
        /// Whether the invalid bytes look like Windows-1252 / Latin-1.
        windows_1252: bool,
    },
    /// UTF-16 text, recognised by its byte order mark or by alternating NUL bytes.
    Utf16 {
        /// Whether the text is big-endian (UTF-16BE) rather than little-endian.
        big_endian: bool,
    },
    /// A NUL byte: the file is binary, not text.
    Binary {
        /// The byte offset of the first NUL byte.
        offset: usize,
    },
}

impl EncodingError {
    /// Byte offset of the problem in the file.
    pub fn offset(&self) -> usize {
        match self {
            EncodingError::NotUtf8 { offset, .. } | EncodingError::Binary { offset } => *offset,
            EncodingError::Utf16 { .. } => 0,
        }
    }
}

impl fmt::Display for EncodingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodingError::NotUtf8 {
                offset,
                line,
                windows_1252,
            } => {
                write!(f, "not valid UTF-8 at byte {offset} (line {line})")?;
                if *windows_1252 {
                    write!(f, "; it looks like Windows-1252: convert it to UTF-8")
                } else {
                    write!(f, ": convert it to UTF-8")
                }
            }
            EncodingError::Utf16 { big_endian } => {
                let order = if *big_endian { "big" } else { "little" };
                write!(f, "UTF-16 ({order}-endian) text: convert it to UTF-8")
            }
            EncodingError::Binary { offset } => {
                write!(f, "binary file (NUL byte at byte {offset})")
            }
        }
    }
}

impl std::error::Error for EncodingError {}

/// The text of `bytes` and the length of its UTF-8 BOM (0 or 3): the body
/// starts after the BOM, which stays in the text so offsets stay byte offsets.
pub fn decode(bytes: &[u8]) -> Result<(&str, usize), EncodingError> {
    if bytes.starts_with(b"\xFF\xFE") {
        return Err(EncodingError::Utf16 { big_endian: false });
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Err(EncodingError::Utf16 { big_endian: true });
    }
    if memchr::memchr(0, bytes).is_some() {
        if let Some(big_endian) = looks_like_utf16(bytes) {
            return Err(EncodingError::Utf16 { big_endian });
        }
        let offset = bytes.iter().position(|&b| b == 0).unwrap_or(0);
        return Err(EncodingError::Binary { offset });
    }
    // Validated with SIMD, several times faster; the standard library finds
    // where a bad file goes wrong.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => {
            let bom = if bytes.starts_with(UTF8_BOM) {
                UTF8_BOM.len()
            } else {
                0
            };
            Ok((text, bom))
        }
        Err(_) => {
            let offset = std::str::from_utf8(bytes)
                .err()
                .map_or(0, |error| error.valid_up_to());
            Err(EncodingError::NotUtf8 {
                offset,
                line: line_of(bytes, offset),
                windows_1252: looks_single_byte(bytes, offset),
            })
        }
    }
}

/// 1-based line of byte `offset`.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// UTF-16 without a BOM: in the first KiB, NUL bytes sit on one parity only
/// (the high byte of ASCII characters) and fill a good share of it.
fn looks_like_utf16(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(1024) & !1];
    let pairs = head.len() / 2;
    if pairs < 4 {
        return None;
    }
    let nul_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let nul_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let many = |n: usize| n * 5 >= pairs * 2; // at least 40 %
    let few = |n: usize| n * 20 <= pairs; // at most 5 %
    if many(nul_odd) && few(nul_even) {
        Some(false)
    } else if many(nul_even) && few(nul_odd) {
        Some(true)
    } else {
        None
    }
}

/// Whether invalid UTF-8 from `first_error` on looks like a single-byte
/// encoding: most high bytes are lone invalid bytes rather than parts of
/// valid multi-byte characters. Scans at most 64 KiB past the first error.
fn looks_single_byte(bytes: &[u8], first_error: usize) -> bool {
    let end = bytes.len().min(first_error.saturating_add(64 * 1024));
    let mut rest = &bytes[first_error..end];
    let (mut lone, mut valid_multibyte) = (0usize, 0usize);
    // Valid multi-byte characters before the error count too.
    valid_multibyte += bytes[..first_error].iter().filter(|&&b| b >= 0xC0).count();
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                valid_multibyte += text.bytes().filter(|&b| b >= 0xC0).count();
                break;
            }
            Err(error) => {
                let good = &rest[..error.valid_up_to()];
                valid_multibyte += good.iter().filter(|&&b| b >= 0xC0).count();
                let bad = error
                    .error_len()
                    .unwrap_or(rest.len() - error.valid_up_to());
                if bad == 1 {
                    lone += 1;
                }
                rest = &rest[error.valid_up_to() + bad..];
            }
        }
    }
    lone > 0 && lone >= valid_multibyte
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_utf8_and_bom() {
        assert_eq!(decode(b"hello").unwrap(), ("hello", 0));
        let (text, bom) = decode(b"\xEF\xBB\xBFhi").unwrap();
        assert_eq!((text, bom), ("\u{FEFF}hi", 3));
        assert_eq!(decode(b"").unwrap(), ("", 0));
        assert_eq!(decode(b"a\r\nb").unwrap().0, "a\r\nb");
    }

    #[test]
    fn windows_1252_is_named() {
        let error = decode(b"line one\ncaf\xe9 \x93quoted\x94").unwrap_err();
        assert_eq!(
            error,
            EncodingError::NotUtf8 {
                offset: 12,
                line: 2,
                windows_1252: true
            }
        );
        assert_eq!(
            error.to_string(),
            "not valid UTF-8 at byte 12 (line 2); it looks like Windows-1252: convert it to UTF-8"
        );
        assert_eq!(error.offset(), 12);
    }

    #[test]
    fn mostly_utf8_with_one_broken_sequence_is_not_called_1252() {
        let mut bytes = "naïve café ".repeat(5).into_bytes();
        bytes.extend_from_slice(b"\xE2\x80 end");
        let error = decode(&bytes).unwrap_err();
        match error {
            EncodingError::NotUtf8 { windows_1252, .. } => assert!(!windows_1252),
            other => panic!("{other:?}"),
        }
        assert!(error.to_string().ends_with(": convert it to UTF-8"));
    }

    #[test]
    fn utf16_by_bom_and_without() {
        assert_eq!(
            decode(b"\xFF\xFEh\0i\0").unwrap_err(),
            EncodingError::Utf16 { big_endian: false }
        );
        assert_eq!(
            decode(b"\xFE\xFF\0h\0i").unwrap_err(),
            EncodingError::Utf16 { big_endian: true }
        );
        let le: Vec<u8> = "Hello world"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            decode(&le).unwrap_err(),
            EncodingError::Utf16 { big_endian: false }
        );
        let be: Vec<u8> = "Hello world"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(
            decode(&be).unwrap_err(),
            EncodingError::Utf16 { big_endian: true }
        );
        assert_eq!(
            EncodingError::Utf16 { big_endian: false }.to_string(),
            "UTF-16 (little-endian) text: convert it to UTF-8"
        );
    }

    #[test]
    fn nul_is_binary() {
        let mut bytes = b"0123456789abcdefg".to_vec();
        bytes.push(0);
        bytes.extend_from_slice(b"more text after the nul byte");
        let error = decode(&bytes).unwrap_err();
        assert_eq!(error, EncodingError::Binary { offset: 17 });
        assert_eq!(error.to_string(), "binary file (NUL byte at byte 17)");
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
                .unwrap_err()
                .offset(),
            8
        );
    }

    #[test]
    fn truncated_sequence_at_end() {
        let error = decode(b"abc\xE2\x80").unwrap_err();
        assert_eq!(error.offset(), 3);
    }
}
