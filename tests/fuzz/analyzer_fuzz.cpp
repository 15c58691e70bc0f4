// Any bytes, made valid UTF-8 as the note reader would: tokens must lie inside the text, in
// order, with terms no longer than Xapian accepts; and each word between whitespace must give
// the same tokens alone as in the text, which snippets rely on (they analyse only the words
// that can match).
#include "jaryo/analyzer.hpp"
#include "jaryo/utf8.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <tuple>
#include <vector>

namespace {

using Seen = std::tuple<std::size_t, std::size_t, std::string, std::string, jaryo::Script, bool>;

// What a token says, its offsets counted from `offset` bytes before its text.
Seen seen_of(const jaryo::Token& token, std::size_t offset) {
    return {offset + token.start, offset + token.end, token.norm,
            token.stem,           token.script,       token.particle};
}

void analyse(jaryo::Analyzer& analyzer, std::string_view text, std::size_t offset,
             std::vector<Seen>& seen) {
    jaryo::TokenStream tokens = analyzer.tokens(text);
    while (const jaryo::Token* token = tokens.next()) {
        seen.push_back(seen_of(*token, offset));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static jaryo::Analyzer analyzer;
    const std::string text =
        jaryo::utf8::make_valid(std::string_view(reinterpret_cast<const char*>(data), size));
    std::vector<Seen> whole;
    {
        jaryo::TokenStream tokens = analyzer.tokens(text);
        std::uint32_t last_position = 0;
        while (const jaryo::Token* token = tokens.next()) {
            if (token->start > token->end || token->end > text.size() ||
                token->position < last_position ||
                token->norm.size() > jaryo::Analyzer::max_term_bytes ||
                token->stem.size() > jaryo::Analyzer::max_term_bytes ||
                jaryo::utf8::make_valid(token->stem) != token->stem) {
                std::abort();
            }
            last_position = token->position;
            whole.push_back(seen_of(*token, 0));
        }
    }
    std::vector<Seen> by_word;
    for (std::size_t from = 0; from < text.size();) {
        std::size_t to = from;
        while (to < text.size() && !jaryo::utf8::is_space(text[to])) {
            ++to;
        }
        analyse(analyzer, std::string_view(text).substr(from, to - from), from, by_word);
        from = to + 1;
    }
    if (by_word != whole) {
        std::abort();
    }
    return 0;
}
