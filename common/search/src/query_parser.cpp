#include "jaryo/query_parser.hpp"

#include "query_lexer.hpp"

#include "jaryo/errors.hpp"
#include "jaryo/glossary.hpp"
#include "jaryo/query_fields.hpp"
#include "jaryo/schema.hpp"
#include "jaryo/stopwords.hpp"
#include "jaryo/utf8.hpp"

#include <algorithm>
#include <cstdlib>
#include <fmt/format.h>
#include <optional>
#include <utility>

namespace jaryo {

std::string_view to_string(TermOrigin origin) {
    switch (origin) {
    case TermOrigin::Exact:
        return "exact";
    case TermOrigin::Stem:
        return "stem";
    case TermOrigin::Phrase:
        return "phrase";
    case TermOrigin::Decompound:
        return "decompound";
    case TermOrigin::Joined:
        return "joined";
    case TermOrigin::Glossary:
        return "glossary";
    case TermOrigin::Title:
        return "title";
    case TermOrigin::Tag:
        return "tag";
    case TermOrigin::TagWords:
        return "tag words";
    case TermOrigin::Wildcard:
        return "wildcard";
    case TermOrigin::Arxiv:
        return "arxiv";
    }
    return "exact";
}

namespace {

using query::Kind;
using query::Lexeme;

// Glossary equivalents count for half of what the user typed; so do a tag's words in notes
// without the tag.
constexpr double glossary_weight = 0.5;
constexpr double untagged_weight = 0.5;

// What a note gains, relative to the words' own weights, for matching every word of a group,
// any two of its words (in groups of up to eight, so a question that a note answers only in
// part still outranks notes that share one word with it), and two neighbouring words as a
// phrase or a few words apart.
constexpr double all_words_bonus = 1.0;
constexpr double pair_bonus = 0.5;
constexpr std::size_t max_paired_operands = 8;
constexpr double phrase_bonus = 0.5;
constexpr double near_bonus = 0.25;
constexpr Xapian::termcount near_window = 8;

// NEAR without a distance, and the largest distance accepted.
constexpr Xapian::termcount default_near_window = 10;
constexpr unsigned long max_near_window = 1000;
// How many indexed words a word* may stand for.
constexpr Xapian::termcount max_wildcard_terms = 100;

constexpr std::size_t shortest_part = 2; // syllables of each half of a split compound
constexpr std::size_t syllable_bytes = 3;

// One thing a group of words side by side is made of: a word, a phrase, a tag, a
// parenthesised group, and what later steps (glossary, spacing, stopwords) need to know of it.
struct Operand {
    Xapian::Query query;
    std::string text;               // as typed, for --explain
    std::optional<Token> hangul;    // set when the operand is one Korean word
    std::string key;                // its stems joined by spaces, for the glossary
    std::string split_key;          // the glossary key of an unspaced compound's two parts
    std::string positional_term;    // the Z term of a one-word operand: for proximity
    bool required = false;          // +word, or a neighbour of AND
    bool stopword = false;          // a function word: dropped when other words are searched
    bool filter = false;            // date, path or arXiv: restricts, does not rank
    std::vector<QueryTerm> terms;   // what it searches, for --explain
    std::vector<std::string> stems; // what snippets highlight for it
};

// `from` joins `into`, which becomes a compound operand (no longer one word).
void absorb(Operand& into, Operand&& from) {
    into.text += ' ';
    into.text += from.text;
    into.hangul.reset();
    into.key.clear();
    into.split_key.clear();
    into.positional_term.clear();
    into.required = into.required || from.required;
    into.stopword = false;
    std::move(from.terms.begin(), from.terms.end(), std::back_inserter(into.terms));
    std::move(from.stems.begin(), from.stems.end(), std::back_inserter(into.stems));
}

// The tag a note would carry for this word: #모델 for 모델을, #models for models.
std::string tag_term_of(const Token& token) {
    return schema::tag_term(token.script == Script::Hangul ? token.stem : token.norm);
}

Xapian::Query word_query(const Token& token) {
    // The exact spelling counts twice (stem and exact term), so it ranks above other forms;
    // a note tagged with the word, or with the word in its title, gains once more.
    std::vector<Xapian::Query> terms = {Xapian::Query(schema::stem_term(token.stem)),
                                        Xapian::Query(tag_term_of(token)),
                                        Xapian::Query(schema::title_term(token.stem))};
    if (schema::has_exact_term(token.norm, token.stem)) {
        terms.emplace_back(token.norm);
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// Which ranking bonuses a parse builds into its query.
struct Bonuses {
    bool wanted = true;
    // When set, the phrase and NEAR bonuses go here instead of into the query (see
    // ParsedQuery::proximity).
    std::vector<Xapian::Query>* proximity = nullptr;
    // When set, every phrase and NEAR among the words is built through it.
    const PositionalRewrite* rewrite = nullptr;
    // When set, every phrase and NEAR is the AND of its words instead (ParsedQuery::loose).
    bool loose = false;
};

Xapian::Query positional(const Xapian::Query& built, const std::vector<std::string>& terms,
                         const Bonuses& bonuses) {
    if (bonuses.loose) {
        return Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end());
    }
    return bonuses.rewrite != nullptr ? (*bonuses.rewrite)(built, terms) : built;
}

Xapian::Query stems_query(const std::vector<std::string>& stems, const Bonuses& bonuses) {
    std::vector<std::string> terms;
    for (const std::string& stem : stems) {
        terms.push_back(schema::stem_term(stem));
    }
    if (terms.size() == 1) {
        return Xapian::Query(terms.front());
    }
    return positional(Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                                    static_cast<Xapian::termcount>(terms.size())),
                      terms, bonuses);
}

// Notes tagged #weak_supervision first, then notes that only write "weak supervision"; an
// exclusion (-#tag) removes the tagged ones only.
Xapian::Query tag_query(const std::string& tag, const std::vector<std::string>& words, bool negated,
                        const Bonuses& bonuses) {
    if (negated || words.empty()) {
        return Xapian::Query(tag);
    }
    return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(tag),
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, stems_query(words, bonuses),
                                       untagged_weight));
}

