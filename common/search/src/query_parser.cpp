#include "jaryo/query_parser.hpp"

#include "query_builder.hpp"
#include "query_lexer.hpp"
#include "query_passes.hpp"

#include "jaryo/errors.hpp"
#include "jaryo/glossary.hpp"
#include "jaryo/query_fields.hpp"
#include "jaryo/schema.hpp"
#include "jaryo/spelling.hpp"
#include "jaryo/stopwords.hpp"
#include "jaryo/utf8.hpp"

#include <algorithm>
#include <cstdlib>
#include <fmt/format.h>
#include <optional>
#include <utility>

namespace jaryo {

namespace {

using query::Kind;
using query::Lexeme;
using query::NodePtr;
using query::Operand;

// NEAR without a distance, and the largest distance accepted.
constexpr Xapian::termcount default_near_window = 10;
constexpr unsigned long max_near_window = 1000;

constexpr std::size_t shortest_part = 2; // syllables of each half of a split compound
constexpr std::size_t syllable_bytes = 3;

NodePtr make_node(auto kind) {
    return std::make_shared<const query::Node>(query::Node{std::move(kind)});
}

// The tag a note would carry for this word: #모델 for 모델을, #models for models.
std::string tag_term_of(const Token& token) {
    return schema::tag_term(token.script == Script::Hangul ? token.stem : token.norm);
}

// Text to tree: every word analysed here, once.
class Parser {
  public:
    Parser(std::string_view text, Analyzer& analyzer, const QueryContext& context)
        : lexer_(text), analyzer_(analyzer), context_(context) {
        advance();
    }

    query::Tree parse() {
        std::optional<query::Tree> tree = parse_or();
        if (lookahead_.kind == Kind::Close) {
            throw QueryError(
                fmt::format("unmatched ')' at column {} of the query", lookahead_.column));
        }
        if (!tree) {
            throw QueryError("the query has no searchable words (only particles, punctuation or "
                             "operators); add a word to search for");
        }
        tree->warnings = std::move(warnings_);
        return std::move(*tree);
    }

  private:
    void advance() { lookahead_ = lexer_.next(); }

    std::optional<query::Tree> parse_or() {
        std::optional<query::Tree> tree;
        while (true) {
            if (std::optional<query::Clause> clause = parse_and()) {
                if (!tree) {
                    tree.emplace();
                }
                tree->clauses.push_back(std::move(*clause));
            }
            if (lookahead_.kind != Kind::Or) {
                return tree;
            }
            advance();
        }
    }

    // Operands side by side, and what they exclude.
    std::optional<query::Clause> parse_and() {
        query::Clause clause;
        bool require_next = false;
        while (true) {
            if (lookahead_.kind == Kind::And) {
                advance();
                if (!clause.operands.empty()) {
                    clause.operands.back().required = true;
                }
                require_next = true;
                continue;
            }
            if (lookahead_.kind == Kind::Near) {
                join_near(clause.operands);
                continue;
            }
            bool negated = false;
            bool required = std::exchange(require_next, false);
            while (lookahead_.kind == Kind::Not || lookahead_.kind == Kind::Require) {
                negated = negated != (lookahead_.kind == Kind::Not);
                required = required || lookahead_.kind == Kind::Require;
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
                clause.excluded.push_back(std::move(operand->node));
            } else {
                operand->required = operand->required || required;
                clause.operands.push_back(std::move(*operand));
            }
        }
        if (clause.operands.empty() && clause.excluded.empty()) {
            return std::nullopt;
        }
        if (context_.glossary != nullptr || context_.lexicon != nullptr) {
            query::add_glossary_equivalents(clause.operands, context_.glossary, context_.lexicon);
        }
        if (context_.lexicon != nullptr) {
            query::join_spaced_words(clause.operands, *context_.lexicon);
        }
        query::drop_stopwords(clause.operands);
        return clause;
    }

    bool starts_operand() const {
        return lookahead_.kind == Kind::Word || lookahead_.kind == Kind::Phrase ||
               lookahead_.kind == Kind::Open || lookahead_.kind == Kind::Not ||
               lookahead_.kind == Kind::Require;
    }

