#pragma once
// How jaryo ranks a group of operands side by side, in one place: the bonus weights, the Xapian
// query that carries them (combine), and the same arithmetic done by the searcher when it weighs
// each operand alone over a few candidates (combined_weight). The two must agree, operand by
// operand: the index test "words weighed one by one with their bonuses added score as the full
// query" checks that they do.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>
#include <xapian.h>

namespace jaryo::ranking {

// Glossary equivalents count for half of what the user typed; so do a tag's words in notes
// without the tag.
inline constexpr double glossary_weight = 0.5;
inline constexpr double untagged_weight = 0.5;

// What a note gains, relative to the words' own weights, for matching every word of a group,
// any two of its words (in groups of up to eight, so a question that a note answers only in
// part still outranks notes that share one word with it), and two neighbouring words as a
// phrase or a few words apart.
inline constexpr double all_words_bonus = 1.0;
inline constexpr double pair_bonus = 0.5;
inline constexpr std::size_t max_paired_operands = 8;
inline constexpr double phrase_bonus = 0.5;
inline constexpr double near_bonus = 0.25;
inline constexpr Xapian::termcount near_window = 8;

// One of the operands side by side, as combine() needs it.
struct SideBySide {
    Xapian::Query query;
    bool required = false;       // +word, AND, a field
    std::string positional_term; // one word's Z term: phrase and NEAR bonuses with neighbours
};

// Which bonuses combine() builds into its query.
struct Bonuses {
    bool wanted = true; // none at all: the same matches in plain BM25 order
    // When set, the phrase and NEAR bonuses of neighbours go here instead of into the query
    // (ParsedQuery::proximity).
    std::vector<Xapian::Query>* proximity = nullptr;
};

// Required operands must all match, the others may; matching more of them, and neighbours
// close together, only raises the rank.
Xapian::Query combine(const std::vector<SideBySide>& operands, const Bonuses& bonuses);

// The operands side by side at the top of a query (words, phrases, groups, ranked fields),
// each its own query, and which of them are required.
struct TopOperands {
    std::vector<Xapian::Query> queries;
    std::vector<bool> required;
};

// What combine()'s query weighs for a note, from what each operand weighs for it (0 where one
// does not match it): their sum with the bonuses for matching all of them and any two of them.
// None where the note does not match: no operand, or not every required one. Proximity
// bonuses are not counted.
std::optional<double> combined_weight(const TopOperands& top, const std::vector<double>& weights,
                                      const std::vector<bool>& matched);

} // namespace jaryo::ranking