void add_proximity_bonuses(std::vector<Xapian::Query>& bonuses, const std::string& left,
                           const std::string& right) {
    const Xapian::Query pair[] = {Xapian::Query(left), Xapian::Query(right)};
    bonuses.emplace_back(
        Xapian::Query::OP_SCALE_WEIGHT,
        Xapian::Query(Xapian::Query::OP_PHRASE, std::begin(pair), std::end(pair), 2), phrase_bonus);
    bonuses.emplace_back(
        Xapian::Query::OP_SCALE_WEIGHT,
        Xapian::Query(Xapian::Query::OP_NEAR, std::begin(pair), std::end(pair), near_window),
        near_bonus);
}

// Required operands must all match, the others may; matching more of them, and neighbours close
// together, only raises the rank.
// Without bonuses, the same matches in plain BM25 order: what rescoring starts from.
Xapian::Query combine(const std::vector<Operand>& operands, const Bonuses& wanted) {
    if (operands.size() == 1) {
        return operands.front().query;
    }
    std::vector<Xapian::Query> required;
    std::vector<Xapian::Query> optional;
    std::vector<Xapian::Query> every;
    for (const Operand& operand : operands) {
        (operand.required ? required : optional).push_back(operand.query);
        every.push_back(operand.query);
    }
    std::vector<Xapian::Query> bonuses;
    if (!optional.empty()) {
        bonuses.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                             Xapian::Query(Xapian::Query::OP_AND, every.begin(), every.end()),
                             all_words_bonus);
        if (every.size() > 2 && every.size() <= max_paired_operands) {
            for (std::size_t i = 0; i < every.size(); ++i) {
                for (std::size_t j = i + 1; j < every.size(); ++j) {
                    if (operands[i].required && operands[j].required) {
                        continue; // every match has both
                    }
                    bonuses.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                                         Xapian::Query(Xapian::Query::OP_AND, every[i], every[j]),
                                         pair_bonus);
                }
            }
        }
    }
    for (std::size_t i = 0; i + 1 < operands.size(); ++i) {
        const std::string& left = operands[i].positional_term;
        const std::string& right = operands[i + 1].positional_term;
        if (!left.empty() && !right.empty()) {
            add_proximity_bonuses(wanted.proximity != nullptr ? *wanted.proximity : bonuses, left,
                                  right);
        }
    }
    const Xapian::Query all_required(Xapian::Query::OP_AND, required.begin(), required.end());
    const Xapian::Query any_optional(Xapian::Query::OP_OR, optional.begin(), optional.end());
    const Xapian::Query matches =
        required.empty()   ? any_optional
        : optional.empty() ? all_required
                           : Xapian::Query(Xapian::Query::OP_AND_MAYBE, all_required, any_optional);
    // Each bonus OR-ed on its own: as the optional side of AND_MAYBE, or OR-ed together under one,
    // Xapian 1.4.22 sometimes credits phrase and NEAR bonuses whose positions do not match. OR
    // would let a bonus of optional words match without the required ones: the filter keeps
    // those out.
    if (!wanted.wanted) {
        return matches;
    }
    Xapian::Query ranked = matches;
    for (const Xapian::Query& bonus : bonuses) {
        ranked = Xapian::Query(Xapian::Query::OP_OR, ranked, bonus);
    }
    return required.empty() || optional.empty()
               ? ranked
               : Xapian::Query(Xapian::Query::OP_FILTER, ranked, all_required);
}

