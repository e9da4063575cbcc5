//! Share links: the whole canvas carried in the link itself.
//!
//! Sending a small map to a colleague should not need a file or a server, so the canvas
//! can travel in the fragment of the page's link (`…/#canvas=<payload>`). Browsers never
//! send the fragment to a server, so the link is private to whoever holds it and there is
//! no server limit on its length; the limits that matter are the chat apps and mail
//! clients it passes through, which cut long links off or wrap them over lines.
//!
//! The payload is the compact export (the same document the file holds, without
//! indentation), compressed as a zlib stream and written in the base64url alphabet
//! without padding, whose characters need no escaping anywhere in a URL. zlib rather
//! than raw deflate because its Adler-32 checksum catches a link that was garbled on the
//! way, and every such link is refused with words for people, never opened as a wrong
//! canvas. Decoding trusts nothing: inflation is bounded by the importer's file limit
//! (a small link cannot unpack into gigabytes), and the canvas then goes through the
//! importer like any file, with all its checks.

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use base64::engine::DecodePaddingMode;
use base64::{DecodeError, Engine as _};
use miniz_oxide::deflate::compress_to_vec_zlib;
use miniz_oxide::inflate::{decompress_to_vec_zlib_with_limit, TINFLStatus};

use super::export::export_compact;
use super::import::{import, ImportFailure, Imported, MAX_FILE_BYTES};
use super::model::Document;

/// The longest link, in characters, that the app offers to share; beyond it, it offers
/// the `.okr.json` file instead.
///
/// Fragments never reach a server and browsers accept links of megabytes (Chrome's cap
/// is 2 MB), so the limit comes from where links travel and how people copy them.
/// Chrome's address bar shows at most 32 KiB of a link, so a longer one copied from
/// there arrives cut off; Microsoft Teams refuses messages over about 28 KB, markup
/// included; Slack truncates messages over 40,000 characters; mail clients wrap long
/// lines (whitespace in a link is ignored on decoding for that reason). 16,000 is half
/// the address bar's limit and leaves Teams room for the message around the link.
/// Measured with a 38-character page address: the sample canvas (25 objectives, 23 KB
/// as a file) makes a link of about 5,300 characters, a generated canvas of 200
/// objectives with key results, check-ins and positions (180 KB as a file) about
/// 14,100, and the largest generated canvas that fits has about 230 objectives: the maps
/// people send in chat fit, whole organisations go as files. Chat apps with short
/// messages (Discord's 2,000 characters, Telegram's 4,096) carry only tiny canvases
/// whatever this limit is; for them the file is the way.
pub const MAX_SHARE_LINK_CHARS: usize = 16_000;

/// The name of the fragment parameter that holds the canvas.
const KEY: &str = "canvas=";

/// miniz_oxide's best level (its "uber" compression). On the canvases that fit in a
/// link it writes the shortest links of all levels (a little shorter than level 9, up to
/// 1.7% shorter than the default, 6) in a few milliseconds, and sharing is a click, not
/// a loop.
const COMPRESSION_LEVEL: u8 = 10;

/// The longest payload any canvas the importer accepts could need: a zlib stream is at
/// most its input plus 5 bytes per 64 KiB stored block, a 2-byte header and a 4-byte
/// checksum, and base64 writes 4 characters for every 3 bytes. Longer payloads are
/// refused before decoding, so a pasted monster costs nothing more.
const MAX_PAYLOAD_CHARS: usize =
    (MAX_FILE_BYTES + (MAX_FILE_BYTES / 65_535 + 1) * 5 + 6).div_ceil(3) * 4;

/// Decodes what the encoder writes, and also payloads whose last character carries
/// stray low bits: whether such a payload is whole is for the zlib checksum to say,
/// which tells a cut-off link from a changed one better than the base64 layer can.
const LENIENT_URL_SAFE: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone),
);

