#pragma once
// What widens or narrows a clause of a query tree once it is parsed (internal to the search
// library), in this order: glossary equivalents, spacing variants, function words.
#include "jaryo/query_tree.hpp"

#include <vector>
#include <xapian.h>

namespace jaryo {
class Glossary;
}

namespace jaryo::query {

// `from` joins `into`, which becomes a compound operand (no longer one word).
void absorb(Operand& into, Operand&& from);

// Runs of words the glossary lists, or the notes gloss (note_glosses.hpp), longest first, also
// search their equivalents. Either source may be missing.
void add_glossary_equivalents(std::vector<Operand>& operands, const Glossary* glossary,
                              const Xapian::Database* notes);

// Two adjacent Korean words also search their joined form where the notes write it unspaced.
void join_spaced_words(std::vector<Operand>& operands, const Xapian::Database& lexicon);

// Function words go, unless nothing else is left or the user required them.
void drop_stopwords(std::vector<Operand>& operands);

} // namespace jaryo::query
