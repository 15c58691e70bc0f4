#pragma once
// What the notes of a database gloss a term as (internal to the search library): the pairs the
// index counts (jaryo/glosses.hpp), with the candidates that the notes do not agree on left out.
#include <string>
#include <vector>
#include <xapian.h>

namespace jaryo {
class Glossary;
}

namespace jaryo::query {

// The keys the notes gloss `key` as, where at least two notes gloss so, where `key` is the
// term those glosses are given for too (in "대규모 언어 모델(LLM)" the gloss LLM belongs to the
// whole term, not to 모델 or 언어 모델), and where `glossary` does not veto the pair.
std::vector<std::string> glossed_as(const Xapian::Database& notes, const std::string& key,
                                    const Glossary* glossary);

} // namespace jaryo::query
