#pragma once
// Small UTF-8 helpers shared by the reader, analyzer and snippets.
#include <cstddef>
#include <string>
#include <string_view>

namespace jaryo::utf8 {

// Returns text with every ill-formed sequence replaced by U+FFFD.
std::string make_valid(std::string_view text);

// Length of the well-formed sequence at text[i], or 0 when it is ill-formed (RFC 3629).
std::size_t sequence_length(std::string_view text, std::size_t i);

// Decodes the code point starting at text[i] (text must be valid UTF-8) and advances i.
char32_t next(std::string_view text, std::size_t& i);

// Length in bytes of the code point ending just before text[end].
std::size_t previous_length(std::string_view text, std::size_t end);

void append(std::string& out, char32_t cp);

// The longest prefix of text no longer than max_bytes that ends on a code point boundary.
std::string_view truncate(std::string_view text, std::size_t max_bytes);

// Number of code points.
std::size_t length(std::string_view text);

// ASCII whitespace, where words end for the query lexer and for snippets. Inline: snippets test
// every byte of a passage.
inline bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

} // namespace jaryo::utf8
