#include "jaryo/query_parser.hpp"

#include "jaryo/errors.hpp"
#include "jaryo/glossary.hpp"
#include "jaryo/schema.hpp"
#include "jaryo/utf8.hpp"

#include <algorithm>
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
    return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(schema::stem_term(token.stem)),
                         Xapian::Query(token.norm));
}

// Words of a query group, with what spacing variants need to know about them.
struct Operand {
    Xapian::Query query;
    std::optional<Token> hangul; // set when the operand is one Korean word
    std::string key;             // its stems joined by spaces, for the glossary; empty for groups
};

// Glossary equivalents count for half of what the user typed.
constexpr double glossary_weight = 0.5;

Xapian::Query stems_query(const std::vector<std::string>& stems) {
    std::vector<Xapian::Query> terms;
    for (const std::string& stem : stems) {
        terms.emplace_back(schema::stem_term(stem));
    }
    return terms.size() == 1 ? terms.front()
                             : Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                                             static_cast<Xapian::termcount>(terms.size()));
}

constexpr std::size_t shortest_part = 2; // syllables of each half of a split compound
constexpr std::size_t syllable_bytes = 3;
constexpr std::size_t group_size_for_or = 3;

class Parser {
  public:
    Parser(std::string_view text, Analyzer& analyzer, const QueryContext& context)
        : lexer_(text), analyzer_(analyzer), lexicon_(context.lexicon),
          glossary_(context.glossary) {
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

    // Implicit AND of the operands (OR from three on); excluded ones are subtracted at the end.
    std::optional<Xapian::Query> parse_and() {
        std::vector<Operand> required;
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
            std::optional<Operand> operand = parse_primary(negated);
            if (!operand) {
                if (starts_operand()) {
                    continue; // a word with nothing searchable in it (a lone particle, "?")
                }
                break;
            }
            if (negated) {
                excluded.push_back(std::move(operand->query));
            } else {
                required.push_back(std::move(*operand));
            }
        }
        if (required.empty() && excluded.empty()) {
            return std::nullopt;
        }
        add_glossary_equivalents(required);
        join_spaced_words(required);
        std::vector<Xapian::Query> queries;
        for (Operand& operand : required) {
            queries.push_back(std::move(operand.query));
        }
        const auto op =
            queries.size() >= group_size_for_or ? Xapian::Query::OP_OR : Xapian::Query::OP_AND;
        Xapian::Query query = queries.empty() ? Xapian::Query::MatchAll
                                              : Xapian::Query(op, queries.begin(), queries.end());
        for (const Xapian::Query& exclusion : excluded) {
            query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, exclusion);
        }
        return query;
    }

    bool starts_operand() const {
        return lookahead_.kind == Kind::Word || lookahead_.kind == Kind::Phrase ||
               lookahead_.kind == Kind::Open || lookahead_.kind == Kind::Not;
    }

    std::optional<Operand> parse_primary(bool negated) {
        switch (lookahead_.kind) {
        case Kind::Word:
        case Kind::Phrase: {
            const std::string_view text = lookahead_.text;
            const bool quoted = lookahead_.kind == Kind::Phrase;
            advance();
            return text_query(text, negated, quoted);
        }
        case Kind::Open: {
            const std::size_t column = lookahead_.column;
            advance();
            std::optional<Xapian::Query> inner = parse_or();
            if (lookahead_.kind != Kind::Close) {
                throw QueryError(fmt::format("unmatched '(' at column {} of the query", column));
            }
            advance();
            if (!inner) {
                return std::nullopt;
            }
            return Operand{std::move(*inner), std::nullopt, {}};
        }
        default:
            return std::nullopt;
        }
    }

    // A word or quoted phrase: one token is a term; several (gpt-4, "prefix lm") a phrase.
    std::optional<Operand> text_query(std::string_view text, bool negated, bool quoted) {
        std::vector<Token> tokens;
        std::optional<Xapian::Query> tag;
        std::size_t tag_end = 0;
        TokenStream stream = analyzer_.tokens(text);
        while (const Token* token = stream.next()) {
            if (token->particle || token->start < tag_end) {
                continue;
            }
            if (token->script == Script::Tag) {
                tag = Xapian::Query(schema::tag_term(token->norm));
                tag_end = token->end;
                remember(token->stem, negated);
                continue;
            }
            tokens.push_back(*token);
        }
        std::vector<std::string> stems;
        for (const Token& token : tokens) {
            stems.push_back(token.stem);
        }
        std::vector<Xapian::Query> parts;
        if (tag) {
            parts.push_back(std::move(*tag));
        }
        Operand operand;
        if (tokens.size() == 1) {
            Xapian::Query word = word_query(tokens.front());
            if (!quoted && tokens.front().script == Script::Hangul) {
                if (std::optional<Xapian::Query> split = split_compound(tokens.front().stem)) {
                    word = Xapian::Query(Xapian::Query::OP_OR, word, *split);
                }
                operand.hangul = tokens.front();
            }
            parts.push_back(std::move(word));
        } else if (tokens.size() > 1) {
            parts.push_back(stems_query(stems));
        }
        for (const std::string& stem : stems) {
            remember(stem, negated);
        }
        if (parts.empty()) {
            return std::nullopt;
        }
        if (parts.size() > 1) {
            operand.hangul.reset();
        } else if (!tag) {
            operand.key = Glossary::key_of(stems);
        }
        operand.query = parts.size() == 1
                            ? parts.front()
                            : Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
        return operand;
    }

    void remember(const std::string& stem, bool negated) {
        if (!negated) {
            highlights_.push_back(stem);
        }
    }

    bool indexed(const std::string& stem) const {
        return lexicon_ != nullptr && lexicon_->term_exists(schema::stem_term(stem));
    }

    // The split of an unspaced Korean word into two indexed words that both occur most often.
    std::optional<Xapian::Query> split_compound(const std::string& stem) const {
        if (lexicon_ == nullptr || stem.size() < 2 * shortest_part * syllable_bytes) {
            return std::nullopt;
        }
        Xapian::doccount best = 0;
        std::optional<Xapian::Query> split;
        for (std::size_t cut = shortest_part * syllable_bytes;
             cut + shortest_part * syllable_bytes <= stem.size(); cut += syllable_bytes) {
            const std::string left = schema::stem_term(std::string_view(stem).substr(0, cut));
            const std::string right = schema::stem_term(std::string_view(stem).substr(cut));
            const Xapian::doccount rarer =
                std::min(lexicon_->get_termfreq(left), lexicon_->get_termfreq(right));
            if (rarer > best) {
                best = rarer;
                const Xapian::Query parts[] = {Xapian::Query(left), Xapian::Query(right)};
                split =
                    Xapian::Query(Xapian::Query::OP_PHRASE, std::begin(parts), std::end(parts), 2);
            }
        }
        return split;
    }

    // Two adjacent Korean words, or their joined form when the notes write it unspaced.
    void join_spaced_words(std::vector<Operand>& operands) const {
        for (std::size_t i = 0; i + 1 < operands.size(); ++i) {
            const std::optional<Token>& left = operands[i].hangul;
            const std::optional<Token>& right = operands[i + 1].hangul;
            if (!left || !right) {
                continue;
            }
            const std::string joined = left->norm + right->stem;
            if (!indexed(joined)) {
                continue;
            }
            operands[i].query = Xapian::Query(
                Xapian::Query::OP_OR,
                Xapian::Query(Xapian::Query::OP_AND, operands[i].query, operands[i + 1].query),
                Xapian::Query(schema::stem_term(joined)));
            operands[i].hangul.reset();
            operands.erase(operands.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        }
    }

    // Runs of words the glossary lists, longest first, also search their equivalents.
    void add_glossary_equivalents(std::vector<Operand>& operands) {
        if (glossary_ == nullptr) {
            return;
        }
        for (std::size_t i = 0; i < operands.size(); ++i) {
            const std::size_t longest =
                std::min(glossary_->longest_expression(), operands.size() - i);
            for (std::size_t length = longest; length >= 1; --length) {
                std::string key;
                bool keyed = true;
                for (std::size_t k = i; k < i + length && keyed; ++k) {
                    keyed = !operands[k].key.empty();
                    key += (key.empty() ? "" : " ") + operands[k].key;
                }
                const std::vector<const Glossary::Expression*> equivalents =
                    keyed ? glossary_->alternatives(key)
                          : std::vector<const Glossary::Expression*>();
                if (!equivalents.empty()) {
                    merge_with_equivalents(operands, i, length, equivalents);
                    break;
                }
            }
        }
    }

    void merge_with_equivalents(std::vector<Operand>& operands, std::size_t first,
                                std::size_t length,
                                const std::vector<const Glossary::Expression*>& equivalents) {
        std::vector<Xapian::Query> typed;
        for (std::size_t k = first; k < first + length; ++k) {
            typed.push_back(operands[k].query);
        }
        std::vector<Xapian::Query> others;
        for (const Glossary::Expression* expression : equivalents) {
            others.push_back(stems_query(expression->stems));
            highlights_.insert(highlights_.end(), expression->stems.begin(),
                               expression->stems.end());
        }
        const Xapian::Query equivalent(
            Xapian::Query::OP_SCALE_WEIGHT,
            Xapian::Query(Xapian::Query::OP_OR, others.begin(), others.end()), glossary_weight);
        Operand& merged = operands[first];
        merged.query = Xapian::Query(
            Xapian::Query::OP_OR,
            length == 1 ? typed.front()
                        : Xapian::Query(Xapian::Query::OP_AND, typed.begin(), typed.end()),
            equivalent);
        if (length > 1) {
            merged.hangul.reset();
            merged.key.clear();
            operands.erase(operands.begin() + static_cast<std::ptrdiff_t>(first) + 1,
                           operands.begin() + static_cast<std::ptrdiff_t>(first + length));
        }
    }

    Lexer lexer_;
    Analyzer& analyzer_;
    const Xapian::Database* lexicon_;
    const Glossary* glossary_;
    Lexeme lookahead_{Kind::End, {}, 0};
    std::vector<std::string> highlights_;
};

} // namespace

ParsedQuery parse_query(std::string_view text, Analyzer& analyzer, const QueryContext& context) {
    const std::string valid = utf8::make_valid(text);
    return Parser(valid, analyzer, context).parse();
}

} // namespace jaryo
