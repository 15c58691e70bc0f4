#pragma once
// How a note is laid out in a Xapian document. Indexing and searching both go through here;
// jaryo/note_document.hpp (index) fills a document, load() reads one back.
//
// Terms:  Z<stem>  positional, what queries match (phrases run on stems)
//         <norm>   exact normalised form where it differs from the stem, no positions (ranks
//                  exact spellings higher)
//         S<stem>  title words          K<tag>  hashtags and front-matter tags (without '#')
//         A<id>    arXiv ids, from the text and from links
//         P<name>  each folder name of the path, and the file name (case-folded)
//         Q<path>  unique id (long paths are shortened with a hash)
//         G<a>\t<b> a gloss the note writes, both ways: 역전파(backpropagation) gives
//                  G역전파\tbackpropag and Gbackpropag\t역전파 (analysed keys); their term
//                  frequencies count the notes that gloss so (jaryo/glosses.hpp)
// Values: path, size:mtime_ns signature (incremental updates), date as YYYY-MM-DD (ranges and
//         sorting), tie order (8 bytes)
// Data:   JSON {"path","title","date","tags","arxiv","mtime"}, a NUL byte, then the note's
//         text: everything a hit needs, also over Xapian's remote backend.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include <xapian.h>

namespace jaryo::schema {

inline constexpr std::string_view stem_prefix = "Z";
inline constexpr std::string_view title_prefix = "S";
inline constexpr std::string_view tag_prefix = "K";
inline constexpr std::string_view arxiv_prefix = "A";
inline constexpr std::string_view path_prefix = "P";
inline constexpr std::string_view unique_prefix = "Q";
inline constexpr std::string_view gloss_prefix = "G";

inline constexpr Xapian::valueno path_slot = 0;
inline constexpr Xapian::valueno signature_slot = 1;
// Slot 2 held the mtime in seconds up to schema 3; it is in the data now.
inline constexpr Xapian::valueno date_slot = 3;
// Equal scores are ordered by this key, never by document id (ids depend on how notes are
// sharded). A hash of the path rather than the path itself: the candidate cut reads the key of
// every match, and 8 bytes a note cost an eighth of the reads of the path.
inline constexpr Xapian::valueno tie_order_slot = 4;
// A hash of the note's text: copies of one note (a paper saved in two folders) count once where
// notes are counted as witnesses (glosses).
inline constexpr Xapian::valueno content_slot = 5;

// Bump when the layout above changes; databases with a newer version are refused, older ones
// re-indexed.
inline constexpr int version = 6;
inline constexpr const char* version_key = "jaryo.schema";
inline constexpr const char* analyzer_key = "jaryo.analyzer";
// The analysed glossary (Glossary::stored_form), so that searches need not analyse it: entry
// "" under this key, each other entry under the prefix and its name.
inline constexpr const char* glossary_key = "jaryo.glossary";
inline constexpr const char* glossary_entry_prefix = "jaryo.glossary:";
std::string glossary_entry_key(const std::string& name);
inline constexpr const char* roots_key = "jaryo.roots";

// Title words weigh this many body words.
inline constexpr Xapian::termcount title_weight = 4;

std::string unique_term(std::string_view path);
std::string signature(std::uint64_t size, std::int64_t mtime_ns);
std::string tie_order_key(std::string_view path);
std::string content_key(std::string_view text);

// Terms as stored: a prefix, then the text.
std::string term(std::string_view prefix, std::string_view text);
std::string stem_term(std::string_view stem);
std::string title_term(std::string_view stem);
std::string tag_term(std::string_view tag); // from "#alignment" or "alignment"
std::string arxiv_term(std::string_view id);
// A note's gloss of `key` as `other` (glossary keys: stems joined by spaces); empty where the
// two are too long for a term.
std::string gloss_term(std::string_view key, std::string_view other);
// The start of every gloss term of `key`.
std::string gloss_term_prefix(std::string_view key);
// A folder or file name, normalised as the analyzer normalises text (case-folded, NFKC).
std::string path_term(std::string_view folded_name);
// A word's exact form is a term of its own only where it differs from its stem (models, 모델을);
// elsewhere the stem term is the exact form too, and a second term would only cost space.
bool has_exact_term(std::string_view norm, std::string_view stem);
// A term as people read it: Zmodel → model, Kalignment → #alignment, Stitle → title.
std::string readable_term(std::string_view term);

// Ends the JSON in a document's data; the note's text follows as it is, so that loading a hit
// does not lex its whole text as a JSON string. JSON holds no NUL byte (it would be escaped),
// so the first one is this.
inline constexpr char text_separator = '\0';

struct StoredNote {
    std::string path;
    std::string title;
    std::string text;
    std::string date;              // YYYY-MM-DD
    std::vector<std::string> tags; // normalised, without '#', in order of appearance
    std::vector<std::string> arxiv;
    std::int64_t mtime_seconds = 0;
};
StoredNote load(const Xapian::Document& document);

} // namespace jaryo::schema