    std::optional<Operand> parse_primary(bool negated) {
        switch (lookahead_.kind) {
        case Kind::Word:
        case Kind::Phrase: {
            const std::string_view text = lookahead_.text;
            const bool quoted = lookahead_.kind == Kind::Phrase;
            advance();
            return text_operand(text, negated, quoted);
        }
        case Kind::Field: {
            const Lexeme field = lookahead_;
            advance();
            if (const std::optional<Field> known = field_named(field.field)) {
                return field_operand(*known, field);
            }
            if (const std::optional<std::string> meant = closest_name(field.field, field_names())) {
                warnings_.push_back(fmt::format("'{}:' is not a field; did you mean {}:? "
                                                "(searched '{}' as words)",
                                                field.field, *meant, field.source));
            }
            return text_operand(field.source, negated, false); // https://... is a word
        }
        case Kind::Open: {
            const std::size_t column = lookahead_.column;
            advance();
            std::optional<query::Tree> inner = parse_or();
            if (lookahead_.kind != Kind::Close) {
                throw QueryError(fmt::format("unmatched '(' at column {} of the query", column));
            }
            advance();
            if (!inner) {
                return std::nullopt;
            }
            Operand group;
            group.node =
                make_node(query::Nested{std::make_shared<const query::Tree>(std::move(*inner))});
            return group;
        }
        default:
            return std::nullopt;
        }
    }

    // field:value. Fields are required; dates and paths only filter.
    Operand field_operand(Field field, const Lexeme& lexeme) {
        Operand operand;
        operand.text = lexeme.source;
        operand.required = true;
        Xapian::Query query;
        switch (field) {
        case Field::Title:
            query = title_query(lexeme, operand);
            break;
        case Field::Tag: {
            // Exactly the tagged notes, unlike #tag in free text.
            std::string tag(lexeme.text);
            if (tag.empty() || tag.front() != '#') {
                tag.insert(0, "#");
            }
            TokenStream stream = analyzer_.tokens(tag);
            const Token* token = stream.next();
            if (token == nullptr || token->script != Script::Tag) {
                throw QueryError(
                    fmt::format("'{}' names no tag; write tag:alignment", lexeme.source));
            }
            query = Xapian::Query(schema::tag_term(token->norm));
            operand.terms.push_back({schema::tag_term(token->norm), operand.text, TermOrigin::Tag});
            operand.stems.push_back(token->stem);
            break;
        }
        case Field::Path:
            query = path_query(lexeme.text);
            operand.filter = true;
            break;
        case Field::Arxiv:
            query = arxiv_query(lexeme.text);
            for (auto term = query.get_terms_begin(); term != query.get_terms_end(); ++term) {
                operand.terms.push_back({*term, operand.text, TermOrigin::Arxiv});
                if (term == query.get_terms_begin()) {
                    operand.stems.push_back((*term).substr(schema::arxiv_prefix.size()));
                }
            }
            break;
        case Field::Date:
        case Field::Year:
            query = date_range_query(lexeme.text);
            operand.filter = true;
            break;
        }
        operand.node = make_node(query::Field{std::string(lexeme.field), std::move(query)});
        return operand;
    }

    // title:word or title:"several words": every word in the title.
    Xapian::Query title_query(const Lexeme& lexeme, Operand& operand) {
        std::vector<Xapian::Query> words;
        TokenStream stream = analyzer_.tokens(lexeme.text);
        while (const Token* token = stream.next()) {
            if (token->particle || token->script == Script::Tag) {
                continue;
            }
            words.emplace_back(schema::title_term(token->stem));
            operand.terms.push_back(
                {schema::title_term(token->stem), operand.text, TermOrigin::Title});
            operand.stems.push_back(token->stem);
        }
        if (words.empty()) {
            throw QueryError(fmt::format(
                "'{}' has no word to look for in titles; write title:llama", lexeme.source));
        }
        return Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end());
    }

    // word*: the indexed words it starts (the most frequent first).
    std::optional<Operand> wildcard_operand(std::string_view text) {
        TokenStream stream = analyzer_.tokens(text.substr(0, text.size() - 1));
        std::vector<Token> tokens;
        while (const Token* token = stream.next()) {
            if (!token->particle) {
                tokens.push_back(*token);
            }
        }
        if (tokens.size() != 1 || tokens.front().script == Script::Tag) {
            return std::nullopt;
        }
        const Token& token = tokens.front();
        const std::string prefix =
            schema::stem_term(token.script == Script::Hangul ? token.stem : token.norm);
        Operand operand;
        operand.text = text;
        operand.node = make_node(query::Wildcard{prefix});
        operand.terms.push_back({prefix + "*", operand.text, TermOrigin::Wildcard});
        operand.stems.push_back(prefix.substr(schema::stem_prefix.size()));
        return operand;
    }