// Filters (dates, paths) restrict the ranked operands, or alone match without weights.
Xapian::Query combine_with_filters(const std::vector<Operand>& operands, const Bonuses& bonuses) {
    std::vector<Operand> ranked;
    std::vector<Xapian::Query> filters;
    for (const Operand& operand : operands) {
        if (operand.filter) {
            filters.push_back(operand.query);
        } else {
            ranked.push_back(operand);
        }
    }
    if (filters.empty()) {
        return combine(ranked, bonuses);
    }
    const Xapian::Query filter(Xapian::Query::OP_AND, filters.begin(), filters.end());
    return ranked.empty()
               ? Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, filter, 0)
               : Xapian::Query(Xapian::Query::OP_FILTER, combine(ranked, bonuses), filter);
}

// One half of an unspaced compound, searched like a typed word of its own.
Operand compound_part(const std::string& stem, const std::string& typed) {
    Operand part;
    part.positional_term = schema::stem_term(stem);
    part.query = Xapian::Query(part.positional_term);
    part.terms.push_back({part.positional_term, typed, TermOrigin::Decompound});
    return part;
}

class Parser {
  public:
    Parser(std::string_view text, Analyzer& analyzer, const QueryContext& context, Bonuses bonuses)
        : lexer_(text), analyzer_(analyzer), lexicon_(context.lexicon), glossary_(context.glossary),
          bonuses_(bonuses) {
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
        std::vector<QueryTerm> unique_terms;
        for (QueryTerm& term : terms_) {
            const bool seen =
                std::any_of(unique_terms.begin(), unique_terms.end(),
                            [&](const QueryTerm& other) { return other.term == term.term; });
            if (!seen) {
                unique_terms.push_back(std::move(term));
            }
        }
        ParsedQuery parsed;
        parsed.query = std::move(*query);
        if (top_groups_ == 1) {
            parsed.top = std::move(top_);
        }
        parsed.highlight_stems = std::move(stems_);
        parsed.terms = std::move(unique_terms);
        return parsed;
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

    // Operands side by side (see combine); excluded ones are subtracted at the end.
    std::optional<Xapian::Query> parse_and() {
        std::vector<Operand> operands;
        std::vector<Xapian::Query> excluded;
        bool require_next = false;
        while (true) {
            if (lookahead_.kind == Kind::And) {
                advance();
                if (!operands.empty()) {
                    operands.back().required = true;
                }
                require_next = true;
                continue;
            }
            if (lookahead_.kind == Kind::Near) {
                join_near(operands);
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
                excluded.push_back(std::move(operand->query));
            } else {
                operand->required = operand->required || required;
                operands.push_back(std::move(*operand));
            }
        }
        if (operands.empty() && excluded.empty()) {
            return std::nullopt;
        }
        add_glossary_equivalents(operands);
        join_spaced_words(operands);
        drop_stopwords(operands);
        for (Operand& operand : operands) {
            std::move(operand.terms.begin(), operand.terms.end(), std::back_inserter(terms_));
            std::move(operand.stems.begin(), operand.stems.end(), std::back_inserter(stems_));
        }
        if (depth_ == 0) {
            ++top_groups_;
            top_ = {};
            for (const Operand& operand : operands) {
                if (!operand.filter) {
                    top_.queries.push_back(operand.query);
                    top_.required.push_back(operand.required);
                }
            }
        }
        Xapian::Query query =
            operands.empty() ? Xapian::Query::MatchAll : combine_with_filters(operands, bonuses_);
        for (const Xapian::Query& exclusion : excluded) {
            query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, exclusion);
        }
        return query;
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
            return text_operand(field.source, negated, false); // https://... is a word
        }
        case Kind::Open: {
            const std::size_t column = lookahead_.column;
            advance();
            ++depth_;
            std::optional<Xapian::Query> inner = parse_or();
            --depth_;
            if (lookahead_.kind != Kind::Close) {
                throw QueryError(fmt::format("unmatched '(' at column {} of the query", column));
            }
            advance();
            if (!inner) {
                return std::nullopt;
            }
            Operand group;
            group.query = std::move(*inner);
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
        switch (field) {
        case Field::Title:
            operand.query = title_query(lexeme, operand);
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
            operand.query = Xapian::Query(schema::tag_term(token->norm));
            operand.terms.push_back({schema::tag_term(token->norm), operand.text, TermOrigin::Tag});
            operand.stems.push_back(token->stem);
            break;
        }
        case Field::Path:
            operand.query = path_query(lexeme.text);
            operand.filter = true;
            break;
        case Field::Arxiv:
            operand.query = arxiv_query(lexeme.text);
            for (auto term = operand.query.get_terms_begin(); term != operand.query.get_terms_end();
                 ++term) {
                operand.terms.push_back({*term, operand.text, TermOrigin::Arxiv});
                if (term == operand.query.get_terms_begin()) {
                    operand.stems.push_back((*term).substr(schema::arxiv_prefix.size()));
                }
            }
            break;
        case Field::Date:
        case Field::Year:
            operand.query = date_range_query(lexeme.text);
            operand.filter = true;
            break;
        }
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

