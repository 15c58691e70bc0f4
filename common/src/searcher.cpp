#include "jaryo/searcher.hpp"

#include "docid_set.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
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

Searcher::Searcher(Xapian::Database database, Analyzer& analyzer) : analyzer_(analyzer) {
    databases_.database = std::move(database);
    by_document_id_ = databases_.database.size() == 1;
}

Searcher::Searcher(SearchDatabase databases, Analyzer& analyzer)
    : databases_(std::move(databases)), analyzer_(analyzer) {
    const std::set<std::string> distinct(databases_.uuids.begin(), databases_.uuids.end());
    by_document_id_ = !databases_.has_remote && distinct.size() == databases_.uuids.size() &&
                      !distinct.contains("");
}

Hit Searcher::make_hit(const Xapian::Enquire& enquire, const Xapian::MSetIterator& match,
                       double score, std::size_t rank, const HitContext& context) {
    Hit hit;
    hit.rank = rank;
    hit.score = score;
    hit.percent = match.get_percent();
    hit.note = schema::load(match.get_document());
    if (!databases_.shards.empty()) {
        hit.origin = databases_.origin(*match);
    }
    if (context.request.snippets) {
        hit.snippet = make_snippet(hit.note.text, context.highlight, analyzer_);
    }
    if (context.request.explain) {
        hit.matches = explain(databases_.database, enquire, match, context.query);
    }
    return hit;
}

Xapian::Enquire Searcher::enquire_for(const Xapian::Query& query) const {
    Xapian::Enquire enquire(databases_.database);
    enquire.set_query(query);
    if (!by_document_id_) {
        // Paths are unique, so collapsing on them removes nothing; it only sends each match's
        // path with the MSet, where fetching 300 documents from a server would take 100 ms.
        enquire.set_collapse_key(schema::path_slot);
    }
    return enquire;
}

Xapian::MSet Searcher::candidates(const Xapian::Query& query, Xapian::doccount count) const {
    Xapian::Enquire enquire = enquire_for(query);
    // Ties go by path, as in the final order: which of many equal notes (a bare tag:llm) make
    // the cut must not depend on document ids, which depend on how the notes are sharded. It
    // costs a value read per tie (2-3 ms for plain BM25 at 100k notes, where 17 of the 40 dev
    // queries tie across the cut; asking for one more to see whether they do costs more).
    enquire.set_sort_by_relevance_then_value(schema::path_slot, false);
    return enquire.get_mset(0, count);
}

Xapian::Query Searcher::among(const Xapian::Query& ranked, const Xapian::MSet& candidates) const {
    std::vector<Xapian::docid> ids(candidates.size());
    std::transform(candidates.begin(), candidates.end(), ids.begin(),
                   [](Xapian::docid id) { return id; });
    if (by_document_id_) {
        DocidSet* set = databases_.uuids.size() <= 1 ? new DocidSet(std::move(ids))
                                                     : DocidSet::for_shards(ids, databases_.uuids);
        return Xapian::Query(Xapian::Query::OP_FILTER, ranked, Xapian::Query(set->release()));
    }
    // A remote server cannot run a posting source it does not know: the candidates are named
    // by their unique terms instead, from the paths that came with the MSet (candidates()).
    std::vector<Xapian::Query> unique;
    unique.reserve(candidates.size());
    for (auto match = candidates.begin(); match != candidates.end(); ++match) {
        unique.emplace_back(schema::unique_term(match.get_collapse_key()));
    }
    return Xapian::Query(Xapian::Query::OP_FILTER, ranked,
                         Xapian::Query(Xapian::Query::OP_OR, unique.begin(), unique.end()));
}

Xapian::Query Searcher::exact_phrases(const ParsedQuery& query,
                                      const Xapian::MSet& candidates) const {
    // A phrase alone over the candidates is weighed right: it becomes the AND of its words
    // (which weighs what the phrase weighs), kept to the candidates where the phrase matched.
    // Terms and document id sets are checked exactly; phrases under OR are what go wrong.
    return query.unpositioned_rewritten(
        [&](const Xapian::Query& phrase, const std::vector<std::string>& words) {
            const Xapian::MSet matched =
                enquire_for(among(phrase, candidates)).get_mset(0, candidates.size());
            if (matched.empty()) {
                return Xapian::Query::MatchNothing;
            }
            return among(Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end()), matched);
        });
}

