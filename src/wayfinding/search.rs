//! Store directory search across the three languages at once: Chinese characters, English
//! words, pinyin and pinyin initials of Chinese names ("xishoujian", "xsj" → 洗手间),
//! Simplified and Traditional names (both are in the config), case- and space-insensitive,
//! forgiving one typo in Latin text. The index is built once, when the config loads.
//!
//! Ranking: exact, then prefix, then a match inside a name, then pinyin (from the start, then
//! inside), then a typo.

mod table {
    include!(concat!(env!("OUT_DIR"), "/pinyin_table.rs"));
}

/// Plain pinyin of a common Chinese character (GB2312 level 1; see build.rs).
pub fn pinyin_of_char(c: char) -> Option<&'static str> {
    let code = u16::try_from(u32::from(c)).ok()?;
    let i = table::CHARS.binary_search(&code).ok()?;
    table::SYLLABLES.get(usize::from(*table::SYLLABLE_OF.get(i)?)).copied()
}

/// What one place can be found by.
#[derive(Debug, Clone, Default)]
pub struct SearchDoc {
    pub names: Vec<String>,
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    Exact,
    Prefix,
    Contains,
    Pinyin,
    /// Pinyin (or initials) found inside a longer name's: "xsj" in 无障碍洗手间.
    PinyinContains,
    Typo,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into the documents given to [`Index::build`].
    pub doc: usize,
    pub rank: Rank,
}

#[derive(Debug, Clone)]
struct Entry {
    /// Normalised names and keywords.
    words: Vec<String>,
    /// Full pinyin and initials of each Chinese name.
    pinyin: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Index {
    entries: Vec<Entry>,
}

/// Lowercase, without spaces or punctuation, full-width ASCII folded to half-width.
pub fn normalize(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// (full pinyin, initials) of the Chinese characters in `s`; `None` without any.
fn pinyin_of(s: &str) -> Option<(String, String)> {
    let (mut full, mut initials, mut any) = (String::new(), String::new(), false);
    for c in s.chars() {
        match pinyin_of_char(c) {
            Some(p) => {
                any = true;
                full.push_str(p);
                initials.push_str(&p[..1]);
            }
            None if c.is_ascii_alphanumeric() => {
                let l = c.to_ascii_lowercase();
                full.push(l);
                initials.push(l);
            }
            None => {}
        }
    }
    any.then_some((full, initials))
}

/// Levenshtein distance, stopping early once it is certainly above `limit`.
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        if cur.iter().min().is_some_and(|m| *m > 1) {
            return false;
        }
        prev = cur;
    }
    prev[b.len()] <= 1
}

impl Index {
    pub fn build(docs: &[SearchDoc]) -> Self {
        let entries = docs
            .iter()
            .map(|d| {
                let mut words: Vec<String> = d
                    .names
                    .iter()
                    .map(|n| normalize(n))
                    .chain(d.keywords.iter().flat_map(|k| k.split_whitespace().map(normalize)))
                    .filter(|w| !w.is_empty())
                    .collect();
                // English names are also found by each of their words ("toilet" in
                // "Accessible toilet").
                for n in &d.names {
                    if n.chars().all(|c| c.is_ascii() || c.is_whitespace()) {
                        words.extend(n.split_whitespace().map(normalize).filter(|w| !w.is_empty()));
                    }
                }
                words.sort_unstable();
                words.dedup();
                let mut pinyin: Vec<String> = d
                    .names
                    .iter()
                    .chain(d.keywords.iter())
                    .flat_map(|n| n.split_whitespace().filter_map(pinyin_of).flat_map(|(f, i)| [f, i]))
                    .collect();
                pinyin.sort_unstable();
                pinyin.dedup();
                Entry { words, pinyin }
            })
            .collect();
        Index { entries }
    }

