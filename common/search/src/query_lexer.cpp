#include "query_lexer.hpp"

#include "jaryo/utf8.hpp"

#include <algorithm>

namespace jaryo::query {

namespace {

// Field names are letters: ASCII ones, or any non-ASCII (태그, 제목).
bool is_field_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || byte >= 0x80;
    });
}

// What an ASCII space, quote, colon or parenthesis is typed as elsewhere; 0 for none.
char ascii_counterpart(char32_t code_point) {
    switch (code_point) {
    case U'\u00A0': // no-break space
    case U'\u1680':
    case U'\u2000':
    case U'\u2001':
    case U'\u2002':
    case U'\u2003':
    case U'\u2004':
    case U'\u2005':
    case U'\u2006':
    case U'\u2007':
    case U'\u2008':
    case U'\u2009':
    case U'\u200A':
    case U'\u202F':
    case U'\u205F':
    case U'\u3000': // ideographic space
        return ' ';
    case U'\u201C': // “
    case U'\u201D': // ”
    case U'\u201E': // „
    case U'\u201F':
    case U'\u2033': // ″
    case U'\uFF02': // ＂
        return '"';
    case U'\uFF1A': // ：
    case U'\uFE55':
        return ':';
    case U'\uFF08': // （
        return '(';
    case U'\uFF09': // ）
        return ')';
    default:
        return 0;
    }
}

} // namespace

std::string with_ascii_punctuation(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t start = i;
        const char ascii = ascii_counterpart(utf8::next(text, i));
        if (ascii != 0) {
            out += ascii;
        } else {
            out.append(text, start, i - start);
        }
    }
    return out;
}

std::string_view Lexer::quoted() {
    const std::size_t close = text_.find('"', at_ + 1);
    const std::size_t end = close == std::string_view::npos ? text_.size() : close;
    const std::string_view inside = text_.substr(at_ + 1, end - at_ - 1);
    // An unclosed quote runs to the end.
    at_ = close == std::string_view::npos ? text_.size() : close + 1;
    return inside;
}

Lexeme Lexer::next() {
    while (at_ < text_.size() && utf8::is_space(text_[at_])) {
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
    if ((c == '-' || c == '+') && at_ + 1 < text_.size() && !utf8::is_space(text_[at_ + 1])) {
        ++at_;
        return {c == '-' ? Kind::Not : Kind::Require, text_.substr(at_ - 1, 1), column};
    }
    if (c == '"') {
        return {Kind::Phrase, quoted(), column};
    }
    const std::size_t start = at_;
    while (at_ < text_.size() && !utf8::is_space(text_[at_]) && text_[at_] != '"' &&
           text_[at_] != '(' && text_[at_] != ')') {
        ++at_;
    }
    const std::string_view word = text_.substr(start, at_ - start);
    const std::size_t colon = word.find(':');
    if (colon != std::string_view::npos && is_field_name(word.substr(0, colon))) {
        const std::string_view name = word.substr(0, colon);
        if (colon + 1 == word.size() && at_ < text_.size() && text_[at_] == '"') {
            const std::string_view value = quoted();
            return {Kind::Field, value, column, name, text_.substr(start, at_ - start)};
        }
        if (colon + 1 < word.size()) {
            return {Kind::Field, word.substr(colon + 1), column, name, word};
        }
    }
    if (word == "NEAR" || word.substr(0, 5) == "NEAR/") {
        return {Kind::Near, word.substr(std::min<std::size_t>(word.size(), 5)), column};
    }
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
