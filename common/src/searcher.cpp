#include "jaryo/searcher.hpp"

#include <unordered_set>

namespace jaryo {

Searcher::Searcher(Xapian::Database database, Analyzer& analyzer)
    : database_(std::move(database)), analyzer_(analyzer) {}

std::vector<Hit> Searcher::search(const ParsedQuery& query, const SearchRequest& request) {
    Xapian::Enquire enquire(database_);
    enquire.set_query(query.query);
    const Xapian::doccount limit = request.limit == 0
                                       ? database_.get_doccount()
                                       : static_cast<Xapian::doccount>(request.limit);
    const Xapian::MSet matches =
        enquire.get_mset(static_cast<Xapian::doccount>(request.offset), limit);
    const std::unordered_set<std::string> stems(query.highlight_stems.begin(),
                                                query.highlight_stems.end());
    std::vector<Hit> hits;
    hits.reserve(matches.size());
    for (auto match = matches.begin(); match != matches.end(); ++match) {
        Hit hit;
        hit.rank = static_cast<std::size_t>(match.get_rank()) + 1;
        hit.score = match.get_weight();
        hit.percent = match.get_percent();
        hit.note = schema::load(match.get_document());
        if (request.snippets) {
            hit.snippet = make_snippet(hit.note.text, stems, analyzer_);
        }
        hits.push_back(std::move(hit));
    }
    return hits;
}

Xapian::doccount Searcher::count(const ParsedQuery& query) {
    Xapian::Enquire enquire(database_);
    enquire.set_query(query.query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    // Asking to check every document makes the estimate exact.
    return enquire.get_mset(0, 0, database_.get_doccount()).get_matches_estimated();
}

} // namespace jaryo
