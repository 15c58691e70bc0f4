#include "jaryo/query_tree.hpp"

#include "jaryo/schema.hpp"

#include <fmt/format.h>

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
    case TermOrigin::Glossed:
        return "glossed in your notes";
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

namespace query {

namespace {

// `piece` after what is shown, a separator between them.
void append(std::string& shown, std::string_view separator, std::string_view piece) {
    if (!shown.empty()) {
        shown += separator;
    }
    shown += piece;
}

std::string terms_of(const std::vector<std::string>& terms) {
    std::string shown;
    for (const std::string& term : terms) {
        append(shown, " ", schema::readable_term(term));
    }
    return shown;
}

std::string describe(const Node& node);

std::string nodes_of(const std::vector<NodePtr>& nodes) {
    std::string shown;
    for (const NodePtr& node : nodes) {
        append(shown, " ", describe(*node));
    }
    return shown;
}

struct Describe {
    std::string operator()(const Word& word) const {
        std::string shown = "word(" + schema::readable_term(word.stem_term);
        if (!word.exact_term.empty()) {
            shown += " exact:" + word.exact_term;
        }
        if (!word.parts.empty()) {
            shown += " parts:" + terms_of(word.parts);
        }
        return shown + ")";
    }
    std::string operator()(const Phrase& phrase) const {
        return "phrase(" + terms_of(phrase.terms) + ")";
    }
    std::string operator()(const Tag& tag) const {
        std::string shown = "tag(" + schema::readable_term(tag.term);
        if (!tag.word_terms.empty() && !tag.negated) {
            shown += " words:" + terms_of(tag.word_terms);
        }
        return shown + ")";
    }
    std::string operator()(const Near& near) const {
        return fmt::format("near/{}({} {})", near.window, schema::readable_term(near.left),
                           schema::readable_term(near.right));
    }
    std::string operator()(const Wildcard& wildcard) const {
        return "wildcard(" + schema::readable_term(wildcard.prefix) + "*)";
    }
    std::string operator()(const Field& field) const {
        std::string query = field.query.get_description();
        if (query.starts_with("Query(") && query.ends_with(")")) {
            query = query.substr(6, query.size() - 7);
        }
        return field.name + ":" + query;
    }
    std::string operator()(const AllOf& all) const { return "all(" + nodes_of(all.parts) + ")"; }
    std::string operator()(const Joined& joined) const {
        return fmt::format("joined({} {} | {})", describe(*joined.left), describe(*joined.right),
                           schema::readable_term(joined.joined_term));
    }
    std::string operator()(const Equivalents& equivalents) const {
        std::string shown = "either(" + nodes_of(equivalents.typed);
        for (const std::vector<std::string>& alternative : equivalents.alternatives) {
            shown += " | " + terms_of(alternative);
        }
        return shown + ")";
    }
    std::string operator()(const Nested& nested) const {
        return "(" + query::describe(*nested.tree) + ")";
    }
};

std::string describe(const Node& node) {
    return std::visit(Describe{}, node.kind);
}

struct CountPositional {
    std::size_t operator()(const Word&) const { return 0; }
    std::size_t operator()(const Phrase& phrase) const { return phrase.terms.size() > 1; }
    std::size_t operator()(const Tag& tag) const {
        return !tag.negated && tag.word_terms.size() > 1;
    }
    std::size_t operator()(const Near&) const { return 1; }
    std::size_t operator()(const Wildcard&) const { return 0; }
    std::size_t operator()(const Field&) const { return 0; }
    std::size_t operator()(const AllOf& all) const { return of(all.parts); }
    std::size_t operator()(const Joined& joined) const {
        return count(*joined.left) + count(*joined.right);
    }
    std::size_t operator()(const Equivalents& equivalents) const {
        std::size_t phrases = of(equivalents.typed);
        for (const std::vector<std::string>& alternative : equivalents.alternatives) {
            phrases += alternative.size() > 1;
        }
        return phrases;
    }
    std::size_t operator()(const Nested& nested) const { return positional_count(*nested.tree); }

    static std::size_t count(const Node& node) { return std::visit(CountPositional{}, node.kind); }
    static std::size_t of(const std::vector<NodePtr>& nodes) {
        std::size_t phrases = 0;
        for (const NodePtr& node : nodes) {
            phrases += count(*node);
        }
        return phrases;
    }
};

} // namespace

std::string describe(const Tree& tree) {
    std::string shown;
    for (const Clause& clause : tree.clauses) {
        std::string words;
        for (const Operand& operand : clause.operands) {
            const std::string flags = std::string(operand.required ? "+" : "") +
                                      (operand.stopword ? "~" : "") + (operand.filter ? "=" : "");
            append(words, " ", flags + describe(*operand.node));
        }
        for (const NodePtr& excluded : clause.excluded) {
            words += words.empty() ? "-" : " -";
            words += describe(*excluded);
        }
        append(shown, " OR ", words);
    }
    return shown;
}

std::size_t positional_count(const Tree& tree) {
    std::size_t phrases = 0;
    for (const Clause& clause : tree.clauses) {
        for (const Operand& operand : clause.operands) {
            phrases += CountPositional::count(*operand.node);
        }
        phrases += CountPositional::of(clause.excluded);
    }
    return phrases;
}

} // namespace query
} // namespace jaryo
