#include "jaryo/searcher.hpp"

#include "docid_set.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
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
            std::find_if(query.terms().begin(), query.terms().end(), [&](const QueryTerm& known) {
                return known.origin == TermOrigin::Wildcard
                           ? (*term).starts_with(
                                 std::string_view(known.term).substr(0, known.term.size() - 1))
                           : known.term == *term;
            });
        if (origin == query.terms().end()) {
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
    return query.plain().empty() ? query.query() : query.plain();
}

// Scores are compared to a millionth: Xapian sums a note's weights in another order when its
// shard lacks some query terms, and equal notes then differ in the last bits.
double rounded(double score) {
    return std::round(score * 1e6);
}

// The bonuses of a query (all words, pairs, proximity) keep Xapian from cutting a ranked OR
// short, which over every match costs a long question ten times plain BM25's time
// (docs/performance-log.md, "Where query time goes"). So plain BM25 picks the candidates and
// the bonuses rescore its best ones, at least this many.
constexpr Xapian::doccount rescore_window = 300;

} // namespace

struct Searcher::HitContext {
    HitContext(const ParsedQuery& searched, const SearchRequest& asked)
        : query(searched), request(asked),
          highlight(query.highlight_stems().begin(), query.highlight_stems().end()) {}

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
        // path with the MSet, where fetching each candidate's document from a server would
        // cost a round trip each (docs/scaling.md).
        enquire.set_collapse_key(schema::path_slot);
    }
    return enquire;
}

Searcher::Candidate Searcher::candidate(const Xapian::MSetIterator& match) const {
    return {*match, by_document_id_ ? std::string() : match.get_collapse_key(), match.get_weight()};
}

std::vector<Searcher::Candidate> Searcher::candidates_in(const Xapian::MSet& matches) const {
    std::vector<Candidate> found;
    for (auto match = matches.begin(); match != matches.end(); ++match) {
        found.push_back(candidate(match));
    }
    return found;
}

void Searcher::break_ties(std::vector<Candidate>& ranking, std::size_t first,
                          std::size_t last) const {
    for (std::size_t run = 0, end = 0; run < ranking.size() && run < last; run = end) {
        const double level = rounded(ranking[run].weight);
        for (end = run + 1; end < ranking.size() && rounded(ranking[end].weight) == level; ++end) {
        }
        if (end - run < 2 || end <= first) {
            continue;
        }
        // The run's keys, by place in the run.
        std::vector<std::string> keys(end - run);
        if (by_document_id_) {
            // One pass over the keys in id order reads each block of them at most once.
            std::vector<std::pair<Xapian::docid, std::size_t>> ids;
            for (std::size_t place = run; place < end; ++place) {
                ids.emplace_back(ranking[place].id, place - run);
            }
            std::sort(ids.begin(), ids.end());
            Xapian::ValueIterator value =
                databases_.database.valuestream_begin(schema::tie_order_slot);
            const Xapian::ValueIterator no_more =
                databases_.database.valuestream_end(schema::tie_order_slot);
            for (const auto& [id, place] : ids) {
                if (value == no_more) {
                    break;
                }
                value.skip_to(id);
                if (value != no_more && value.get_docid() == id) {
                    keys[place] = *value;
                }
            }
        } else {
            for (std::size_t place = run; place < end; ++place) {
                keys[place - run] = schema::tie_order_key(ranking[place].path);
            }
        }
        std::vector<std::size_t> places(end - run);
        std::iota(places.begin(), places.end(), std::size_t{0});
        const auto ordered =
            places.begin() + static_cast<std::ptrdiff_t>(std::min(end, last) - run);
        std::partial_sort(places.begin(), ordered, places.end(), [&](std::size_t a, std::size_t b) {
            return keys[a] != keys[b] ? keys[a] < keys[b]
                                      : ranking[run + a].id < ranking[run + b].id;
        });
        std::vector<Candidate> sorted;
        sorted.reserve(places.size());
        for (const std::size_t place : places) {
            sorted.push_back(std::move(ranking[run + place]));
        }
        std::move(sorted.begin(), sorted.end(), ranking.begin() + run);
    }
}

