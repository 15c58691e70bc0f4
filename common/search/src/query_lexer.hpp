#pragma once
// Splits query text into words, quoted phrases, parentheses and operators (internal to the
// query parser).
#include <cstddef>
#include <string>
#include <string_view>

namespace jaryo::query {

enum class Kind { Word, Phrase, Field, Open, Close, Or, And, Not, Require, Near, End };

struct Lexeme {
    Kind kind;
    std::string_view text;     // a Field's value (unquoted), NEAR's distance ("" for the default)
    std::size_t column;        // 1-based, for messages
    std::string_view field{};  // Field: the name before ':'
    std::string_view source{}; // Field: name, ':' and value as typed, for unknown names
};

// `text` (valid UTF-8) with the spaces, quotes, colons and parentheses that input methods and
// copied text bring (U+3000, no-break spaces, “ ”, ：, （ ）) as their ASCII counterparts, which
// the lexer reads as operators.
std::string with_ascii_punctuation(std::string_view text);

class Lexer {
  public:
    explicit Lexer(std::string_view text) : text_(text) {}

    Lexeme next();

  private:
    std::string_view quoted(); // from the opening '"' at the cursor
    std::string_view text_;
    std::size_t at_ = 0;
};

} // namespace jaryo::query
