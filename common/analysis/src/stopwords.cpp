#include "jaryo/stopwords.hpp"

#include "word_lists.hpp"

#include <string>
#include <unordered_set>

namespace jaryo {

bool is_stopword(std::string_view norm) {
    // Views into the compiled-in list, which lives as long as the process.
    static const std::unordered_set<std::string_view> stopwords = [] {
        const std::vector<std::string_view> words = word_lists::entries(word_lists::stopwords);
        return std::unordered_set<std::string_view>(words.begin(), words.end());
    }();
    return stopwords.contains(norm);
}

} // namespace jaryo
