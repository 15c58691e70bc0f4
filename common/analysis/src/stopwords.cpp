#include "jaryo/stopwords.hpp"

#include <algorithm>
#include <array>

namespace jaryo {

namespace {

// Sorted, for binary search. English: pronouns, articles, auxiliaries, prepositions,
// conjunctions and question words. Korean: bound nouns, conjunctions, question words, and the
// verbs and adverbs with which questions are framed ("X 하는 방법", "Y 없이").
constexpr auto stopwords = std::to_array<std::string_view>({
    "a",     "about",  "after",  "all",   "also",   "am",     "an",    "and",     "any",   "are",
    "as",    "at",     "be",     "been",  "being",  "both",   "but",   "by",      "can",   "could",
    "did",   "do",     "does",   "doing", "during", "each",   "for",   "from",    "had",   "has",
    "have",  "having", "he",     "her",   "here",   "his",    "how",   "i",       "if",    "in",
    "into",  "is",     "it",     "its",   "just",   "me",     "more",  "most",    "my",    "no",
    "nor",   "not",    "of",     "on",    "or",     "other",  "our",   "out",     "over",  "own",
    "same",  "she",    "should", "so",    "some",   "such",   "than",  "that",    "the",   "their",
    "them",  "then",   "there",  "these", "they",   "this",   "those", "through", "to",    "too",
    "under", "until",  "up",     "very",  "was",    "we",     "were",  "what",    "when",  "where",
    "which", "while",  "who",    "whom",  "why",    "will",   "with",  "without", "would", "you",
    "your",  "가장",   "것",     "경우",  "그",     "그리고", "대한",  "대해",    "더",    "등",
    "따라",  "때",     "또는",   "무슨",  "무엇",   "및",     "방법",  "수",      "어느",  "어디",
    "어떤",  "어떻게", "언제",   "없는",  "없이",   "왜",     "위한",  "위해",    "이",    "있는",
    "잘",    "저",     "좀",     "즉",    "통한",   "통해",   "하기",  "하는",    "한",
});

} // namespace

static_assert(std::is_sorted(stopwords.begin(), stopwords.end()));

bool is_stopword(std::string_view norm) {
    return std::binary_search(stopwords.begin(), stopwords.end(), norm);
}

} // namespace jaryo