    // word*: the indexed words it starts (most frequent first, at most max_wildcard_terms).
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
        operand.query = Xapian::Query(Xapian::Query::OP_WILDCARD, prefix, max_wildcard_terms,
                                      Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
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
        const std::vector<std::string> pair = {left.positional_term, right->positional_term};
        // Xapian's window counts the words of the match: distance n spans n + 1 positions.
        const Xapian::Query near_query(Xapian::Query::OP_NEAR, pair.begin(), pair.end(),
                                       window + 1);
        left.required = left.required || right->required;
        absorb(left, std::move(*right));
        left.query = positional(near_query, pair, bonuses_);
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
                tag_words.push_back(token->stem);
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
        std::vector<Xapian::Query> parts;
        if (tag) {
            parts.push_back(tag_query(*tag, tag_words, negated, bonuses_));
        }
        if (tokens.size() == 1) {
            parts.push_back(word_operand_query(tokens.front(), quoted, operand));
        } else if (tokens.size() > 1) {
            std::vector<std::string> stems;
            for (const Token& token : tokens) {
                stems.push_back(token.stem);
                operand.terms.push_back(
                    {schema::stem_term(token.stem), operand.text, TermOrigin::Phrase});
            }
            parts.push_back(stems_query(stems, bonuses_));
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
        }
        operand.query = parts.size() == 1
                            ? parts.front()
                            : Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
        return operand;
    }

    // One word: its stem and exact form, and for an unspaced Korean compound its two halves.
    Xapian::Query word_operand_query(const Token& token, bool quoted, Operand& operand) {
        operand.positional_term = schema::stem_term(token.stem);
        operand.key = Glossary::key_of({token.stem});
        operand.stopword = !quoted && (is_stopword(token.norm) || is_stopword(token.stem));
        if (schema::has_exact_term(token.norm, token.stem)) {
            operand.terms.push_back({token.norm, operand.text, TermOrigin::Exact});
        }
        operand.terms.push_back({operand.positional_term, operand.text,
                                 schema::has_exact_term(token.norm, token.stem)
                                     ? TermOrigin::Stem
                                     : TermOrigin::Exact});
        operand.terms.push_back({tag_term_of(token), operand.text, TermOrigin::Tag});
        operand.terms.push_back({schema::title_term(token.stem), operand.text, TermOrigin::Title});
        Xapian::Query word = word_query(token);
        if (quoted || token.script != Script::Hangul) {
            return word;
        }
        operand.hangul = token;
        if (const auto split = split_compound(token.stem)) {
            // Searched like the two words typed apart: a note with both, side by side, ranks
            // with one that writes the compound.
            std::vector<Operand> halves;
            halves.push_back(compound_part(split->first, operand.text));
            halves.push_back(compound_part(split->second, operand.text));
            word = Xapian::Query(Xapian::Query::OP_OR, word, combine(halves, bonuses_));
            for (Operand& half : halves) {
                std::move(half.terms.begin(), half.terms.end(), std::back_inserter(operand.terms));
            }
            operand.split_key = split->first + " " + split->second;
        }
        return word;
    }

