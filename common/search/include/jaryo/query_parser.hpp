#pragma once
// Turns what a user types into the queries a search runs, analysing every word with the same
// analyzer that indexed the notes. The text is parsed once into a query tree
// (jaryo/query_tree.hpp); every Xapian form below is built from that tree.
//
//   prefix lm            notes with both words first, then notes with either
//   +prefix lm           prefix required (also: prefix AND lm requires both)
//   "prefix lm"          a phrase (particles in the text do not break it: prefix lm이)
//   lm -causal           exclusion (also: NOT causal)
//   bert OR gpt          either; binds tighter than words side by side
//   (bert OR gpt) 압축   grouping
//   #alignment           a hashtag (notes that only write the word rank below)
//   모델*                words starting with 모델 (the 100 most frequent in the index)
//   모델 NEAR 학습       both words within 10 words of each other (NEAR/5: within 5)
//   title:prefix         title words (also 제목:); title:"prefix lm" needs both
//   tag:alignment        the same as #alignment (also 태그:)
//   path:papers/2023     notes under folders named papers and 2023 (also 경로:)
//   arxiv:2308.06912     notes that mention or link the paper; a bare id works too
//   date:2023-08..2023-09, year:2023   notes dated in the range (also 날짜:, 연도:)
#include "jaryo/analyzer.hpp"
#include "jaryo/query_tree.hpp"
#include "jaryo/ranking.hpp"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>
#include <xapian.h>

namespace jaryo {

class Glossary;

// What a query may consult beyond its own text; each part is optional.
struct QueryContext {
    const Xapian::Database* lexicon = nullptr; // the database to be searched: spacing variants
    const Glossary* glossary = nullptr;        // Korean ↔ English synonyms
};

// Given a phrase or NEAR query and its terms, the query to build in its place.
using PositionalRewrite =
    std::function<Xapian::Query(const Xapian::Query&, const std::vector<std::string>&)>;

// A form of a query, and its top operands where it is one clause of them side by side (no OR
// between clauses); none otherwise.
struct QueryForm {
    Xapian::Query query;
    ranking::TopOperands top;
};

// Everything a search needs of one query, made whole by parse_query() (or by the factories
// below for queries that are not typed), then only narrowed by restrict_to().
class ParsedQuery {
  public:
    // Every note, unranked (a listing, or a date range with no words).
    static ParsedQuery match_all();
    // A query built elsewhere (--like): ranked as it is, never rescored.
    static ParsedQuery ranked_as(Xapian::Query query, std::vector<QueryTerm> terms,
                                 std::vector<std::string> highlight_stems);

    // With the bonuses for all words, pairs and proximity.
    const Xapian::Query& query() const { return query_; }
    // The same matches without those bonuses: plain BM25, which Xapian can cut short. The
    // searcher ranks with it first and rescores only its best candidates with query().
    // Empty where the query is not rescored.
    const Xapian::Query& plain() const { return plain_; }
    // plain() with every phrase and NEAR loosened to the AND of its words: what the searcher
    // picks candidates with, checking positions only over them. Under an OR, Xapian 1.4.22
    // reads the document lengths again and again for a weighted phrase, and a phrase alone
    // reads the positions of every note with its words (docs/performance-log.md).
    const Xapian::Query& loose() const { return loose_; }
    // query() without its phrase and NEAR bonuses, which are proximity(), apart: the searcher
    // scores each of them over the candidates alone, because Xapian 1.4.22 weighs optional
    // positional subqueries wrongly when a short list of candidates leads the match.
    const Xapian::Query& unpositioned() const { return unpositioned_; }
    const std::vector<Xapian::Query>& proximity() const { return proximity_; }
    // The top operands of unpositioned(): weighing each once and adding the bonuses up
    // (ranking::combined_weight) costs the searcher a walk of each operand's posting lists,
    // where Xapian walks them again for the all-words bonus and each pair.
    const ranking::TopOperands& top() const { return top_; }
    // Phrases and NEARs inside unpositioned(): quoted phrases, a glossary's multi-word
    // equivalents, NEAR. Xapian 1.4.22 credits them wrongly too when candidates lead, so the
    // searcher has unpositioned() built again with each one rewritten (unpositioned_rewritten).
    std::size_t positional_count() const { return positional_count_; }
    // Stems of the words searched for (not excluded ones): what snippets highlight.
    const std::vector<std::string>& highlight_stems() const { return highlight_stems_; }
    // Every term searched for (not excluded ones), the first origin of each.
    const std::vector<QueryTerm>& terms() const { return terms_; }
    // What the user probably mistyped ("did you mean tag:?"); the query is searched as typed.
    const std::vector<std::string>& warnings() const { return warnings_; }
    // Whether the searcher picks candidates with plain() and rescores them.
    bool rescored() const { return !plain_.empty() && !unpositioned_.empty(); }

    // Keeps only the notes `filter` matches, in every form of the query.
    void restrict_to(const Xapian::Query& filter);

    // unpositioned() and its top operands, with each phrase and NEAR in them replaced by what
    // `rewrite` makes of it; restricted as unpositioned() is. Built from the tree: no analysis.
    QueryForm unpositioned_rewritten(const PositionalRewrite& rewrite) const;

  private:
    friend ParsedQuery parse_query(std::string_view, Analyzer&, const QueryContext&);
    ParsedQuery() = default;

    Xapian::Query query_;
    Xapian::Query plain_;
    Xapian::Query loose_;
    Xapian::Query unpositioned_;
    std::vector<Xapian::Query> proximity_;
    ranking::TopOperands top_;
    std::size_t positional_count_ = 0;
    std::vector<std::string> highlight_stems_;
    std::vector<QueryTerm> terms_;
    std::vector<std::string> warnings_;
    std::shared_ptr<const query::Tree> tree_; // none for queries that are not parsed
    std::vector<Xapian::Query> restrictions_;
};

// The query tree of `text`, every pass done. Throws QueryError when nothing searchable is left
// or parentheses do not match.
//
// With a glossary, a word or run of words that it lists also searches its equivalents, weighted
// below what was typed (환각 also finds hallucination; 능동 학습, active learning).
// With a lexicon (the database to be searched), Korean spacing variants meet: an unspaced
// word also searches its split into two indexed words (프롬프트엔지니어링 finds 프롬프트
// 엔지니어링), and two adjacent words also search their joined form when it is indexed
// (하이퍼 파라미터 finds 하이퍼파라미터).
// Words side by side need not all match (+word or AND makes one required): notes with more of
// them, and with neighbours close together, rank higher, so questions find notes that answer
// them in other words. Function words (the, why, 방법, 없이) are dropped from queries that have
// other words.
query::Tree parse_query_tree(std::string_view text, Analyzer& analyzer,
                             const QueryContext& context = {});

// The tree above, and every form a search needs built from it.
ParsedQuery parse_query(std::string_view text, Analyzer& analyzer,
                        const QueryContext& context = {});

} // namespace jaryo
