//! Writes `pinyin_table.rs`: the plain (toneless) pinyin of the 3,755 common Chinese
//! characters of GB2312 level 1, sorted by character for binary search. Store names use
//! these; a character outside the table is simply not found by pinyin (it is still found
//! by the characters themselves).

use std::fmt::Write as _;
use std::path::PathBuf;

use pinyin::ToPinyin;

fn main() {
    let mut pairs: Vec<(char, &'static str)> = Vec::new();
    for b1 in 0xB0u8..=0xD7 {
        for b2 in 0xA1u8..=0xFE {
            if b1 == 0xD7 && b2 > 0xF9 {
                break;
            }
            let bytes = [b1, b2];
            let (text, _, bad) = encoding_rs::GBK.decode(&bytes);
            if bad {
                continue;
            }
            if let Some(c) = text.chars().next() {
                if let Some(p) = c.to_pinyin() {
                    pairs.push((c, p.plain()));
                }
            }
        }
    }
    pairs.sort_by_key(|(c, _)| *c);
    pairs.dedup_by_key(|(c, _)| *c);
    // Packed: the ~400 distinct syllables once, then two parallel u16 arrays (characters, all
    // in the BMP, and each one's syllable number). About 17 KB raw instead of ~60 KB for a
    // table of (char, &str), whose pointers also compress poorly.
    let mut syllables: Vec<&str> = pairs.iter().map(|(_, p)| *p).collect();
    syllables.sort_unstable();
    syllables.dedup();
    let mut out = String::from("/// Distinct plain pinyin syllables, sorted.\npub static SYLLABLES: &[&str] = &[");
    for s in &syllables {
        let _ = write!(out, "\"{s}\",");
    }
    out.push_str("];\n/// The characters (code points, all in the BMP), sorted.\npub static CHARS: &[u16] = &[");
    for (c, _) in &pairs {
        let _ = write!(out, "{},", u32::from(*c));
    }
    out.push_str("];\n/// For each of `CHARS`, its syllable's index in `SYLLABLES`.\npub static SYLLABLE_OF: &[u16] = &[");
    for (_, p) in &pairs {
        let i = syllables.binary_search(p).unwrap_or(0);
        let _ = write!(out, "{i},");
    }
    out.push_str("];\n");
    assert!(pairs.iter().all(|(c, _)| u32::from(*c) <= 0xFFFF), "a common character outside the BMP");
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("pinyin_table.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
    println!("cargo:rerun-if-changed=build.rs");
}