    // The split of an unspaced Korean word into two indexed words that both occur most often.
    std::optional<std::pair<std::string, std::string>>
    split_compound(const std::string& stem) const {
        if (lexicon_ == nullptr || stem.size() < 2 * shortest_part * syllable_bytes) {
            return std::nullopt;
        }
        Xapian::doccount best = 0;
        std::optional<std::pair<std::string, std::string>> split;
        for (std::size_t cut = shortest_part * syllable_bytes;
             cut + shortest_part * syllable_bytes <= stem.size(); cut += syllable_bytes) {
            std::string left = stem.substr(0, cut);
            std::string right = stem.substr(cut);
            const Xapian::doccount rarer =
                std::min(lexicon_->get_termfreq(schema::stem_term(left)),
                         lexicon_->get_termfreq(schema::stem_term(right)));
            if (rarer > best) {
                best = rarer;
                split.emplace(std::move(left), std::move(right));
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
            const std::string joined = schema::stem_term(left->norm + right->stem);
            if (lexicon_ == nullptr || !lexicon_->term_exists(joined)) {
                continue;
            }
            Operand& first = operands[i];
            first.query = Xapian::Query(
                Xapian::Query::OP_OR,
                Xapian::Query(Xapian::Query::OP_AND, first.query, operands[i + 1].query),
                Xapian::Query(joined));
            absorb(first, std::move(operands[i + 1]));
            first.terms.push_back({joined, first.text, TermOrigin::Joined});
            operands.erase(operands.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        }
    }

    // Function words go, unless nothing else is left or the user required them.
    static void drop_stopwords(std::vector<Operand>& operands) {
        const auto droppable = [](const Operand& operand) {
            return operand.stopword && !operand.required;
        };
        if (std::all_of(operands.begin(), operands.end(), droppable)) {
            return;
        }
        std::erase_if(operands, droppable);
    }

    // Runs of words the glossary lists, longest first, also search their equivalents.
    void add_glossary_equivalents(std::vector<Operand>& operands) const {
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
                std::vector<const Glossary::Expression*> equivalents =
                    keyed ? glossary_->alternatives(key)
                          : std::vector<const Glossary::Expression*>();
                if (equivalents.empty() && length == 1 && !operands[i].split_key.empty()) {
                    equivalents = glossary_->alternatives(operands[i].split_key);
                }
                if (!equivalents.empty()) {
                    merge_with_equivalents(operands, i, length, equivalents);
                    break;
                }
            }
        }
    }

    void merge_with_equivalents(std::vector<Operand>& operands, std::size_t first,
                                std::size_t length,
                                const std::vector<const Glossary::Expression*>& equivalents) const {
        std::vector<Xapian::Query> typed;
        for (std::size_t k = first; k < first + length; ++k) {
            typed.push_back(operands[k].query);
        }
        Operand& merged = operands[first];
        for (std::size_t k = first + 1; k < first + length; ++k) {
            absorb(merged, std::move(operands[k]));
        }
        merged.stopword = false;
        std::vector<Xapian::Query> others;
        for (const Glossary::Expression* expression : equivalents) {
            others.push_back(stems_query(expression->stems, bonuses_));
            for (const std::string& stem : expression->stems) {
                merged.stems.push_back(stem);
                merged.terms.push_back(
                    {schema::stem_term(stem), merged.text, TermOrigin::Glossary});
            }
        }
        const Xapian::Query equivalent(
            Xapian::Query::OP_SCALE_WEIGHT,
            Xapian::Query(Xapian::Query::OP_OR, others.begin(), others.end()), glossary_weight);
        merged.query = Xapian::Query(
            Xapian::Query::OP_OR,
            length == 1 ? typed.front()
                        : Xapian::Query(Xapian::Query::OP_AND, typed.begin(), typed.end()),
            equivalent);
        operands.erase(operands.begin() + static_cast<std::ptrdiff_t>(first) + 1,
                       operands.begin() + static_cast<std::ptrdiff_t>(first + length));
    }