std::vector<Hit> Searcher::rescored(const ParsedQuery& query, const SearchRequest& request,
                                    Xapian::doccount limit) {
    const auto offset = static_cast<Xapian::doccount>(request.offset);
    const Xapian::MSet candidates =
        this->candidates(query.plain, std::max(rescore_window, offset + limit));
    // Every candidate matches the query without its phrase and NEAR bonuses; each of those is
    // then scored on its own, where Xapian checks its positions exactly.
    const Xapian::Enquire enquire =
        enquire_for(among(exact_phrases(query, candidates), candidates));
    const Xapian::MSet scored = enquire.get_mset(0, candidates.size());
    std::unordered_map<Xapian::docid, double> scores;
    std::vector<Xapian::MSetIterator> order;
    for (auto match = scored.begin(); match != scored.end(); ++match) {
        scores[*match] = match.get_weight();
        order.push_back(match);
    }
    for (const Xapian::Query& bonus : query.proximity) {
        Xapian::Enquire proximity(databases_.database);
        proximity.set_query(among(bonus, candidates));
        const Xapian::MSet found = proximity.get_mset(0, candidates.size());
        for (auto match = found.begin(); match != found.end(); ++match) {
            scores[*match] += match.get_weight();
        }
    }
    // By score, then by path: document ids depend on how the notes are sharded, paths do not.
    std::unordered_map<Xapian::docid, std::string> paths;
    const auto path_of = [&](const Xapian::MSetIterator& match) -> const std::string& {
        auto [known, added] = paths.try_emplace(*match);
        if (added) {
            known->second = by_document_id_ ? match.get_document().get_value(schema::path_slot)
                                            : match.get_collapse_key();
        }
        return known->second;
    };
    // Scores are compared to a millionth: Xapian sums a note's weights in another order when
    // its shard lacks some query terms, and equal notes then differ in the last bits.
    const auto rounded = [&scores](Xapian::docid id) { return std::round(scores[id] * 1e6); };
    std::sort(order.begin(), order.end(),
              [&](const Xapian::MSetIterator& a, const Xapian::MSetIterator& b) {
                  const double left = rounded(*a);
                  const double right = rounded(*b);
                  return left != right ? left > right : path_of(a) < path_of(b);
              });
    const std::size_t end = std::min(order.size(), offset + std::size_t{limit});
    for (std::size_t rank = offset; rank < end; ++rank) {
        scored.fetch(order[rank]); // remote shards send them all at once
    }
    const HitContext context(query, request);
    std::vector<Hit> hits;
    for (std::size_t rank = offset; rank < end; ++rank) {
        hits.push_back(make_hit(enquire, order[rank], scores[*order[rank]], rank + 1, context));
    }
    return hits;
}

std::vector<Hit> Searcher::search(const ParsedQuery& query, const SearchRequest& request) {
    const Xapian::doccount limit = request.limit == 0
                                       ? databases_.database.get_doccount()
                                       : static_cast<Xapian::doccount>(request.limit);
    if (request.order == Order::Relevance && !query.plain.empty() && !query.unpositioned.empty()) {
        return rescored(query, request, limit);
    }
    Xapian::Enquire enquire(databases_.database);
    if (request.order == Order::Relevance) {
        enquire.set_query(query.query);
        enquire.set_sort_by_relevance_then_value(schema::path_slot, false); // see candidates()
    } else {
        // Sorted by date, ranking bonuses change nothing.
        enquire.set_query(matching(query));
        enquire.set_sort_by_value_then_relevance(schema::date_slot,
                                                 request.order == Order::NewestFirst);
    }
    const Xapian::MSet matches =
        enquire.get_mset(static_cast<Xapian::doccount>(request.offset), limit);
    matches.fetch();
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
    Xapian::Enquire enquire(databases_.database);
    enquire.set_query(matching(query));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    // Asking to check every document makes the estimate exact.
    return enquire.get_mset(0, 0, databases_.database.get_doccount()).get_matches_estimated();
}

std::vector<FacetCount> Searcher::facet(const ParsedQuery& query, Facet facet) {
    Xapian::Enquire enquire(databases_.database);
    enquire.set_query(matching(query));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::MSet matches = enquire.get_mset(0, databases_.database.get_doccount());
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
    for (auto term = databases_.database.allterms_begin(prefix);
         term != databases_.database.allterms_end(prefix); ++term) {
        counts[(*term).substr(prefix.size())] = term.get_termfreq();
    }
    return most_first(counts);
}

} // namespace jaryo
