#pragma once
// A short passage of a note around its best match, with the matched words marked.
#include "jaryo/analyzer.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace jaryo {

struct Snippet {
    std::string text;                                            // one line, whitespace collapsed
    std::vector<std::pair<std::size_t, std::size_t>> highlights; // byte ranges in text, ascending
};

// The passage of about `width` characters holding the most distinct `stems`; words are
// highlighted whole, with any particle glued to them (모델을 for 모델, lm이 for lm).
Snippet make_snippet(std::string_view text, const std::unordered_set<std::string>& stems,
                     Analyzer& analyzer, std::size_t width = 160);

} // namespace jaryo
