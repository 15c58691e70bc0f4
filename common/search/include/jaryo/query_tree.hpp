#pragma once
// A query between the text typed and the Xapian queries searched. The parser turns text into
// this tree once (analysing each word, reading fields); passes widen it (glossary equivalents,
// spacing variants) and drop function words; the query builder turns it into each Xapian form
// the searcher needs, as often as it needs them, with no analysis and no look-ups.
//
//   tree     clauses, OR between them
//   clause   operands side by side (ranked together), and what is excluded
//   operand  one node with what ranking and --explain need to know of it
//   node     word, phrase, tag, NEAR, wildcard, field, nested tree, and what passes make of
//            nodes: words joined as the notes write them, equivalents
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>
#include <xapian.h>

namespace jaryo {

// Why a query searches a term; --explain shows it for each term a hit matched.
enum class TermOrigin {
    Exact,      // the word as typed, normalised
    Stem,       // its stem: other forms of the word (모델을 → 모델, models → model)
    Phrase,     // one word of a phrase (gpt-4, "prefix lm")
    Decompound, // half of an unspaced compound (프롬프트엔지니어링 → 엔지니어링)
    Joined,     // two typed words written as one (하이퍼 파라미터 → 하이퍼파라미터)
    Glossary,   // an equivalent from the glossary (환각 → hallucination)
    Glossed,    // an equivalent your notes gloss it as (역전파(backpropagation), in two notes)
    Title,      // the typed word in a title or file name
    Tag,        // a hashtag, or a note tagged with the typed word
    TagWords,   // a hashtag's words in the text (#weak_supervision → weak supervision)
    Wildcard,   // a word starting with what was typed before '*' (모델* → 모델링)
    Arxiv,      // an arXiv id the note links or mentions
};
std::string_view to_string(TermOrigin origin);

struct QueryTerm {
    std::string term;  // as indexed, with its prefix (see schema.hpp); for Wildcard, the prefix
    std::string typed; // the query text it comes from
    TermOrigin origin;
};

namespace query {

struct Node;
using NodePtr = std::shared_ptr<const Node>;
struct Tree;

// One word: its stem term (with positions), the tag and title terms of the stem, and its exact
// form where that differs from the stem; an unspaced Korean compound also the stem terms of the
// two words it splits into.
struct Word {
    std::string stem_term;
    std::string tag_term;
    std::string title_term;
    std::string exact_term;         // empty: the stem is the exact form
    std::vector<std::string> parts; // none, or the two halves of a compound
};

// Stem terms that must stand together in this order (gpt-4, "prefix lm", an equivalent of
// several words); one term alone is a plain term.
struct Phrase {
    std::vector<std::string> terms;
};

// #tag: the tagged notes, and notes that write its words (ranked lower); an excluded tag
// excludes the tagged notes only.
struct Tag {
    std::string term;
    std::vector<std::string> word_terms;
    bool negated = false;
};

// Two words within `window` positions of each other, in either order.
struct Near {
    std::string left;
    std::string right;
    Xapian::termcount window = 0;
};

// The indexed words starting with `prefix` (a stem term without its end).
struct Wildcard {
    std::string prefix;
};

// A field read without the analyzer's help (path:, arxiv:, date:) or with it (title:, tag:):
// its query is final, whatever form is built.
struct Field {
    std::string name;
    Xapian::Query query;
};

// Every part must match (a word with a hashtag glued to it).
struct AllOf {
    std::vector<NodePtr> parts;
};

// Two words typed apart that the notes also write as one word.
struct Joined {
    NodePtr left;
    NodePtr right;
    std::string joined_term;
};

// What was typed (every node), or what the glossary lists as the same (each a phrase of stem
// terms), weighed less.
struct Equivalents {
    std::vector<NodePtr> typed;
    std::vector<std::vector<std::string>> alternatives;
};

// A parenthesised query.
struct Nested {
    std::shared_ptr<const Tree> tree;
};

struct Node {
    std::variant<Word, Phrase, Tag, Near, Wildcard, Field, AllOf, Joined, Equivalents, Nested> kind;
};

// One operand of a clause.
struct Operand {
    NodePtr node;
    std::string text;            // as typed, for --explain
    bool required = false;       // +word, a neighbour of AND, a field
    bool stopword = false;       // a function word: dropped when other words are searched
    bool filter = false;         // date, path: restricts, does not rank
    std::string positional_term; // one word's stem term: phrase and NEAR bonuses
    // What the passes look at: one Korean word typed alone (norm, stem), for spacing variants;
    // the glossary key of its stems, and of a compound's two halves.
    std::optional<std::pair<std::string, std::string>> hangul;
    std::string key;
    std::string split_key;
    std::vector<QueryTerm> terms;   // what it searches, for --explain
    std::vector<std::string> stems; // what snippets highlight for it
};

struct Clause {
    std::vector<Operand> operands;
    std::vector<NodePtr> excluded;
};

struct Tree {
    std::vector<Clause> clauses; // OR between them; never empty once parsed
    // What the user probably mistyped (an unknown field close to a known one), for stderr.
    std::vector<std::string> warnings;
};

// The tree in one line per clause, for tests and for reading: operands in order with their
// flags (+ required, ~ stopword, = filter), nodes as (kind terms...).
std::string describe(const Tree& tree);

// Phrases and NEARs in the tree, excluded ones included: what the searcher checks positions of.
std::size_t positional_count(const Tree& tree);

} // namespace query
} // namespace jaryo
