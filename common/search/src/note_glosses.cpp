#include "note_glosses.hpp"

#include "jaryo/glossary.hpp"
#include "jaryo/schema.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace jaryo::query {

namespace {

// So many notes must gloss a term alike before a search trusts it: one note is an accident.
constexpr Xapian::doccount least_notes = 2;

// How many notes of different text hold `term`, counting up to `enough`: a note saved twice is
// one witness.
Xapian::doccount distinct_notes(const Xapian::Database& notes, const std::string& term,
                                Xapian::doccount enough) {
    std::set<std::string> texts;
    for (auto note = notes.postlist_begin(term);
         note != notes.postlist_end(term) && texts.size() < enough; ++note) {
        texts.insert(notes.get_document(*note).get_value(schema::content_slot));
    }
    return static_cast<Xapian::doccount>(texts.size());
}

// Every key the notes gloss `key` as, with how many notes do.
std::map<std::string, Xapian::doccount> partners(const Xapian::Database& notes,
                                                 const std::string& key) {
    std::map<std::string, Xapian::doccount> found;
    const std::string prefix = schema::gloss_term_prefix(key);
    for (auto term = notes.allterms_begin(prefix); term != notes.allterms_end(prefix); ++term) {
        if (term.get_termfreq() >= least_notes &&
            distinct_notes(notes, *term, least_notes) >= least_notes) {
            found.emplace((*term).substr(prefix.size()), term.get_termfreq());
        }
    }
    return found;
}

bool ends_with_words(const std::string& longer, const std::string& shorter) {
    return longer.size() > shorter.size() + 1 && longer.ends_with(shorter) &&
           longer[longer.size() - shorter.size() - 1] == ' ';
}

// The partners of a key that are whole terms: a candidate gives way to a longer one that ends
// with it and that at least half as many notes gloss so (모델 to 언어 모델 to 대규모 언어 모델).
std::vector<std::string> whole_terms(const std::map<std::string, Xapian::doccount>& found) {
    std::vector<std::string> whole;
    for (const auto& candidate : found) {
        const bool gives_way = std::any_of(found.begin(), found.end(), [&](const auto& longer) {
            return ends_with_words(longer.first, candidate.first) &&
                   2 * longer.second >= candidate.second;
        });
        if (!gives_way) {
            whole.push_back(candidate.first);
        }
    }
    return whole;
}

} // namespace

std::vector<std::string> glossed_as(const Xapian::Database& notes, const std::string& key,
                                    const Glossary* glossary) {
    std::vector<std::string> glossed;
    for (const std::string& other : whole_terms(partners(notes, key))) {
        const std::vector<std::string> back = whole_terms(partners(notes, other));
        const bool mutual = std::find(back.begin(), back.end(), key) != back.end();
        if (mutual && (glossary == nullptr || !glossary->vetoed(key, other))) {
            glossed.push_back(other);
        }
    }
    return glossed;
}

} // namespace jaryo::query
