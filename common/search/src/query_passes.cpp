#include "query_passes.hpp"

#include "note_glosses.hpp"

#include "jaryo/glossary.hpp"
#include "jaryo/schema.hpp"

#include <algorithm>
#include <iterator>
#include <memory>

namespace jaryo::query {

namespace {

NodePtr make_node(auto kind) {
    return std::make_shared<const Node>(Node{std::move(kind)});
}

// An equivalent of what was typed, and where it comes from.
struct Alternative {
    std::vector<std::string> stems;
    TermOrigin origin;
};

// Glosses are of up to three words (jaryo/glosses.hpp).
constexpr std::size_t longest_gloss = 3;

std::vector<Alternative> alternatives_of(const std::string& key, const Glossary* glossary,
                                         const Xapian::Database* notes) {
    std::vector<Alternative> found;
    if (glossary != nullptr) {
        for (const Glossary::Expression* expression : glossary->alternatives(key)) {
            found.push_back({expression->stems, TermOrigin::Glossary});
        }
    }
    if (notes != nullptr) {
        for (const std::string& other : glossed_as(*notes, key, glossary)) {
            const bool known = std::any_of(found.begin(), found.end(), [&](const Alternative& a) {
                return Glossary::key_of(a.stems) == other;
            });
            if (!known) {
                std::vector<std::string> stems;
                for (std::size_t at = 0, end = 0; at <= other.size(); at = end + 1) {
                    end = std::min(other.find(' ', at), other.size());
                    stems.push_back(other.substr(at, end - at));
                }
                found.push_back({std::move(stems), TermOrigin::Glossed});
            }
        }
    }
    return found;
}

void merge_with_equivalents(std::vector<Operand>& operands, std::size_t first, std::size_t length,
                            const std::vector<Alternative>& equivalents) {
    Equivalents merged_node;
    for (std::size_t k = first; k < first + length; ++k) {
        merged_node.typed.push_back(operands[k].node);
    }
    Operand& merged = operands[first];
    for (std::size_t k = first + 1; k < first + length; ++k) {
        absorb(merged, std::move(operands[k]));
    }
    merged.stopword = false;
    for (const Alternative& alternative : equivalents) {
        std::vector<std::string> terms;
        for (const std::string& stem : alternative.stems) {
            terms.push_back(schema::stem_term(stem));
            merged.stems.push_back(stem);
            merged.terms.push_back({schema::stem_term(stem), merged.text, alternative.origin});
        }
        merged_node.alternatives.push_back(std::move(terms));
    }
    merged.node = make_node(std::move(merged_node));
    operands.erase(operands.begin() + static_cast<std::ptrdiff_t>(first) + 1,
                   operands.begin() + static_cast<std::ptrdiff_t>(first + length));
}

} // namespace

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

void add_glossary_equivalents(std::vector<Operand>& operands, const Glossary* glossary,
                              const Xapian::Database* notes) {
    const std::size_t look_ahead =
        std::max(glossary != nullptr ? glossary->longest_expression() : 0,
                 notes != nullptr ? longest_gloss : 0);
    for (std::size_t i = 0; i < operands.size(); ++i) {
        const std::size_t longest = std::min(look_ahead, operands.size() - i);
        for (std::size_t length = longest; length >= 1; --length) {
            std::string key;
            bool keyed = true;
            for (std::size_t k = i; k < i + length && keyed; ++k) {
                keyed = !operands[k].key.empty();
                key += (key.empty() ? "" : " ") + operands[k].key;
            }
            std::vector<Alternative> equivalents =
                keyed ? alternatives_of(key, glossary, notes) : std::vector<Alternative>();
            if (equivalents.empty() && length == 1 && !operands[i].split_key.empty()) {
                equivalents = alternatives_of(operands[i].split_key, glossary, notes);
            }
            if (!equivalents.empty()) {
                merge_with_equivalents(operands, i, length, equivalents);
                break;
            }
        }
    }
}

void join_spaced_words(std::vector<Operand>& operands, const Xapian::Database& lexicon) {
    for (std::size_t i = 0; i + 1 < operands.size(); ++i) {
        const auto& left = operands[i].hangul;
        const auto& right = operands[i + 1].hangul;
        if (!left || !right) {
            continue;
        }
        const std::string joined = schema::stem_term(left->first + right->second);
        if (!lexicon.term_exists(joined)) {
            continue;
        }
        Operand& first = operands[i];
        first.node = make_node(Joined{first.node, operands[i + 1].node, joined});
        absorb(first, std::move(operands[i + 1]));
        first.terms.push_back({joined, first.text, TermOrigin::Joined});
        operands.erase(operands.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    }
}

void drop_stopwords(std::vector<Operand>& operands) {
    const auto droppable = [](const Operand& operand) {
        return operand.stopword && !operand.required;
    };
    if (std::all_of(operands.begin(), operands.end(), droppable)) {
        return;
    }
    std::erase_if(operands, droppable);
}

} // namespace jaryo::query
