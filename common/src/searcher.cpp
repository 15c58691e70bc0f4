#include "jaryo/searcher.hpp"

#include "docid_set.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace jaryo {

namespace {

// The weight `term` alone gives the note whose unique term is `unique`.
double weight_alone(const Xapian::Database& database, const std::string& term,
                    const std::string& unique) {
    Xapian::Enquire enquire(database);
    enquire.set_query(
        Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(term), Xapian::Query(unique)));
    const Xapian::MSet alone = enquire.get_mset(0, 1);
    return alone.empty() ? 0 : alone.begin().get_weight();
}

std::vector<TermMatch> explain(const Xapian::Database& database, const Xapian::Enquire& enquire,
                               const Xapian::MSetIterator& match, const ParsedQuery& query) {
    const Xapian::Document document = match.get_document();
    const std::string unique = schema::unique_term(document.get_value(schema::path_slot));
    std::vector<TermMatch> matches;
    for (auto term = enquire.get_matching_terms_begin(match);
         term != enquire.get_matching_terms_end(match); ++term) {
        const auto origin =
            std::find_if(query.terms.begin(), query.terms.end(), [&](const QueryTerm& known) {
                return known.origin == TermOrigin::Wildcard
                           ? (*term).starts_with(
                                 std::string_view(known.term).substr(0, known.term.size() - 1))
                           : known.term == *term;
            });
        if (origin == query.terms.end()) {
            continue;
        }
        Xapian::TermIterator in_document = document.termlist_begin();
        in_document.skip_to(*term);
        TermMatch found;
        found.term = *origin;
        found.term.term = *term; // a wildcard's expansion, not its pattern
        found.wdf = in_document != document.termlist_end() && *in_document == *term
                        ? in_document.get_wdf()
                        : 0;
        found.weight = weight_alone(database, *term, unique);
        matches.push_back(std::move(found));
    }
    std::stable_sort(matches.begin(), matches.end(),
                     [](const TermMatch& a, const TermMatch& b) { return a.weight > b.weight; });
    return matches;
}

std::vector<FacetCount> most_first(const std::map<std::string, Xapian::doccount>& counts) {
    std::vector<FacetCount> sorted;
    for (const auto& [value, notes] : counts) {
        sorted.push_back({value, notes});
    }
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const FacetCount& a, const FacetCount& b) { return a.notes > b.notes; });
    return sorted;
}

// What matches, without the ranking bonuses (which never change what matches).
const Xapian::Query& matching(const ParsedQuery& query) {
    return query.plain.empty() ? query.query : query.plain;
}

// The bonuses of a query (all words, pairs, proximity) keep Xapian from cutting a ranked OR
// short: over every match they cost 400-650 ms for a long question at 100k notes, against
// 20-50 ms for plain BM25. So plain BM25 picks the candidates and the bonuses rescore its best
// ones, at least this many.
constexpr Xapian::doccount rescore_window = 300;

} // namespace

struct Searcher::HitContext {
    HitContext(const ParsedQuery& searched, const SearchRequest& asked)
        : query(searched), request(asked),
          highlight(query.highlight_stems.begin(), query.highlight_stems.end()) {}

    const ParsedQuery& query;
    const SearchRequest& request;
    const std::unordered_set<std::string> highlight; // stems snippets highlight
};

Searcher::Searcher(Xapian::Database database, Analyzer& analyzer)
    : database_(std::move(database)), analyzer_(analyzer) {}

Hit Searcher::make_hit(const Xapian::Enquire& enquire, const Xapian::MSetIterator& match,
                       double score, std::size_t rank, const HitContext& context) {
    Hit hit;
    hit.rank = rank;
    hit.score = score;
    hit.percent = match.get_percent();
    hit.note = schema::load(match.get_document());
    if (context.request.snippets) {
        hit.snippet = make_snippet(hit.note.text, context.highlight, analyzer_);
    }
    if (context.request.explain) {
        hit.matches = explain(database_, enquire, match, context.query);
    }
    return hit;
}

