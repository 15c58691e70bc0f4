#include "query_builder.hpp"

namespace jaryo::query {

namespace {

// How many indexed words a word* may stand for.
constexpr Xapian::termcount max_wildcard_terms = 100;

class Builder {
  public:
    explicit Builder(const BuildOptions& options) : options_(options) {}

    Xapian::Query tree(const Tree& tree, ranking::TopOperands* top) const {
        std::optional<Xapian::Query> built;
        for (const Clause& clause : tree.clauses) {
            Xapian::Query query = this->clause(clause, tree.clauses.size() == 1 ? top : nullptr);
            built = built ? Xapian::Query(Xapian::Query::OP_OR, *built, query) : query;
        }
        return built.value_or(Xapian::Query());
    }

  private:
    // Filters (dates, paths) restrict the ranked operands, or alone match without weights.
    Xapian::Query clause(const Clause& clause, ranking::TopOperands* top) const {
        std::vector<ranking::SideBySide> ranked;
        std::vector<Xapian::Query> filters;
        for (const Operand& operand : clause.operands) {
            Xapian::Query query = node(*operand.node);
            if (operand.filter) {
                filters.push_back(std::move(query));
            } else {
                ranked.push_back({std::move(query), operand.required, operand.positional_term});
            }
        }
        if (top != nullptr) {
            *top = {};
            for (const ranking::SideBySide& operand : ranked) {
                top->queries.push_back(operand.query);
                top->required.push_back(operand.required);
            }
        }
        Xapian::Query query = Xapian::Query::MatchAll;
        if (!clause.operands.empty()) {
            const Xapian::Query filter(Xapian::Query::OP_AND, filters.begin(), filters.end());
            query = filters.empty() ? ranking::combine(ranked, options_.bonuses)
                    : ranked.empty()
                        ? Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, filter, 0)
                        : Xapian::Query(Xapian::Query::OP_FILTER,
                                        ranking::combine(ranked, options_.bonuses), filter);
        }
        for (const NodePtr& excluded : clause.excluded) {
            query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, node(*excluded));
        }
        return query;
    }

    Xapian::Query node(const Node& node) const {
        return std::visit([this](const auto& kind) { return build(kind); }, node.kind);
    }

    Xapian::Query positional(const Xapian::Query& built,
                             const std::vector<std::string>& terms) const {
        if (options_.loose) {
            return Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end());
        }
        return options_.rewrite != nullptr ? (*options_.rewrite)(built, terms) : built;
    }

    Xapian::Query phrase(const std::vector<std::string>& terms) const {
        if (terms.size() == 1) {
            return Xapian::Query(terms.front());
        }
        return positional(Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                                        static_cast<Xapian::termcount>(terms.size())),
                          terms);
    }

    // The exact spelling counts twice (stem and exact term), so it ranks above other forms; a
    // note tagged with the word, or with the word in its title, gains once more. A compound is
    // also searched like its two halves typed apart: a note with both, side by side, ranks
    // with one that writes the compound.
    Xapian::Query build(const Word& word) const {
        std::vector<Xapian::Query> terms = {Xapian::Query(word.stem_term),
                                            Xapian::Query(word.tag_term),
                                            Xapian::Query(word.title_term)};
        if (!word.exact_term.empty()) {
            terms.emplace_back(word.exact_term);
        }
        Xapian::Query query(Xapian::Query::OP_OR, terms.begin(), terms.end());
        if (word.parts.empty()) {
            return query;
        }
        std::vector<ranking::SideBySide> halves;
        for (const std::string& part : word.parts) {
            halves.push_back({Xapian::Query(part), false, part});
        }
        return Xapian::Query(Xapian::Query::OP_OR, query,
                             ranking::combine(halves, options_.bonuses));
    }

    Xapian::Query build(const Phrase& phrase) const { return this->phrase(phrase.terms); }

    Xapian::Query build(const Tag& tag) const {
        if (tag.negated || tag.word_terms.empty()) {
            return Xapian::Query(tag.term);
        }
        return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(tag.term),
                             Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, phrase(tag.word_terms),
                                           ranking::untagged_weight));
    }

    Xapian::Query build(const Near& near) const {
        const std::vector<std::string> pair = {near.left, near.right};
        return positional(
            Xapian::Query(Xapian::Query::OP_NEAR, pair.begin(), pair.end(), near.window), pair);
    }

    Xapian::Query build(const Wildcard& wildcard) const {
        return Xapian::Query(Xapian::Query::OP_WILDCARD, wildcard.prefix, max_wildcard_terms,
                             Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    }

    Xapian::Query build(const Field& field) const { return field.query; }

    Xapian::Query build(const AllOf& all) const { return every(all.parts); }

    Xapian::Query build(const Joined& joined) const {
        return Xapian::Query(
            Xapian::Query::OP_OR,
            Xapian::Query(Xapian::Query::OP_AND, node(*joined.left), node(*joined.right)),
            Xapian::Query(joined.joined_term));
    }

    Xapian::Query build(const Equivalents& equivalents) const {
        std::vector<Xapian::Query> others;
        for (const std::vector<std::string>& alternative : equivalents.alternatives) {
            others.push_back(phrase(alternative));
        }
        return Xapian::Query(
            Xapian::Query::OP_OR, every(equivalents.typed),
            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                          Xapian::Query(Xapian::Query::OP_OR, others.begin(), others.end()),
                          ranking::glossary_weight));
    }

    Xapian::Query build(const Nested& nested) const { return tree(*nested.tree, nullptr); }

    Xapian::Query every(const std::vector<NodePtr>& nodes) const {
        if (nodes.size() == 1) {
            return node(*nodes.front());
        }
        std::vector<Xapian::Query> parts;
        for (const NodePtr& part : nodes) {
            parts.push_back(node(*part));
        }
        return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
    }

    const BuildOptions& options_;
};

} // namespace

Xapian::Query build(const Tree& tree, const BuildOptions& options, ranking::TopOperands* top) {
    return Builder(options).tree(tree, top);
}

} // namespace jaryo::query