    query::Lexer lexer_;
    Analyzer& analyzer_;
    const Xapian::Database* lexicon_;
    const Glossary* glossary_;
    Bonuses bonuses_;
    Lexeme lookahead_{Kind::End, {}, 0};
    int depth_ = 0;              // of parentheses
    std::size_t top_groups_ = 0; // groups of operands outside parentheses (OR between them)
    TopOperands top_;
    std::vector<std::string> stems_;
    std::vector<QueryTerm> terms_;
};

} // namespace

void ParsedQuery::restrict_to(const Xapian::Query& filter) {
    for (Xapian::Query* form : {&query, &plain, &loose, &unpositioned}) {
        if (!form->empty()) {
            *form = Xapian::Query(Xapian::Query::OP_FILTER, *form, filter);
        }
    }
    restrictions_.push_back(filter);
}

QueryForm ParsedQuery::unpositioned_rewritten(const PositionalRewrite& rewrite) const {
    if (positional_count == 0 || !rebuild_) {
        return {unpositioned, top};
    }
    QueryForm rebuilt = rebuild_(rewrite);
    for (const Xapian::Query& filter : restrictions_) {
        rebuilt.query = Xapian::Query(Xapian::Query::OP_FILTER, rebuilt.query, filter);
    }
    return rebuilt;
}

std::optional<double> combined_weight(const TopOperands& top, const std::vector<double>& weights,
                                      const std::vector<bool>& matched) {
    // The sums combine() builds into the query, in the same order of operands.
    const std::size_t count = top.queries.size();
    double sum = 0;
    bool any = false;
    bool all = true;
    bool optional = false;
    for (std::size_t i = 0; i < count; ++i) {
        if (top.required[i] && !matched[i]) {
            return std::nullopt;
        }
        optional = optional || !top.required[i];
        any = any || matched[i];
        all = all && matched[i];
        sum += matched[i] ? weights[i] : 0;
    }
    if (!any) {
        return std::nullopt;
    }
    if (count == 1) {
        return sum;
    }
    double weight = sum;
    if (optional && all) {
        weight += all_words_bonus * sum;
    }
    if (count > 2 && count <= max_paired_operands) {
        for (std::size_t i = 0; i < count; ++i) {
            for (std::size_t j = i + 1; j < count; ++j) {
                if (matched[i] && matched[j] && !(top.required[i] && top.required[j])) {
                    weight += pair_bonus * (weights[i] + weights[j]);
                }
            }
        }
    }
    return weight;
}

ParsedQuery parse_query(std::string_view text, Analyzer& analyzer, const QueryContext& context) {
    const std::string valid = utf8::make_valid(text);
    ParsedQuery parsed = Parser(valid, analyzer, context, {}).parse();
    parsed.plain = Parser(valid, analyzer, context, {false}).parse().query;
    parsed.loose = Parser(valid, analyzer, context, {false, nullptr, nullptr, true}).parse().query;
    const PositionalRewrite count = [&parsed](const Xapian::Query& built,
                                              const std::vector<std::string>&) {
        ++parsed.positional_count;
        return built;
    };
    ParsedQuery unpositioned =
        Parser(valid, analyzer, context, {true, &parsed.proximity, &count}).parse();
    parsed.unpositioned = std::move(unpositioned.query);
    parsed.top = std::move(unpositioned.top);
    parsed.rebuild_ = [valid, &analyzer, context](const PositionalRewrite& rewrite) {
        std::vector<Xapian::Query> proximity; // the same as the first time
        ParsedQuery rebuilt =
            Parser(valid, analyzer, context, {true, &proximity, &rewrite}).parse();
        return QueryForm{std::move(rebuilt.query), std::move(rebuilt.top)};
    };
    return parsed;
}

} // namespace jaryo
