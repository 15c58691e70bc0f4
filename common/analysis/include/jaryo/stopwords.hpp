#pragma once
// Words that carry no topic in a query of several words: English function words (the, is,
// why) and the Korean ones that frame a question (방법, 없이, 어떻게). Only queries drop them;
// the index keeps every word, so phrases and a query made only of them still work.
#include <string_view>

namespace jaryo {

// `norm`: a token's normalised form (case-folded, particles already split off for Korean).
bool is_stopword(std::string_view norm);

} // namespace jaryo
