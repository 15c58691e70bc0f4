#pragma once
// Turns what a user types into a Xapian query, analysing every word with the same analyzer
// that indexed the notes.
//
//   prefix lm            both words (AND)
//   "prefix lm"          a phrase (particles in the text do not break it: prefix lm이)
//   lm -causal           exclusion (also: NOT causal)
//   bert OR gpt          either; binds tighter than the implicit AND
//   (bert OR gpt) 압축   grouping
//   #alignment           a hashtag
//   a b c ...            three or more words: ranked by how many (and how well) they match
#include "jaryo/analyzer.hpp"

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

struct ParsedQuery {
    Xapian::Query query;
    // Stems of the words searched for (not excluded ones): what snippets highlight.
    std::vector<std::string> highlight_stems;
};

// Throws QueryError when nothing searchable is left or parentheses do not match.
//
// With a glossary, a word or run of words that it lists also searches its equivalents, weighted
// below what was typed (환각 also finds hallucination; 능동 학습, active learning).
// With a lexicon (the database to be searched), Korean spacing variants meet: an unspaced
// word also searches its split into two indexed words as a phrase (프롬프트엔지니어링 finds
// 프롬프트 엔지니어링), and two adjacent words also search their joined form when it is indexed
// (하이퍼 파라미터 finds 하이퍼파라미터). Three or more words rank with OR instead of requiring
// every one, so questions find notes that answer them in other words.
ParsedQuery parse_query(std::string_view text, Analyzer& analyzer,
                        const QueryContext& context = {});

} // namespace jaryo