    // left NEAR right, left NEAR/5 right: two words within a distance, in either order.
    void join_near(std::vector<Operand>& operands) {
        const Lexeme near = lookahead_;
        advance();
        Xapian::termcount window = default_near_window;
        if (!near.text.empty()) {
            const std::string distance(near.text);
            char* end = nullptr;
            const unsigned long parsed = std::strtoul(distance.c_str(), &end, 10);
            if (*end != '\0' || parsed == 0 || parsed > max_near_window) {
                throw QueryError(fmt::format("NEAR/{} at column {}: the distance must be a number "
                                             "from 1 to {}",
                                             near.text, near.column, max_near_window));
            }
            window = static_cast<Xapian::termcount>(parsed);
        }
        std::optional<Operand> right = parse_primary(false);
        if (operands.empty() || !right || operands.back().positional_term.empty() ||
            right->positional_term.empty()) {
            throw QueryError(fmt::format("NEAR at column {} needs a word on each side, as in "
                                         "모델 NEAR 학습",
                                         near.column));
        }
        Operand& left = operands.back();
        // Xapian's window counts the words of the match: distance n spans n + 1 positions.
        const NodePtr node =
            make_node(query::Near{left.positional_term, right->positional_term, window + 1});
        left.required = left.required || right->required;
        query::absorb(left, std::move(*right));
        left.node = node;
    }

    // A word or quoted phrase: one token is a word; several (gpt-4, "prefix lm") a phrase.
    std::optional<Operand> text_operand(std::string_view text, bool negated, bool quoted) {
        if (!quoted && text.size() > 1 && text.back() == '*') {
            if (std::optional<Operand> wildcard = wildcard_operand(text)) {
                return wildcard;
            }
        }
        Operand operand;
        operand.text = text;
        std::vector<Token> tokens;
        std::optional<std::string> tag;
        std::vector<std::string> tag_words;
        std::size_t tag_end = 0;
        TokenStream stream = analyzer_.tokens(text);
        while (const Token* token = stream.next()) {
            if (token->particle) {
                continue;
            }
            if (token->start < tag_end) {
                tag_words.push_back(schema::stem_term(token->stem));
                operand.terms.push_back(
                    {schema::stem_term(token->stem), operand.text, TermOrigin::TagWords});
            } else if (token->script == Script::Tag) {
                tag = schema::tag_term(token->norm);
                tag_end = token->end;
                operand.terms.push_back({*tag, operand.text, TermOrigin::Tag});
            } else {
                tokens.push_back(*token);
                continue;
            }
            operand.stems.push_back(token->stem);
        }
        std::vector<NodePtr> parts;
        if (tag) {
            parts.push_back(make_node(query::Tag{*tag, std::move(tag_words), negated}));
        }
        if (tokens.size() == 1) {
            parts.push_back(word_node(tokens.front(), quoted, operand));
        } else if (tokens.size() > 1) {
            std::vector<std::string> stems;
            std::vector<std::string> terms;
            for (const Token& token : tokens) {
                stems.push_back(token.stem);
                terms.push_back(schema::stem_term(token.stem));
                operand.terms.push_back(
                    {schema::stem_term(token.stem), operand.text, TermOrigin::Phrase});
            }
            parts.push_back(make_node(query::Phrase{std::move(terms)}));
            operand.key = Glossary::key_of(stems);
        }
        for (const Token& token : tokens) {
            operand.stems.push_back(token.stem);
        }
        if (parts.empty()) {
            return std::nullopt;
        }
        if (parts.size() > 1) {
            operand.hangul.reset();
            operand.key.clear();
            operand.split_key.clear();
            operand.positional_term.clear();
            operand.stopword = false;
            operand.node = make_node(query::AllOf{std::move(parts)});
        } else {
            operand.node = std::move(parts.front());
        }
        return operand;
    }

    // One word: its stem and exact form, and for an unspaced Korean compound its two halves.
    NodePtr word_node(const Token& token, bool quoted, Operand& operand) {
        operand.positional_term = schema::stem_term(token.stem);
        operand.key = Glossary::key_of({token.stem});
        operand.stopword = !quoted && (is_stopword(token.norm) || is_stopword(token.stem));
        const bool exact = schema::has_exact_term(token.norm, token.stem);
        if (exact) {
            operand.terms.push_back({token.norm, operand.text, TermOrigin::Exact});
        }
        operand.terms.push_back(
            {operand.positional_term, operand.text, exact ? TermOrigin::Stem : TermOrigin::Exact});
        operand.terms.push_back({tag_term_of(token), operand.text, TermOrigin::Tag});
        operand.terms.push_back({schema::title_term(token.stem), operand.text, TermOrigin::Title});
        query::Word word{operand.positional_term,
                         tag_term_of(token),
                         schema::title_term(token.stem),
                         exact ? token.norm : "",
                         {}};
        if (!quoted && token.script == Script::Hangul) {
            operand.hangul.emplace(token.norm, token.stem);
            if (const auto split = split_compound(token.stem)) {
                for (const std::string& half : {split->first, split->second}) {
                    word.parts.push_back(schema::stem_term(half));
                    operand.terms.push_back(
                        {schema::stem_term(half), operand.text, TermOrigin::Decompound});
                }
                operand.split_key = split->first + " " + split->second;
            }
        }
        return make_node(std::move(word));
    }

