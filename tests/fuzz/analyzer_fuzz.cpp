// Any bytes, made valid UTF-8 as the note reader would: tokens must lie inside the text, in
// order, with terms no longer than Xapian accepts.
#include "jaryo/analyzer.hpp"
#include "jaryo/utf8.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static jaryo::Analyzer analyzer;
    const std::string text =
        jaryo::utf8::make_valid(std::string_view(reinterpret_cast<const char*>(data), size));
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
    }
    return 0;
}
