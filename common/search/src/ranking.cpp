#include "jaryo/ranking.hpp"

namespace jaryo::ranking {

namespace {

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

// Whether the pair bonus counts for operands i and j: not where both are required (every
// match has both).
bool paired(bool required_i, bool required_j) {
    return !(required_i && required_j);
}

bool pairs_counted(std::size_t count) {
    return count > 2 && count <= max_paired_operands;
}

} // namespace

Xapian::Query combine(const std::vector<SideBySide>& operands, const Bonuses& wanted) {
    if (operands.size() == 1) {
        return operands.front().query;
    }
    std::vector<Xapian::Query> required;
    std::vector<Xapian::Query> optional;
    std::vector<Xapian::Query> every;
    for (const SideBySide& operand : operands) {
        (operand.required ? required : optional).push_back(operand.query);
        every.push_back(operand.query);
    }
    std::vector<Xapian::Query> bonuses;
    if (!optional.empty()) {
        bonuses.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                             Xapian::Query(Xapian::Query::OP_AND, every.begin(), every.end()),
                             all_words_bonus);
        if (pairs_counted(every.size())) {
            for (std::size_t i = 0; i < every.size(); ++i) {
                for (std::size_t j = i + 1; j < every.size(); ++j) {
                    if (paired(operands[i].required, operands[j].required)) {
                        bonuses.emplace_back(
                            Xapian::Query::OP_SCALE_WEIGHT,
                            Xapian::Query(Xapian::Query::OP_AND, every[i], every[j]), pair_bonus);
                    }
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
    if (pairs_counted(count)) {
        for (std::size_t i = 0; i < count; ++i) {
            for (std::size_t j = i + 1; j < count; ++j) {
                if (matched[i] && matched[j] && paired(top.required[i], top.required[j])) {
                    weight += pair_bonus * (weights[i] + weights[j]);
                }
            }
        }
    }
    return weight;
}

} // namespace jaryo::ranking