std::vector<Hit> Searcher::rescored(const ParsedQuery& query, const SearchRequest& request,
                                    Xapian::doccount limit) {
    Xapian::Enquire plain(database_);
    plain.set_query(query.plain);
    const auto offset = static_cast<Xapian::doccount>(request.offset);
    const Xapian::MSet candidates = plain.get_mset(0, std::max(rescore_window, offset + limit));
    std::vector<Xapian::docid> ids(candidates.size());
    std::transform(candidates.begin(), candidates.end(), ids.begin(),
                   [](Xapian::docid id) { return id; });
    const auto among_candidates = [&ids](const Xapian::Query& ranked) {
        return Xapian::Query(Xapian::Query::OP_FILTER, ranked,
                             Xapian::Query((new DocidSet(ids))->release()));
    };
    // Every candidate matches the query without its phrase and NEAR bonuses; each of those is
    // then scored on its own, where Xapian checks its positions exactly.
    Xapian::Enquire enquire(database_);
    enquire.set_query(among_candidates(query.unpositioned));
    const Xapian::MSet scored = enquire.get_mset(0, candidates.size());
    std::unordered_map<Xapian::docid, double> scores;
    std::vector<Xapian::MSetIterator> order;
    for (auto match = scored.begin(); match != scored.end(); ++match) {
        scores[*match] = match.get_weight();
        order.push_back(match);
    }
    for (const Xapian::Query& bonus : query.proximity) {
        Xapian::Enquire proximity(database_);
        proximity.set_query(among_candidates(bonus));
        const Xapian::MSet found = proximity.get_mset(0, candidates.size());
        for (auto match = found.begin(); match != found.end(); ++match) {
            scores[*match] += match.get_weight();
        }
    }
    // As Xapian orders: by score, then by document id.
    std::sort(order.begin(), order.end(),
              [&scores](const Xapian::MSetIterator& a, const Xapian::MSetIterator& b) {
                  const double left = scores[*a];
                  const double right = scores[*b];
                  return left != right ? left > right : *a < *b;
              });
    const HitContext context(query, request);
    std::vector<Hit> hits;
    for (std::size_t rank = offset; rank < order.size() && rank < offset + limit; ++rank) {
        hits.push_back(make_hit(enquire, order[rank], scores[*order[rank]], rank + 1, context));
    }
    return hits;
}

std::vector<Hit> Searcher::search(const ParsedQuery& query, const SearchRequest& request) {
    const Xapian::doccount limit = request.limit == 0
                                       ? database_.get_doccount()
                                       : static_cast<Xapian::doccount>(request.limit);
    // Candidate ids are those of one database (sharded searches rank with the full query).
    if (request.order == Order::Relevance && !query.plain.empty() && !query.unpositioned.empty() &&
        database_.size() == 1) {
        return rescored(query, request, limit);
    }
    Xapian::Enquire enquire(database_);
    if (request.order == Order::Relevance) {
        enquire.set_query(query.query);
    } else {
        // Sorted by date, ranking bonuses change nothing.
        enquire.set_query(matching(query));
        enquire.set_sort_by_value_then_relevance(schema::date_slot,
                                                 request.order == Order::NewestFirst);
    }
    const Xapian::MSet matches =
        enquire.get_mset(static_cast<Xapian::doccount>(request.offset), limit);
    const HitContext context(query, request);
    std::vector<Hit> hits;
    hits.reserve(matches.size());
    for (auto match = matches.begin(); match != matches.end(); ++match) {
        hits.push_back(make_hit(enquire, match, match.get_weight(),
                                static_cast<std::size_t>(match.get_rank()) + 1, context));
    }
    return hits;
}

Xapian::doccount Searcher::count(const ParsedQuery& query) {
    Xapian::Enquire enquire(database_);
    enquire.set_query(matching(query));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    // Asking to check every document makes the estimate exact.
    return enquire.get_mset(0, 0, database_.get_doccount()).get_matches_estimated();
}

std::vector<FacetCount> Searcher::facet(const ParsedQuery& query, Facet facet) {
    Xapian::Enquire enquire(database_);
    enquire.set_query(matching(query));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::MSet matches = enquire.get_mset(0, database_.get_doccount());
    std::map<std::string, Xapian::doccount> counts;
    for (auto match = matches.begin(); match != matches.end(); ++match) {
        const Xapian::Document document = match.get_document();
        if (facet == Facet::Year) {
            const std::string date = document.get_value(schema::date_slot);
            if (date.size() >= 4) {
                ++counts[date.substr(0, 4)];
            }
            continue;
        }
        Xapian::TermIterator term = document.termlist_begin();
        for (term.skip_to(std::string(schema::tag_prefix));
             term != document.termlist_end() && (*term).starts_with(schema::tag_prefix); ++term) {
            ++counts[(*term).substr(schema::tag_prefix.size())];
        }
    }
    return most_first(counts);
}

std::vector<FacetCount> Searcher::facet_all(Facet facet) {
    if (facet == Facet::Year) {
        ParsedQuery everything;
        everything.query = Xapian::Query::MatchAll;
        return this->facet(everything, Facet::Year);
    }
    std::map<std::string, Xapian::doccount> counts;
    const std::string prefix(schema::tag_prefix);
    for (auto term = database_.allterms_begin(prefix); term != database_.allterms_end(prefix);
         ++term) {
        counts[(*term).substr(prefix.size())] = term.get_termfreq();
    }
    return most_first(counts);
}

} // namespace jaryo