    // The split of an unspaced Korean word into two indexed words that both occur most often.
    std::optional<std::pair<std::string, std::string>>
    split_compound(const std::string& stem) const {
        const Xapian::Database* lexicon = context_.lexicon;
        if (lexicon == nullptr || stem.size() < 2 * shortest_part * syllable_bytes) {
            return std::nullopt;
        }
        Xapian::doccount best = 0;
        std::optional<std::pair<std::string, std::string>> split;
        for (std::size_t cut = shortest_part * syllable_bytes;
             cut + shortest_part * syllable_bytes <= stem.size(); cut += syllable_bytes) {
            std::string left = stem.substr(0, cut);
            std::string right = stem.substr(cut);
            const Xapian::doccount rarer =
                std::min(lexicon->get_termfreq(schema::stem_term(left)),
                         lexicon->get_termfreq(schema::stem_term(right)));
            if (rarer > best) {
                best = rarer;
                split.emplace(std::move(left), std::move(right));
            }
        }
        return split;
    }

    query::Lexer lexer_;
    Analyzer& analyzer_;
    QueryContext context_;
    Lexeme lookahead_{Kind::End, {}, 0};
    std::vector<std::string> warnings_;
};

// What a tree searches for, in the order the clauses were parsed (a nested tree's before its
// clause's own): every term once, with its first origin, and the stems snippets highlight.
void collect(const query::Tree& tree, std::vector<QueryTerm>& terms,
             std::vector<std::string>& stems) {
    for (const query::Clause& clause : tree.clauses) {
        for (const Operand& operand : clause.operands) {
            if (const auto* nested = std::get_if<query::Nested>(&operand.node->kind)) {
                collect(*nested->tree, terms, stems);
            }
        }
        for (const Operand& operand : clause.operands) {
            for (const QueryTerm& term : operand.terms) {
                const bool seen =
                    std::any_of(terms.begin(), terms.end(),
                                [&](const QueryTerm& other) { return other.term == term.term; });
                if (!seen) {
                    terms.push_back(term);
                }
            }
            stems.insert(stems.end(), operand.stems.begin(), operand.stems.end());
        }
    }
}

} // namespace

ParsedQuery ParsedQuery::match_all() {
    ParsedQuery everything;
    everything.query_ = Xapian::Query::MatchAll;
    return everything;
}

ParsedQuery ParsedQuery::ranked_as(Xapian::Query query, std::vector<QueryTerm> terms,
                                   std::vector<std::string> highlight_stems) {
    ParsedQuery ranked;
    ranked.query_ = std::move(query);
    ranked.terms_ = std::move(terms);
    ranked.highlight_stems_ = std::move(highlight_stems);
    return ranked;
}

void ParsedQuery::restrict_to(const Xapian::Query& filter) {
    for (Xapian::Query* form : {&query_, &plain_, &loose_, &unpositioned_}) {
        if (!form->empty()) {
            *form = Xapian::Query(Xapian::Query::OP_FILTER, *form, filter);
        }
    }
    restrictions_.push_back(filter);
}

QueryForm ParsedQuery::unpositioned_rewritten(const PositionalRewrite& rewrite) const {
    if (positional_count_ == 0 || !tree_) {
        return {unpositioned_, top_};
    }
    std::vector<Xapian::Query> proximity; // the same as proximity()
    QueryForm rebuilt;
    rebuilt.query = query::build(*tree_, {{true, &proximity}, &rewrite}, &rebuilt.top);
    for (const Xapian::Query& filter : restrictions_) {
        rebuilt.query = Xapian::Query(Xapian::Query::OP_FILTER, rebuilt.query, filter);
    }
    return rebuilt;
}

query::Tree parse_query_tree(std::string_view text, Analyzer& analyzer,
                             const QueryContext& context) {
    const std::string valid = query::with_ascii_punctuation(utf8::make_valid(text));
    return Parser(valid, analyzer, context).parse();
}

ParsedQuery parse_query(std::string_view text, Analyzer& analyzer, const QueryContext& context) {
    ParsedQuery parsed;
    parsed.tree_ = std::make_shared<const query::Tree>(parse_query_tree(text, analyzer, context));
    const query::Tree& tree = *parsed.tree_;
    parsed.query_ = query::build(tree, {});
    parsed.plain_ = query::build(tree, {{false}});
    parsed.loose_ = query::build(tree, {{false}, nullptr, true});
    parsed.unpositioned_ = query::build(tree, {{true, &parsed.proximity_}}, &parsed.top_);
    parsed.positional_count_ = query::positional_count(tree);
    collect(tree, parsed.terms_, parsed.highlight_stems_);
    parsed.warnings_ = tree.warnings;
    return parsed;
}

} // namespace jaryo
