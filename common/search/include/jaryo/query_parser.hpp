#pragma once
// Turns what a user types into a Xapian query, analysing every word with the same analyzer
// that indexed the notes.
//
//   prefix lm            notes with both words first, then notes with either
//   +prefix lm           prefix required (also: prefix AND lm requires both)
//   "prefix lm"          a phrase (particles in the text do not break it: prefix lm이)
//   lm -causal           exclusion (also: NOT causal)
//   bert OR gpt          either; binds tighter than words side by side
//   (bert OR gpt) 압축   grouping
//   #alignment           a hashtag (notes that only write the word rank below)
//   모델*                words starting with 모델 (the 100 most frequent in the index)
//   모델 NEAR 학습       both words within 10 words of each other (NEAR/5: within 5)
//   title:prefix         title words (also 제목:); title:"prefix lm" needs both
//   tag:alignment        the same as #alignment (also 태그:)
//   path:papers/2023     notes under folders named papers and 2023 (also 경로:)
//   arxiv:2308.06912     notes that mention or link the paper; a bare id works too
//   date:2023-08..2023-09, year:2023   notes dated in the range (also 날짜:, 연도:)
#include "jaryo/analyzer.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <xapian.h>

namespace jaryo {

class Glossary;

// What a query may consult beyond its own text; each part is optional.
struct QueryContext {
    const Xapian::Database* lexicon = nullptr; // the database to be searched: spacing variants
    const Glossary* glossary = nullptr;        // Korean ↔ English synonyms
};

// Why a query searches a term; --explain shows it for each term a hit matched.
enum class TermOrigin {
    Exact,      // the word as typed, normalised
    Stem,       // its stem: other forms of the word (모델을 → 모델, models → model)
    Phrase,     // one word of a phrase (gpt-4, "prefix lm")
    Decompound, // half of an unspaced compound (프롬프트엔지니어링 → 엔지니어링)
    Joined,     // two typed words written as one (하이퍼 파라미터 → 하이퍼파라미터)
    Glossary,   // an equivalent from the glossary (환각 → hallucination)
    Title,      // the typed word in a title or file name
    Tag,        // a hashtag, or a note tagged with the typed word
    TagWords,   // a hashtag's words in the text (#weak_supervision → weak supervision)
    Wildcard,   // a word starting with what was typed before '*' (모델* → 모델링)
    Arxiv,      // an arXiv id the note links or mentions
};
std::string_view to_string(TermOrigin origin);

struct QueryTerm {
    std::string term;  // as indexed, with its prefix (see schema.hpp); for Wildcard, the prefix
    std::string typed; // the query text it comes from
    TermOrigin origin;
};

// Given a phrase or NEAR query and its terms, the query to build in its place.
using PositionalRewrite =
    std::function<Xapian::Query(const Xapian::Query&, const std::vector<std::string>&)>;

// The operands side by side at the top of a query (words, phrases, groups, ranked fields), each
// its own query, and which of them are required.
struct TopOperands {
    std::vector<Xapian::Query> queries;
    std::vector<bool> required;
};

// A form of a query, and its top operands where it is one group of them side by side (no OR
// between groups); none otherwise.
struct QueryForm {
    Xapian::Query query;
    TopOperands top;
};

// What a query form weighs for a note, from what each of its top operands weighs for it (0
// where one does not match it): their sum with the bonuses for matching all of them and any two
// of them. None where the note does not match: no operand, or not every required one. Proximity
// bonuses are not counted.
std::optional<double> combined_weight(const TopOperands& top, const std::vector<double>& weights,
                                      const std::vector<bool>& matched);

struct ParsedQuery {
    Xapian::Query query; // with the bonuses for all words, pairs and proximity
    // The same matches without those bonuses: plain BM25, which Xapian can cut short. The
    // searcher ranks with it first and rescores only its best candidates with `query`.
    Xapian::Query plain;
    // `plain` with every phrase and NEAR loosened to the AND of its words: what the searcher
    // picks candidates with, checking positions only over them. Under an OR, Xapian 1.4.22
    // reads the document lengths again and again for a weighted phrase (a long question at 100k
    // notes: 3,300 block reads instead of 400), and a phrase alone reads the positions of every
    // note with its words ("language model" at 100k notes: 24 -> 17 ms).
    Xapian::Query loose;
    // `query` without its phrase and NEAR bonuses, and those bonuses apart (weights summed): the
    // searcher scores each of them over the candidates alone, because Xapian 1.4.22 weighs
    // optional positional subqueries wrongly when a short list of candidates leads the match.
    Xapian::Query unpositioned;
    // Its top operands: weighing each once and adding the bonuses up (combined_weight) costs
    // the searcher a walk of each operand's posting lists, where Xapian walks them again for
    // the all-words bonus and each pair.
    TopOperands top;
    std::vector<Xapian::Query> proximity;
    // Phrases and NEARs left inside `unpositioned`: quoted phrases, a glossary's multi-word
    // equivalents, NEAR. Xapian 1.4.22 credits them wrongly too when candidates lead, so the
    // searcher rebuilds `unpositioned` with each one rewritten (unpositioned_rewritten).
    std::size_t positional_count = 0;
    // Stems of the words searched for (not excluded ones): what snippets highlight.
    std::vector<std::string> highlight_stems;
    // Every term searched for (not excluded ones), the first origin of each.
    std::vector<QueryTerm> terms;

    // Keeps only the notes `filter` matches, in every form of the query.
    void restrict_to(const Xapian::Query& filter);

    // `unpositioned` and its top operands, parsed again with each phrase and NEAR in them
    // replaced by what `rewrite` makes of it; restricted as `unpositioned` is. The analyzer and
    // context given to parse_query must still be alive.
    QueryForm unpositioned_rewritten(const PositionalRewrite& rewrite) const;

  private:
    friend ParsedQuery parse_query(std::string_view, Analyzer&, const QueryContext&);
    std::function<QueryForm(const PositionalRewrite&)> rebuild_;
    std::vector<Xapian::Query> restrictions_;
};

// Throws QueryError when nothing searchable is left or parentheses do not match.
//
// With a glossary, a word or run of words that it lists also searches its equivalents, weighted
// below what was typed (환각 also finds hallucination; 능동 학습, active learning).
// With a lexicon (the database to be searched), Korean spacing variants meet: an unspaced
// word also searches its split into two indexed words as a phrase (프롬프트엔지니어링 finds
// 프롬프트 엔지니어링), and two adjacent words also search their joined form when it is indexed
// (하이퍼 파라미터 finds 하이퍼파라미터).
// Words side by side need not all match (+word or AND makes one required): notes with more of
// them, and with neighbours close together, rank higher, so questions find notes that answer
// them in other words. Function words (the, why, 방법, 없이) are dropped from queries that have
// other words.
ParsedQuery parse_query(std::string_view text, Analyzer& analyzer,
                        const QueryContext& context = {});

} // namespace jaryo
