#include "jaryo/query_parser.hpp"

#include "jaryo/errors.hpp"
#include "jaryo/schema.hpp"
#include "jaryo/utf8.hpp"

#include <fmt/format.h>
#include <optional>

namespace jaryo {

namespace {

enum class Kind { Word, Phrase, Open, Close, Or, And, Not, End };

struct Lexeme {
    Kind kind;
    std::string_view text;
    std::size_t column; // 1-based, for messages
};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

class Lexer {
  public:
    explicit Lexer(std::string_view text) : text_(text) {}

    Lexeme next() {
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
        if (c == '-' && at_ + 1 < text_.size() && !is_space(text_[at_ + 1])) {
            ++at_;
            return {Kind::Not, "-", column};
        }
        if (c == '"') {
            const std::size_t close = text_.find('"', at_ + 1);
            const std::size_t end = close == std::string_view::npos ? text_.size() : close;
            const std::string_view phrase = text_.substr(at_ + 1, end - at_ - 1);
            at_ = close == std::string_view::npos ? text_.size()
                                                  : close + 1; // an unclosed quote runs to the end
            return {Kind::Phrase, phrase, column};
        }
        const std::size_t start = at_;
        while (at_ < text_.size() && !is_space(text_[at_]) && text_[at_] != '"' &&
               text_[at_] != '(' && text_[at_] != ')') {
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

  private:
    std::string_view text_;
    std::size_t at_ = 0;
};

Xapian::Query word_query(const Token& token) {
    // The exact spelling counts twice (stem and exact term), so it ranks above other forms.
    return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(schema::stem_term(token)),
                         Xapian::Query(token.norm));
}

class Parser {
  public:
    Parser(std::string_view text, Analyzer& analyzer) : lexer_(text), analyzer_(analyzer) {
        advance();
    }

    ParsedQuery parse() {
        std::optional<Xapian::Query> query = parse_or();
        if (lookahead_.kind == Kind::Close) {
            throw QueryError(
                fmt::format("unmatched ')' at column {} of the query", lookahead_.column));
        }
        if (!query) {
            throw QueryError("the query has no searchable words (only particles, punctuation or "
                             "operators); add a word to search for");
        }
        return {std::move(*query), std::move(highlights_)};
    }

  private:
    void advance() { lookahead_ = lexer_.next(); }

    std::optional<Xapian::Query> parse_or() {
        std::optional<Xapian::Query> left = parse_and();
        while (lookahead_.kind == Kind::Or) {
            advance();
            std::optional<Xapian::Query> right = parse_and();
            if (left && right) {
                left = Xapian::Query(Xapian::Query::OP_OR, *left, *right);
            } else if (right) {
                left = std::move(right);
            }
        }
        return left;
    }

    // Implicit AND of the operands; excluded ones are subtracted at the end.
    std::optional<Xapian::Query> parse_and() {
        std::vector<Xapian::Query> required;
        std::vector<Xapian::Query> excluded;
        while (true) {
            if (lookahead_.kind == Kind::And) {
                advance();
                continue;
            }
            bool negated = false;
            while (lookahead_.kind == Kind::Not) {
                negated = !negated;
                advance();
            }
            std::optional<Xapian::Query> operand = parse_primary(negated);
            if (!operand) {
                if (starts_operand()) {
                    continue; // a word with nothing searchable in it (a lone particle, "?")
                }
                break;
            }
            (negated ? excluded : required).push_back(std::move(*operand));
        }
        if (required.empty() && excluded.empty()) {
            return std::nullopt;
        }
        Xapian::Query query = required.empty() ? Xapian::Query::MatchAll
                                               : Xapian::Query(Xapian::Query::OP_AND,
                                                               required.begin(), required.end());
        for (const Xapian::Query& exclusion : excluded) {
            query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, exclusion);
        }
        return query;
    }

    bool starts_operand() const {
        return lookahead_.kind == Kind::Word || lookahead_.kind == Kind::Phrase ||
               lookahead_.kind == Kind::Open || lookahead_.kind == Kind::Not;
    }

    std::optional<Xapian::Query> parse_primary(bool negated) {
        switch (lookahead_.kind) {
        case Kind::Word:
        case Kind::Phrase: {
            const std::string_view text = lookahead_.text;
            advance();
            return text_query(text, negated);
        }
        case Kind::Open: {
            const std::size_t column = lookahead_.column;
            advance();
            std::optional<Xapian::Query> inner = parse_or();
            if (lookahead_.kind != Kind::Close) {
                throw QueryError(fmt::format("unmatched '(' at column {} of the query", column));
            }
            advance();
            return inner;
        }
        default:
            return std::nullopt;
        }
    }

    // A word or quoted phrase: one token is a term; several (gpt-4, "prefix lm") a phrase.
    std::optional<Xapian::Query> text_query(std::string_view text, bool negated) {
        std::vector<Token> tokens;
        std::optional<Xapian::Query> tag;
        std::size_t tag_end = 0;
        TokenStream stream = analyzer_.tokens(text);
        while (const Token* token = stream.next()) {
            if (token->particle || token->start < tag_end) {
                continue;
            }
            if (token->script == Script::Tag) {
                tag = Xapian::Query(std::string(schema::tag_prefix) + token->norm.substr(1));
                tag_end = token->end;
                remember(token->stem, negated);
                continue;
            }
            tokens.push_back(*token);
        }
        std::vector<Xapian::Query> parts;
        if (tag) {
            parts.push_back(std::move(*tag));
        }
        if (tokens.size() == 1) {
            parts.push_back(word_query(tokens.front()));
        } else if (tokens.size() > 1) {
            std::vector<Xapian::Query> terms;
            for (const Token& token : tokens) {
                terms.emplace_back(schema::stem_term(token));
            }
            parts.emplace_back(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), terms.size());
        }
        for (const Token& token : tokens) {
            remember(token.stem, negated);
        }
        if (parts.empty()) {
            return std::nullopt;
        }
        return parts.size() == 1 ? parts.front()
                                 : Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
    }

    void remember(const std::string& stem, bool negated) {
        if (!negated) {
            highlights_.push_back(stem);
        }
    }

    Lexer lexer_;
    Analyzer& analyzer_;
    Lexeme lookahead_{Kind::End, {}, 0};
    std::vector<std::string> highlights_;
};

} // namespace

ParsedQuery parse_query(std::string_view text, Analyzer& analyzer) {
    const std::string valid = utf8::make_valid(text);
    return Parser(valid, analyzer).parse();
}

} // namespace jaryo
