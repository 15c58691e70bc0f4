#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace jaryo {

enum class Script : std::uint8_t { Latin, Hangul, Han, Number, Mixed, Arxiv, Tag, Other };

std::string_view to_string(Script script);

// One unit of analysed text. Offsets point into the text given to the analyzer, so the same
// token drives indexing, query building and snippet highlighting.
struct Token {
    std::string_view surface; // as written in the source
    std::string norm;         // NFKC + case folded; the exact term
    std::string stem;         // what searches match: particles stripped, English stemmed
    std::size_t start = 0;    // byte offsets of surface in the source
    std::size_t end = 0;
    std::uint32_t position = 0; // word position, 1-based; particles share their host's
    Script script = Script::Other;
    bool particle = false; // a particle glued to a foreign word (lm이): no term of its own
};

} // namespace jaryo