std::vector<Searcher::Candidate> Searcher::candidates(const Xapian::Query& query,
                                                      Xapian::doccount count) const {
    // Which of many equal notes (a bare tag:llm) make the cut must not depend on document ids,
    // which depend on how the notes are sharded: the notes of the score at the cut compete by
    // tie-order key. Only then are keys read (a value per note of that score): in 17 of the 40
    // dev queries at 100k generated notes, whose notes repeat one another's lines; 1 of 40 on
    // ml-papers. Matches past the cut are asked for too, where such a run mostly ends.
    constexpr Xapian::doccount past_the_cut = 64;
    Xapian::Enquire enquire = enquire_for(query);
    const Xapian::MSet first = enquire.get_mset(0, count + past_the_cut);
    std::vector<Candidate> ranking = candidates_in(first);
    if (ranking.size() > count &&
        rounded(ranking[count - 1].weight) == rounded(ranking[count].weight)) {
        const double level = rounded(ranking[count - 1].weight);
        if (ranking.size() == count + past_the_cut && rounded(ranking.back().weight) == level) {
            // That score and above, all of it, in one match: at most as many as match at all
            // (a bare tag:llm gives thousands of notes one score).
            enquire.set_cutoff(0, (level - 0.5) / 1e6);
            ranking = candidates_in(enquire.get_mset(0, first.get_matches_upper_bound()));
        }
        break_ties(ranking, count - 1, count);
    }
    ranking.resize(std::min<std::size_t>(count, ranking.size()));
    return ranking;
}

Xapian::Query Searcher::among(const Xapian::Query& ranked,
                              const std::vector<Candidate>& candidates) const {
    if (by_document_id_) {
        std::vector<Xapian::docid> ids(candidates.size());
        std::transform(candidates.begin(), candidates.end(), ids.begin(),
                       [](const Candidate& candidate) { return candidate.id; });
        DocidSet* set = databases_.uuids.size() <= 1 ? new DocidSet(std::move(ids))
                                                     : DocidSet::for_shards(ids, databases_.uuids);
        return Xapian::Query(Xapian::Query::OP_FILTER, ranked, Xapian::Query(set->release()));
    }
    // A remote server cannot run a posting source it does not know: the candidates are named
    // by their unique terms instead, from the paths that came with the MSet (candidates()).
    std::vector<Xapian::Query> unique;
    unique.reserve(candidates.size());
    for (const Candidate& candidate : candidates) {
        unique.emplace_back(schema::unique_term(candidate.path));
    }
    return Xapian::Query(Xapian::Query::OP_FILTER, ranked,
                         Xapian::Query(Xapian::Query::OP_OR, unique.begin(), unique.end()));
}

std::vector<Searcher::Candidate>
Searcher::matches_among(const Xapian::Query& ranked,
                        const std::vector<Candidate>& candidates) const {
    return candidates_in(enquire_for(among(ranked, candidates))
                             .get_mset(0, static_cast<Xapian::doccount>(candidates.size())));
}

std::vector<Searcher::Candidate>
Searcher::where_among(const Xapian::Query& query, const std::vector<Candidate>& candidates) const {
    // A weight would need each match's document length, which Xapian 1.4 decodes from the start
    // of its block of lengths: for candidates all over the database, most of the list again in
    // every match (docs/performance-log.md, third round).
    Xapian::Enquire enquire = enquire_for(among(query, candidates));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    return candidates_in(enquire.get_mset(0, static_cast<Xapian::doccount>(candidates.size())));
}

QueryForm Searcher::exact_phrases(const ParsedQuery& query,
                                  const std::vector<Candidate>& candidates) const {
    // A phrase alone over the candidates is weighed right: it becomes the AND of its words
    // (which weighs what the phrase weighs), kept to the candidates where the phrase matched.
    // Terms and document id sets are checked exactly; phrases under OR are what go wrong.
    return query.unpositioned_rewritten(
        [&](const Xapian::Query& phrase, const std::vector<std::string>& words) {
            const std::vector<Candidate> where = where_among(phrase, candidates);
            if (where.empty()) {
                return Xapian::Query::MatchNothing;
            }
            return among(Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end()), where);
        });
}

std::unordered_map<Xapian::docid, double>
Searcher::weigh_by_operand(const ranking::TopOperands& top,
                           const std::vector<Candidate>& candidates) const {
    std::unordered_map<Xapian::docid, std::pair<std::vector<double>, std::vector<bool>>> parts;
    for (std::size_t operand = 0; operand < top.queries.size(); ++operand) {
        for (const Candidate& match : matches_among(top.queries[operand], candidates)) {
            auto& [weights, matched] = parts[match.id];
            weights.resize(top.queries.size());
            matched.resize(top.queries.size());
            weights[operand] = match.weight;
            matched[operand] = true;
        }
    }
    std::unordered_map<Xapian::docid, double> scores;
    for (const auto& [id, part] : parts) {
        if (const std::optional<double> weight =
                ranking::combined_weight(top, part.first, part.second)) {
            scores[id] = *weight;
        }
    }
    return scores;
}

