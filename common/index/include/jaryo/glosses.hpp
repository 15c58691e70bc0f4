#pragma once
// Glosses a note writes: a term followed by its equivalent in the other script in parentheses,
// 역전파(backpropagation), latent space (잠재 공간), 대규모 언어 모델(LLM). The index keeps each
// as a pair of gloss terms (jaryo/schema.hpp), so a database counts how many notes gloss so;
// searches use the pairs enough notes agree on (search's note_glosses).
#include "jaryo/analyzer.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jaryo {

// Every (term, gloss) pair `text` may mean, as glossary keys (stems joined by spaces). The
// words in parentheses (1 to 3, all Hangul or all Latin) are the gloss; the term is 1, 2 or 3 of
// the words of the other script just before them, each length a candidate of its own:
// (모델, llm), (언어 모델, llm), (대규모 언어 모델, llm). Which candidate is meant is decided over
// all the notes, where the pairs are counted.
std::vector<std::pair<std::string, std::string>> gloss_candidates(std::string_view text,
                                                                  Analyzer& analyzer);

} // namespace jaryo
