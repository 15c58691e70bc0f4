#pragma once
// Splits query text into words, quoted phrases, parentheses and operators (internal to the
// query parser).
#include <cstddef>
#include <string_view>

namespace jaryo::query {

enum class Kind { Word, Phrase, Open, Close, Or, And, Not, Require, End };

struct Lexeme {
    Kind kind;
    std::string_view text;
    std::size_t column; // 1-based, for messages
};

class Lexer {
  public:
    explicit Lexer(std::string_view text) : text_(text) {}

    Lexeme next();

  private:
    std::string_view text_;
    std::size_t at_ = 0;
};

} // namespace jaryo::query