std::vector<Hit> Searcher::rescored(const ParsedQuery& query, const SearchRequest& request,
                                    Xapian::doccount limit) {
    const auto offset = static_cast<Xapian::doccount>(request.offset);
    // Where the query ranked is the one candidates are picked with (a word, a tag: no bonus,
    // phrase or NEAR to weigh over them), the candidates come in their final order and only
    // those shown are needed, and Xapian cuts a short ranking early.
    const bool final_order = query.proximity().empty() && query.positional_count() == 0 &&
                             query.query().serialise() == query.loose().serialise();
    const std::vector<Candidate> candidates = this->candidates(
        query.loose(), final_order ? offset + limit : std::max(rescore_window, offset + limit));
    // Every candidate matches the query without its phrase and NEAR bonuses; each of those is
    // then scored on its own, where Xapian checks its positions exactly.
    const QueryForm exact = exact_phrases(query, candidates);
    // With three operands or more, each is weighed alone and the all-words and pair bonuses are
    // added up here: Xapian would open and walk an operand's posting lists again for the
    // all-words bonus and for each pair it is in (a six-word question: 250 lists instead of 36).
    const ranking::TopOperands& top = exact.top;
    const bool by_operand = top.queries.size() >= 3;
    Xapian::Enquire enquire =
        enquire_for(by_operand ? Xapian::Query() : among(exact.query, candidates));
    Xapian::MSet matches;
    std::unordered_map<Xapian::docid, double> scores;
    if (by_operand) {
        scores = weigh_by_operand(top, candidates);
    } else {
        matches = enquire.get_mset(0, static_cast<Xapian::doccount>(candidates.size()));
        for (auto match = matches.begin(); match != matches.end(); ++match) {
            scores[*match] = match.get_weight();
        }
    }
    for (const Xapian::Query& bonus : query.proximity()) {
        for (const Candidate& match : matches_among(bonus, candidates)) {
            if (const auto scored = scores.find(match.id); scored != scores.end()) {
                scored->second += match.weight;
            }
        }
    }
    // By score, then by tie-order key: document ids depend on how the notes are sharded.
    std::vector<Candidate> order;
    for (const Candidate& candidate : candidates) {
        if (const auto scored = scores.find(candidate.id); scored != scores.end()) {
            order.push_back({candidate.id, candidate.path, scored->second});
        }
    }
    std::sort(order.begin(), order.end(), [](const Candidate& a, const Candidate& b) {
        return rounded(a.weight) > rounded(b.weight);
    });
    const std::size_t end = std::min(order.size(), offset + std::size_t{limit});
    break_ties(order, offset, end);
    if (end <= offset) {
        return {};
    }
    const std::vector<Candidate> shown(order.begin() + offset, order.begin() + end);
    if (by_operand) {
        // The notes shown, matched by their operands (the same terms) for their documents,
        // percentages and --explain.
        enquire.set_query(among(
            Xapian::Query(Xapian::Query::OP_OR, top.queries.begin(), top.queries.end()), shown));
        matches = enquire.get_mset(0, static_cast<Xapian::doccount>(shown.size()));
    }
    std::unordered_map<Xapian::docid, Xapian::MSetIterator> match_of;
    for (auto match = matches.begin(); match != matches.end(); ++match) {
        match_of.emplace(*match, match);
    }
    for (const Candidate& hit : shown) {
        matches.fetch(match_of.at(hit.id)); // remote shards send them all at once
    }
    const HitContext context(query, request);
    std::vector<Hit> hits;
    for (std::size_t rank = offset; rank < end; ++rank) {
        hits.push_back(
            make_hit(enquire, match_of.at(order[rank].id), order[rank].weight, rank + 1, context));
        // Xapian's percentage knows only the query it last ran, not the bonuses added here.
        hits.back().percent =
            order.front().weight > 0
                ? static_cast<int>(std::lround(100 * order[rank].weight / order.front().weight))
                : 100;
    }
    return hits;
}

std::vector<Hit> Searcher::search(const ParsedQuery& query, const SearchRequest& request) {
    const Xapian::doccount limit = request.limit == 0
                                       ? databases_.database.get_doccount()
                                       : static_cast<Xapian::doccount>(request.limit);
    if (request.order == Order::Relevance && query.rescored()) {
        return rescored(query, request, limit);
    }
    Xapian::Enquire enquire(databases_.database);
    if (request.order == Order::Relevance) {
        enquire.set_query(query.query());
        enquire.set_sort_by_relevance_then_value(schema::tie_order_slot, false); // as candidates()
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
        return this->facet(ParsedQuery::match_all(), Facet::Year);
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