/// Why a share link did not open, in words for the person who clicked it.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ShareLinkError {
    #[error("This is not an OKR Canvas share link: it has no \"canvas=\" part. Check that the whole link was copied, or ask for the .okr.json file.")]
    NotAShareLink,
    #[error("This share link is empty: nothing follows \"canvas=\", so it was probably cut off when it was copied. Ask for the link again, or for the .okr.json file.")]
    EmptyPayload,
    /// `position` counts characters after `canvas=`, from 1, not counting whitespace.
    #[error("This share link was changed on the way: it contains '%' (character {position} after \"canvas=\"), which a share link never has, so some app rewrote it. Copy the link again from the original message, or ask for the .okr.json file.")]
    PercentEncoded { position: usize },
    /// `position` counts characters after `canvas=`, from 1, not counting whitespace.
    #[error("This share link is damaged: it contains {character:?} (character {position} after \"canvas=\"), which a share link never has. Copy the whole link again, or ask for the .okr.json file.")]
    NotBase64Url { character: char, position: usize },
    #[error("This share link is incomplete: it ends too early, so it was probably cut off when it was copied. Copy the whole link again, or ask for the .okr.json file.")]
    Truncated,
    #[error("This share link is damaged: some of its characters were changed when it was copied, so the canvas in it cannot be read. Copy the whole link again, or ask for the .okr.json file.")]
    Corrupt,
    #[error("This share link unpacks to more than {limit} bytes (10 MiB), more than any canvas may hold, so it was not made by OKR Canvas. Ask for the .okr.json file instead.")]
    TooLarge { limit: usize },
    #[error("{}", refused_message(.0))]
    Refused(ImportFailure),
}

impl ShareLinkError {
    /// The importer's list of problems, when the link was whole but its canvas was not
    /// accepted (made by a newer version, say).
    pub fn import_failure(&self) -> Option<&ImportFailure> {
        match self {
            ShareLinkError::Refused(failure) => Some(failure),
            _ => None,
        }
    }
}

fn refused_message(failure: &ImportFailure) -> String {
    let mut message = format!(
        "The canvas in this share link was not opened: {}",
        failure.summary()
    );
    for error in failure.errors() {
        message.push_str("\n- ");
        message.push_str(&error.to_string());
    }
    message
}

/// A canvas too large to travel as a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("This canvas needs a link of {length} characters, and links longer than {limit} get cut off by chat apps and mail. Export the canvas and send the .okr.json file instead.")]
pub struct ShareLinkTooLong {
    pub length: usize,
    pub limit: usize,
}

/// The fragment that carries `doc`, without the leading `#`: `canvas=<payload>`.
pub fn encode_share_fragment(doc: &Document) -> String {
    let compressed = compress_to_vec_zlib(export_compact(doc).as_bytes(), COMPRESSION_LEVEL);
    let mut fragment = String::with_capacity(KEY.len() + compressed.len().div_ceil(3) * 4);
    fragment.push_str(KEY);
    URL_SAFE_NO_PAD.encode_string(compressed, &mut fragment);
    fragment
}

/// The whole share link for `doc` on the page at `page_url` (any fragment it has is
/// replaced), or how long it would be when that is over [`MAX_SHARE_LINK_CHARS`].
pub fn share_link(page_url: &str, doc: &Document) -> Result<String, ShareLinkTooLong> {
    let page = page_url.split('#').next().unwrap_or_default();
    let fragment = encode_share_fragment(doc);
    let length = page.chars().count() + 1 + fragment.len();
    if length > MAX_SHARE_LINK_CHARS {
        return Err(ShareLinkTooLong {
            length,
            limit: MAX_SHARE_LINK_CHARS,
        });
    }
    Ok(format!("{page}#{fragment}"))
}

/// Whether a fragment claims to carry a canvas, so the app knows at start-up whether
/// to open it (and then to report, not ignore, a damaged one).
pub fn is_share_fragment(fragment: &str) -> bool {
    payload_of(&without_whitespace(fragment)).is_some()
}

