#include "jaryo/related.hpp"

#include "jaryo/errors.hpp"
#include "jaryo/schema.hpp"
#include "jaryo/stopwords.hpp"

#include <fmt/format.h>

namespace jaryo {

namespace {

// How many of the note's terms describe it.
constexpr Xapian::termcount terms_to_use = 30;

// Words (not function words, not single characters) and tags.
class DescriptiveTerms : public Xapian::ExpandDecider {
  public:
    bool operator()(const std::string& term) const override {
        if (term.starts_with(schema::tag_prefix)) {
            return true;
        }
        if (!term.starts_with(schema::stem_prefix)) {
            return false;
        }
        const std::string_view stem = std::string_view(term).substr(schema::stem_prefix.size());
        return stem.size() > 1 && !is_stopword(stem);
    }
};

} // namespace

ParsedQuery related_query(const Xapian::Database& database, const std::filesystem::path& note) {
    // Indexed paths are canonical (the indexer resolves its folders).
    std::error_code error;
    std::filesystem::path canonical = std::filesystem::weakly_canonical(note, error);
    if (error) {
        canonical = std::filesystem::absolute(note, error).lexically_normal();
    }
    const std::string unique = schema::unique_term(canonical.string());
    Xapian::PostingIterator posting = database.postlist_begin(unique);
    if (posting == database.postlist_end(unique)) {
        throw QueryError(fmt::format("{} is not in the database; index its folder with "
                                     "jaryo-index first",
                                     note.string()));
    }
    Xapian::RSet relevant;
    relevant.add_document(*posting);
    Xapian::Enquire enquire(database);
    const DescriptiveTerms decider;
    const Xapian::ESet expand = enquire.get_eset(terms_to_use, relevant, &decider);
    std::vector<Xapian::Query> terms;
    std::vector<QueryTerm> searched;
    std::vector<std::string> highlight_stems;
    for (auto term = expand.begin(); term != expand.end(); ++term) {
        terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*term), term.get_weight());
        searched.push_back({*term, "--like", TermOrigin::Exact});
        if ((*term).starts_with(schema::stem_prefix)) {
            highlight_stems.push_back((*term).substr(schema::stem_prefix.size()));
        }
    }
    if (terms.empty()) {
        throw QueryError(fmt::format("{} has no words to compare other notes with", note.string()));
    }
    return ParsedQuery::ranked_as(
        Xapian::Query(Xapian::Query::OP_AND_NOT,
                      Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                      Xapian::Query(unique)),
        std::move(searched), std::move(highlight_stems));
}

} // namespace jaryo
