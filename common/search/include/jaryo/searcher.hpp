#pragma once
// Runs a parsed query against a database and returns ranked hits with snippets.
#include "jaryo/analyzer.hpp"
#include "jaryo/query_parser.hpp"
#include "jaryo/ranking.hpp"
#include "jaryo/schema.hpp"
#include "jaryo/search_database.hpp"
#include "jaryo/snippet.hpp"

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>
#include <xapian.h>

namespace jaryo {

// A query term found in a hit, for --explain.
struct TermMatch {
    QueryTerm term;
    Xapian::termcount wdf = 0; // occurrences in the note (title words count schema::title_weight)
    double weight = 0;         // what the term alone scores for the note
};

struct Hit {
    std::size_t rank = 0; // 1-based, counting from the first result, not from the offset
    double score = 0;
    int percent = 0;
    schema::StoredNote note;
    ShardOrigin origin;
    Snippet snippet;
    std::vector<TermMatch> matches; // filled when SearchRequest::explain; heaviest first
};

enum class Order { Relevance, OldestFirst, NewestFirst };

struct SearchRequest {
    std::size_t offset = 0;
    std::size_t limit = 10; // 0: every match
    Order order = Order::Relevance;
    bool snippets = true;
    bool explain = false;
};

// What facets and listings count notes by.
enum class Facet { Tag, Year };

struct FacetCount {
    std::string value; // a tag without '#', or a year
    Xapian::doccount notes = 0;
};

class Searcher {
  public:
    // Borrows `analyzer` for snippets; the caller keeps it alive (and uses it for queries).
    Searcher(Xapian::Database database, Analyzer& analyzer);
    Searcher(SearchDatabase databases, Analyzer& analyzer);

    // BM25-ranked hits; snippets only for the hits returned.
    std::vector<Hit> search(const ParsedQuery& query, const SearchRequest& request);

    // Exact number of matching notes.
    Xapian::doccount count(const ParsedQuery& query);

    // How many matching notes carry each tag, or fall in each year; most notes first.
    std::vector<FacetCount> facet(const ParsedQuery& query, Facet facet);

    // The same over every note in the database.
    std::vector<FacetCount> facet_all(Facet facet);

  private:
    // The best candidates of the plain query, ranked again with every bonus.
    std::vector<Hit> rescored(const ParsedQuery& query, const SearchRequest& request,
                              Xapian::doccount limit);
    struct HitContext; // what a search shares among its hits
    Hit make_hit(const Xapian::Enquire& enquire, const Xapian::MSetIterator& match, double score,
                 std::size_t rank, const HitContext& context);

    // A match kept for rescoring: its id in the searched database, its path where matches are
    // named by path (enquire_for() without document ids), and its weight.
    struct Candidate {
        Xapian::docid id = 0;
        std::string path;
        double weight = 0;
    };

    Xapian::Enquire enquire_for(const Xapian::Query& query) const;
    Candidate candidate(const Xapian::MSetIterator& match) const;
    std::vector<Candidate> candidates_in(const Xapian::MSet& matches) const;
    // The best `count` matches of `query`, equal weights by tie-order key.
    std::vector<Candidate> candidates(const Xapian::Query& query, Xapian::doccount count) const;
    // Restricts `ranked` to the candidates.
    Xapian::Query among(const Xapian::Query& ranked,
                        const std::vector<Candidate>& candidates) const;
    // The candidates that `ranked` matches, with what it weighs for them.
    std::vector<Candidate> matches_among(const Xapian::Query& ranked,
                                         const std::vector<Candidate>& candidates) const;
    // The candidates that `query` matches, unweighted.
    std::vector<Candidate> where_among(const Xapian::Query& query,
                                       const std::vector<Candidate>& candidates) const;
    // The query's `unpositioned` form with its phrases made safe to weigh over the candidates.
    QueryForm exact_phrases(const ParsedQuery& query,
                            const std::vector<Candidate>& candidates) const;
    // What the operands side by side weigh for each candidate they match, with the bonuses
    // for matching all of them and any two (combined_weight).
    std::unordered_map<Xapian::docid, double>
    weigh_by_operand(const ranking::TopOperands& top,
                     const std::vector<Candidate>& candidates) const;
    // Orders by tie-order key each run of equal weights in `ranking` (sorted by weight) that
    // reaches into places [first, last), as far as place `last`: past it a run's order is left
    // unspecified. The other runs keep their order.
    void break_ties(std::vector<Candidate>& ranking, std::size_t first, std::size_t last) const;

    SearchDatabase databases_; // no shards listed: one unnamed database
    Analyzer& analyzer_;
    // Candidates are restricted by document id where every shard is local and has its own
    // UUID (a copy of a database shares its original's); by unique term elsewhere.
    bool by_document_id_ = true;
};

} // namespace jaryo
