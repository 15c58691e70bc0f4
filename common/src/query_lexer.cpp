#include "query_lexer.hpp"

namespace jaryo::query {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

} // namespace

Lexeme Lexer::next() {
    while (at_ < text_.size() && is_space(text_[at_])) {
        ++at_;
    }
    const std::size_t column = at_ + 1;
    if (at_ >= text_.size()) {
        return {Kind::End, {}, column};
    }
    const char c = text_[at_];
    if (c == '(' || c == ')') {
        ++at_;
        return {c == '(' ? Kind::Open : Kind::Close, text_.substr(at_ - 1, 1), column};
    }
    if ((c == '-' || c == '+') && at_ + 1 < text_.size() && !is_space(text_[at_ + 1])) {
        ++at_;
        return {c == '-' ? Kind::Not : Kind::Require, text_.substr(at_ - 1, 1), column};
    }
    if (c == '"') {
        const std::size_t close = text_.find('"', at_ + 1);
        const std::size_t end = close == std::string_view::npos ? text_.size() : close;
        const std::string_view phrase = text_.substr(at_ + 1, end - at_ - 1);
        // An unclosed quote runs to the end.
        at_ = close == std::string_view::npos ? text_.size() : close + 1;
        return {Kind::Phrase, phrase, column};
    }
    const std::size_t start = at_;
    while (at_ < text_.size() && !is_space(text_[at_]) && text_[at_] != '"' && text_[at_] != '(' &&
           text_[at_] != ')') {
        ++at_;
    }
    const std::string_view word = text_.substr(start, at_ - start);
    if (word == "OR" || word == "||") {
        return {Kind::Or, word, column};
    }
    if (word == "AND" || word == "&&") {
        return {Kind::And, word, column};
    }
    if (word == "NOT") {
        return {Kind::Not, word, column};
    }
    return {Kind::Word, word, column};
}

} // namespace jaryo::query
