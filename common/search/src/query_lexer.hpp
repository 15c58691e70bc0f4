#pragma once
// Splits query text into words, quoted phrases, parentheses and operators (internal to the
// query parser).
#include <cstddef>
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