    /// Matching documents, best first (ties keep document order).
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let q = normalize(query);
        if q.is_empty() {
            return Vec::new();
        }
        let latin = q.chars().all(|c| c.is_ascii_alphanumeric());
        let mut hits: Vec<Hit> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(doc, e)| {
                let rank = if e.words.iter().any(|w| *w == q) {
                    Rank::Exact
                } else if e.words.iter().any(|w| w.starts_with(&q)) {
                    Rank::Prefix
                } else if e.words.iter().any(|w| w.contains(&q)) {
                    Rank::Contains
                } else if latin && e.pinyin.iter().any(|p| p.starts_with(&q)) {
                    Rank::Pinyin
                } else if latin && q.len() >= 2 && e.pinyin.iter().any(|p| p.contains(&q)) {
                    Rank::PinyinContains
                } else if latin
                    && q.len() >= 4
                    && e.words.iter().chain(e.pinyin.iter()).any(|w| {
                        within_one_edit(&q, w)
                            || w.char_indices().map(|(i, _)| i).chain([w.len()]).any(|end| {
                                end + 1 >= q.len() && end <= q.len() + 1 && within_one_edit(&q, &w[..end])
                            })
                    })
                {
                    Rank::Typo
                } else {
                    return None;
                };
                Some(Hit { doc, rank })
            })
            .collect();
        hits.sort_unstable_by_key(|h| (h.rank, h.doc));
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(names: &[&str], keywords: &[&str]) -> SearchDoc {
        SearchDoc {
            names: names.iter().map(|s| s.to_string()).collect(),
            keywords: keywords.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn sample() -> Index {
        Index::build(&[
            doc(&["洗手间", "洗手間", "Toilets"], &["厕所 卫生间", "restroom WC"]),
            doc(&["无障碍洗手间", "無障礙洗手間", "Accessible toilet"], &[]),
            doc(&["面包房", "麵包房", "Bakery"], &[]),
            doc(&["母婴室", "育嬰室", "Baby-care room"], &["nursing"]),
            doc(&["超市", "超市", "Supermarket"], &["groceries"]),
        ])
    }

    fn docs(hits: Vec<Hit>) -> Vec<usize> {
        hits.into_iter().map(|h| h.doc).collect()
    }

    #[test]
    fn chinese_english_pinyin_and_initials() {
        let i = sample();
        assert_eq!(docs(i.search("洗手间")), vec![0, 1]);
        assert_eq!(i.search("洗手间")[0].rank, Rank::Exact);
        assert_eq!(docs(i.search("洗手間")), vec![0, 1], "Traditional finds it too");
        assert_eq!(docs(i.search("toilet")), vec![1, 0], "a whole word before a prefix");
        assert_eq!(docs(i.search("xishoujian")), vec![0, 1]);
        assert_eq!(docs(i.search("xsj")), vec![0, 1]);
        assert_eq!(i.search("xsj")[0].rank, Rank::Pinyin);
        assert_eq!(i.search("xsj")[1].rank, Rank::PinyinContains, "无障碍洗手间: wzaxsj");
        assert_eq!(docs(i.search("WC")), vec![0]);
        assert_eq!(docs(i.search("  Ba Kery ")), vec![2]);
        assert_eq!(docs(i.search("ＷＣ")), vec![0], "full-width letters");
    }

    #[test]
    fn the_table_covers_common_characters() {
        assert_eq!(pinyin_of_char('洗'), Some("xi"));
        assert_eq!(pinyin_of_char('间'), Some("jian"));
        assert_eq!(pinyin_of_char('婴'), Some("ying"));
        assert_eq!(pinyin_of_char('a'), None);
        assert!(table::CHARS.len() >= 3700, "{}", table::CHARS.len());
        assert_eq!(table::CHARS.len(), table::SYLLABLE_OF.len());
    }

    #[test]
    fn one_typo_in_latin_text_is_forgiven() {
        let i = sample();
        assert_eq!(docs(i.search("bakrey")), Vec::<usize>::new(), "a swap is two edits");
        assert_eq!(docs(i.search("bakey")), vec![2]);
        assert_eq!(i.search("bakey")[0].rank, Rank::Typo);
        assert_eq!(docs(i.search("supermarkt")), vec![4]);
        assert!(i.search("xyz").is_empty());
    }

    #[test]
    fn ranking_exact_prefix_contains_pinyin_typo() {
        let i = Index::build(&[
            doc(&["Bakery"], &[]),        // typo of "baker"? no: prefix
            doc(&["Baker"], &[]),         // exact
            doc(&["面包 baker shop"], &[]), // contains after normalisation
            doc(&["白客"], &[]),          // pinyin "baike"… not "baker"
            doc(&["Bnker"], &[]),         // one typo
        ]);
        let hits = i.search("baker");
        let ranks: Vec<(usize, Rank)> = hits.iter().map(|h| (h.doc, h.rank)).collect();
        assert_eq!(ranks, vec![(1, Rank::Exact), (0, Rank::Prefix), (2, Rank::Contains), (4, Rank::Typo)]);
    }
}
