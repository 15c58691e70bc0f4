#pragma once
// Korean ↔ English ML vocabulary used as query-time synonyms (환각 ↔ hallucination). Built in
// from common/analysis/data/glossary.tsv; users add groups in $XDG_CONFIG_HOME/jaryo/glossary.tsv.
#include "jaryo/analyzer.hpp"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace jaryo {

class Glossary {
  public:
    struct Expression {
        std::string text;               // as written in the glossary
        std::vector<std::string> stems; // as the analyzer reduces it
    };

    // Reads the entry of a stored form by name; "" where there is none.
    using StoredEntries = std::function<std::string(const std::string& name)>;

    // The built-in glossary, plus the user's file when there is one. Analysing it would cost
    // each search more than the rest of its start-up (docs/performance.md); `stored` (the entries
    // of stored_form() for the same files and analyzer, kept in the database by the indexer) spares
    // that: only the entries of the keys looked up are read. A stored form of other files or
    // another analyzer is ignored.
    static Glossary load_default(Analyzer& analyzer, StoredEntries stored = {});

    // This glossary as load_default() reads it back: entry "" says what it was built from, and
    // each key's entry names its alternatives, so that a search reads back only the few keys it
    // looks up, not every group.
    std::map<std::string, std::string> stored_form() const;
    // Whether load_default() read a stored form rather than analysing the files.
    bool is_stored() const { return static_cast<bool>(stored_); }

    // Adds groups from TSV text: one group of equivalent expressions per line, separated by
    // tabs; '#' starts a comment line; lines with fewer than two expressions are ignored. A line
    // starting with '!' is a veto: its expressions are never equivalents of each other, whatever
    // a group or the notes say (!잠재 공간<TAB>latent space).
    void add(std::string_view tsv, Analyzer& analyzer);

    // The expressions equivalent to `key` (stems joined by spaces), without `key` itself.
    std::vector<const Expression*> alternatives(const std::string& key) const;

    // Whether a veto line forbids taking the expressions keyed `a` and `b` as equivalents.
    bool vetoed(const std::string& a, const std::string& b) const;

    // Words in the longest expression: how far a query needs to look ahead.
    std::size_t longest_expression() const { return longest_; }
    std::size_t size() const { return is_stored() ? stored_groups_ : groups_.size(); }

    static std::string key_of(const std::vector<std::string>& stems);
    static std::filesystem::path user_file();

  private:
    void add_group(std::vector<Expression> group);
    bool read_stored(StoredEntries stored);

    std::set<std::pair<std::string, std::string>> vetoes_; // both orders
    std::string sources_; // fingerprint of the glossary files and the analyzer
    std::vector<std::vector<Expression>> groups_;
    std::unordered_map<std::string, std::vector<std::size_t>> groups_by_key_;
    std::size_t longest_ = 0;
    // Read from a stored form: its entries, and those looked up so far.
    StoredEntries stored_;
    std::size_t stored_groups_ = 0;
    mutable std::unordered_map<std::string, std::vector<Expression>> looked_up_;
};

} // namespace jaryo
