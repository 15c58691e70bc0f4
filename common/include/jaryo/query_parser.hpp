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
#include "jaryo/analyzer.hpp"

#include <string>
#include <string_view>
#include <vector>
#include <xapian.h>

namespace jaryo {

struct ParsedQuery {
    Xapian::Query query;
    // Stems of the words searched for (not excluded ones): what snippets highlight.
    std::vector<std::string> highlight_stems;
};

// Throws QueryError when nothing searchable is left or parentheses do not match.
ParsedQuery parse_query(std::string_view text, Analyzer& analyzer);

} // namespace jaryo