/// Opens the canvas a share link carries.
///
/// Takes the fragment with or without its `#`, or the whole link. ASCII whitespace
/// anywhere is ignored: a link never contains any, and mail clients and chat apps
/// break long links over lines. Other parameters beside `canvas=` (separated by `&`)
/// are ignored, so later versions can add some.
pub fn decode_share_fragment(fragment: &str) -> Result<Imported, ShareLinkError> {
    let fragment = without_whitespace(fragment);
    let payload = payload_of(&fragment).ok_or(ShareLinkError::NotAShareLink)?;
    if payload.is_empty() {
        return Err(ShareLinkError::EmptyPayload);
    }
    if payload.len() > MAX_PAYLOAD_CHARS {
        return Err(ShareLinkError::TooLarge {
            limit: MAX_FILE_BYTES,
        });
    }
    check_alphabet(payload)?;
    let compressed = LENIENT_URL_SAFE
        .decode(payload)
        .map_err(|error| match error {
            // One character too many or too few for whole bytes: the usual sign of a
            // link cut off after a character that held only part of a byte.
            DecodeError::InvalidLength(_) => ShareLinkError::Truncated,
            // check_alphabet has let only the alphabet through; anything else the
            // decoder dislikes is damage.
            _ => ShareLinkError::Corrupt,
        })?;
    let json = decompress_to_vec_zlib_with_limit(&compressed, MAX_FILE_BYTES).map_err(|error| {
        match error.status {
            TINFLStatus::HasMoreOutput => ShareLinkError::TooLarge {
                limit: MAX_FILE_BYTES,
            },
            TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                ShareLinkError::Truncated
            }
            // A checksum mismatch, an invalid stream, or a status this version of
            // miniz_oxide does not document for whole input: all mean a changed link.
            _ => ShareLinkError::Corrupt,
        }
    })?;
    import(&json).map_err(ShareLinkError::Refused)
}

fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_ascii_whitespace()).collect()
}

/// The text after `canvas=`, in a fragment or a whole link.
fn payload_of(fragment: &str) -> Option<&str> {
    let fragment = match fragment.split_once('#') {
        Some((_, after)) => after,
        None => fragment,
    };
    fragment.split('&').find_map(|part| part.strip_prefix(KEY))
}

fn check_alphabet(payload: &str) -> Result<(), ShareLinkError> {
    for (index, character) in payload.chars().enumerate() {
        let position = index + 1;
        if character == '%' {
            return Err(ShareLinkError::PercentEncoded { position });
        }
        if !(character.is_ascii_alphanumeric() || character == '-' || character == '_') {
            return Err(ShareLinkError::NotBase64Url {
                character,
                position,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::export::export;
    use crate::domain::generate::generate;
    use crate::domain::import::ImportErrorKind;
    use crate::domain::sample_document as sample;

    const SAMPLE: &[u8] = include_bytes!("../../public/examples/acme.okr.json");

    fn decoded(fragment: &str) -> Document {
        match decode_share_fragment(fragment) {
            Ok(imported) => imported.document,
            Err(error) => panic!("the link must open: {error}"),
        }
    }

    fn error_of(fragment: &str) -> ShareLinkError {
        match decode_share_fragment(fragment) {
            Ok(_) => panic!("{fragment:.80} must not open"),
            Err(error) => error,
        }
    }

    /// A link around arbitrary bytes, as a hand-made or hostile link would be.
    fn fragment_of_bytes(bytes: &[u8]) -> String {
        format!(
            "{KEY}{}",
            URL_SAFE_NO_PAD.encode(compress_to_vec_zlib(bytes, 6))
        )
    }

    #[test]
    fn the_sample_survives_a_round_trip() {
        let doc = sample();
        let back = decode_share_fragment(&encode_share_fragment(&doc));
        let Ok(back) = back else {
            panic!("{:?}", back.err())
        };
        assert!(back.warnings.is_empty());
        assert_eq!(export(&back.document), export(&doc));
    }

    #[test]
    fn a_generated_canvas_of_200_objectives_survives_a_round_trip() {
        let doc = generate(200, 1);
        assert_eq!(export(&decoded(&encode_share_fragment(&doc))), export(&doc));
    }

    #[test]
    fn the_fragment_is_the_key_and_base64url_without_padding() {
        let fragment = encode_share_fragment(&sample());
        let payload = fragment.strip_prefix("canvas=").unwrap_or_default();
        assert!(!payload.is_empty());
        assert!(payload
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        // And it is a zlib stream of the compact export, which a strict decoder reads.
        let compressed = URL_SAFE_NO_PAD.decode(payload).unwrap_or_default();
        let json = miniz_oxide::inflate::decompress_to_vec_zlib(&compressed).unwrap_or_default();
        assert_eq!(json, export_compact(&sample()).into_bytes());
    }

    #[test]
    fn the_hash_or_a_whole_link_is_accepted_too() {
        let doc = sample();
        let fragment = encode_share_fragment(&doc);
        assert_eq!(decoded(&format!("#{fragment}")), doc);
        assert_eq!(
            decoded(&format!("https://example.org/okr/?x=1#{fragment}")),
            doc
        );
        assert_eq!(decoded(&format!("#view=map&{fragment}&zoom=2")), doc);
    }

    #[test]
    fn whitespace_inserted_by_mail_and_chat_is_ignored() {
        let doc = sample();
        let fragment = format!("#{}", encode_share_fragment(&doc));
        let wrapped: String = fragment
            .as_bytes()
            .chunks(70)
            .map(|line| String::from_utf8_lossy(line).into_owned())
            .collect::<Vec<_>>()
            .join("\r\n  ");
        assert_eq!(decoded(&format!("  {wrapped}\n")), doc);
    }

    #[test]
    fn a_fragment_without_a_canvas_is_not_a_share_link() {
        for fragment in ["", "#", "#section-2", "canvas", "#canvas:abc", "view=map"] {
            assert_eq!(
                error_of(fragment),
                ShareLinkError::NotAShareLink,
                "{fragment}"
            );
            assert!(!is_share_fragment(fragment));
        }
        assert!(is_share_fragment("#canvas="));
        assert!(is_share_fragment(&encode_share_fragment(&sample())));
    }

    #[test]
    fn an_empty_payload_is_reported() {
        assert_eq!(error_of("#canvas="), ShareLinkError::EmptyPayload);
        assert_eq!(error_of("canvas= \n"), ShareLinkError::EmptyPayload);
    }

    #[test]
    fn a_character_outside_base64url_is_named_with_its_place() {
        let error = error_of("#canvas=eJ+yz");
        assert_eq!(
            error,
            ShareLinkError::NotBase64Url {
                character: '+',
                position: 3
            }
        );
        assert!(
            error.to_string().contains("'+' (character 3 after"),
            "{error}"
        );
        assert_eq!(
            error_of("canvas=eJyé"),
            ShareLinkError::NotBase64Url {
                character: 'é',
                position: 4
            }
        );
        // Padding is never written, so it is not accepted either.
        assert!(matches!(
            error_of("canvas=eJw="),
            ShareLinkError::NotBase64Url { character: '=', .. }
        ));
    }

    #[test]
    fn a_percent_encoded_link_is_reported_as_rewritten() {
        let error = error_of("canvas=eJy%2Dabc");
        assert_eq!(error, ShareLinkError::PercentEncoded { position: 4 });
        assert!(error.to_string().contains("'%'"), "{error}");
    }

    #[test]
    fn a_link_cut_anywhere_is_refused_as_incomplete() {
        let fragment = encode_share_fragment(&sample());
        for cut in KEY.len() + 1..fragment.len() {
            assert_eq!(
                decode_share_fragment(&fragment[..cut]).err(),
                Some(ShareLinkError::Truncated),
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn a_changed_character_is_caught() {
        let fragment = encode_share_fragment(&sample());
        // Past the zlib header, in the compressed data and in the checksum at the end.
        for place in [KEY.len() + 40, fragment.len() / 2, fragment.len() - 2] {
            let mut bytes = fragment.clone().into_bytes();
            bytes[place] = if bytes[place] == b'A' { b'B' } else { b'A' };
            let changed = String::from_utf8(bytes).unwrap_or_default();
            let error = decode_share_fragment(&changed).err();
            assert!(
                matches!(
                    error,
                    Some(ShareLinkError::Corrupt | ShareLinkError::Truncated)
                ),
                "change at {place}: {error:?}"
            );
        }
        // The checksum alone: the stream is intact but the Adler-32 differs.
        let mut compressed = compress_to_vec_zlib(export_compact(&sample()).as_bytes(), 6);
        if let Some(last) = compressed.last_mut() {
            *last ^= 1;
        }
        let fragment = format!("{KEY}{}", URL_SAFE_NO_PAD.encode(compressed));
        assert_eq!(error_of(&fragment), ShareLinkError::Corrupt);
        assert_eq!(error_of("canvas=AAAAAAAA"), ShareLinkError::Corrupt);
    }

    #[test]
    fn a_payload_that_unpacks_past_the_file_limit_is_refused() {
        let bomb = vec![b' '; MAX_FILE_BYTES + 1];
        let fragment = fragment_of_bytes(&bomb);
        assert!(fragment.len() < 100_000, "{}", fragment.len());
        assert_eq!(
            error_of(&fragment),
            ShareLinkError::TooLarge {
                limit: MAX_FILE_BYTES
            }
        );
        // And a payload longer than any canvas could need is refused before decoding.
        let huge = format!("{KEY}{}", "A".repeat(MAX_PAYLOAD_CHARS + 1));
        assert_eq!(
            error_of(&huge),
            ShareLinkError::TooLarge {
                limit: MAX_FILE_BYTES
            }
        );
    }

    #[test]
    fn a_canvas_the_importer_refuses_keeps_its_listed_errors() {
        let newer = br#"{"format":"okr-canvas","version":2,"title":"Later","teams":[],"objectives":[],"links":[]}"#;
        let error = error_of(&fragment_of_bytes(newer));
        let failure = error.import_failure().map(ImportFailure::errors);
        assert!(
            matches!(
                failure.and_then(<[_]>::first).map(|e| &e.kind),
                Some(ImportErrorKind::NewerVersion { found: 2, .. })
            ),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(
            message.starts_with("The canvas in this share link was not opened:"),
            "{message}"
        );
        assert!(message.contains("newer version"), "{message}");
        assert!(matches!(
            error_of(&fragment_of_bytes(b"\xff\xfe")),
            ShareLinkError::Refused(_)
        ));
    }

    #[test]
    fn every_message_says_what_to_do() {
        let errors = [
            ShareLinkError::NotAShareLink,
            ShareLinkError::EmptyPayload,
            ShareLinkError::PercentEncoded { position: 1 },
            ShareLinkError::NotBase64Url {
                character: '+',
                position: 1,
            },
            ShareLinkError::Truncated,
            ShareLinkError::Corrupt,
            ShareLinkError::TooLarge {
                limit: MAX_FILE_BYTES,
            },
        ];
        for error in errors {
            let message = error.to_string();
            assert!(message.contains(".okr.json file"), "{message}");
            assert!(error.import_failure().is_none());
        }
    }

    #[test]
    fn share_link_replaces_the_fragment_and_refuses_large_canvases() {
        let doc = sample();
        let link = share_link("https://example.org/okr/#canvas=old", &doc);
        let Ok(link) = link else {
            panic!("{:?}", link.err())
        };
        assert_eq!(
            link,
            format!("https://example.org/okr/#{}", encode_share_fragment(&doc))
        );
        assert_eq!(decoded(&link), doc);

        let large = generate(1_000, 1);
        let error = share_link("https://example.org/okr/", &large);
        assert!(
            matches!(error, Err(ShareLinkTooLong { length, limit }) if length > limit),
            "{error:?}"
        );
    }

    /// Records the link lengths the limit was chosen from; run with `--nocapture` to
    /// see them.
    #[test]
    fn link_lengths_of_typical_canvases() {
        let page = "https://example.github.io/okr-canvas/#";
        let sample_length = page.len() + encode_share_fragment(&sample()).len();
        let generated_length = |n: usize| page.len() + encode_share_fragment(&generate(n, 1)).len();
        let two_hundred = generated_length(200);
        // The largest generated canvas whose link fits: lengths grow with the count,
        // so a search between a count that fits and one that does not finds it.
        let (mut fits, mut too_long) = (200usize, 300usize);
        while generated_length(too_long) <= MAX_SHARE_LINK_CHARS {
            (fits, too_long) = (too_long, too_long * 2);
        }
        while too_long - fits > 1 {
            let middle = (fits + too_long) / 2;
            if generated_length(middle) <= MAX_SHARE_LINK_CHARS {
                fits = middle;
            } else {
                too_long = middle;
            }
        }
        println!(
            "share link lengths (page URL of {} characters included): sample canvas {} ({} bytes as a file), \
             generate(200, 1) {} ({} bytes as a file); largest generated canvas under {}: {} objectives ({} characters)",
            page.len(),
            sample_length,
            SAMPLE.len(),
            two_hundred,
            export(&generate(200, 1)).len(),
            MAX_SHARE_LINK_CHARS,
            fits,
            generated_length(fits),
        );
        assert!(sample_length < MAX_SHARE_LINK_CHARS / 2, "{sample_length}");
        assert!(two_hundred < MAX_SHARE_LINK_CHARS, "{two_hundred}");
    }
}
