#include "jaryo/glosses.hpp"

#include "jaryo/stopwords.hpp"
#include "jaryo/utf8.hpp"

#include <algorithm>
#include <iterator>

namespace jaryo {

namespace {

constexpr std::size_t most_words = 3;
constexpr std::size_t longest_gloss = 80; // bytes between the parentheses

enum class Kind { Hangul, Latin, Neither };

bool hangul_syllable(char32_t c) {
    return c >= 0xAC00 && c <= 0xD7A3;
}

// A word wholly Hangul syllables, or ASCII letters, digits, '-' and '.' with a letter.
Kind kind_of(std::string_view word) {
    bool letter = false;
    bool hangul = true;
    bool latin = true;
    std::size_t i = 0;
    while (i < word.size()) {
        const char32_t c = utf8::next(word, i);
        const bool ascii_letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        letter = letter || ascii_letter;
        hangul = hangul && hangul_syllable(c);
        latin = latin && (ascii_letter || (c >= '0' && c <= '9') || c == '-' || c == '.');
    }
    if (word.empty()) {
        return Kind::Neither;
    }
    return hangul ? Kind::Hangul : latin && letter ? Kind::Latin : Kind::Neither;
}

std::vector<std::string_view> words_of(std::string_view text) {
    std::vector<std::string_view> words;
    std::size_t at = 0;
    while (at < text.size()) {
        while (at < text.size() && utf8::is_space(text[at])) {
            ++at;
        }
        const std::size_t start = at;
        while (at < text.size() && !utf8::is_space(text[at])) {
            ++at;
        }
        if (at > start) {
            words.push_back(text.substr(start, at - start));
        }
    }
    return words;
}

// The same kind of word throughout, 1 to most_words of them.
Kind kind_of_all(const std::vector<std::string_view>& words) {
    if (words.empty() || words.size() > most_words) {
        return Kind::Neither;
    }
    const Kind first = kind_of(words.front());
    return std::all_of(words.begin(), words.end(),
                       [first](std::string_view word) { return kind_of(word) == first; })
               ? first
               : Kind::Neither;
}

// A gloss found in the text: the words in parentheses and the candidate terms before them.
struct Found {
    std::string_view gloss;
    std::vector<std::string_view> terms;  // one word, two, three: each ends just before '('
    std::vector<std::string_view> before; // the word before each term ("" at the line's start)
};

std::vector<Found> find_glosses(std::string_view text) {
    std::vector<Found> found;
    for (std::size_t open = text.find('('); open != std::string_view::npos;
         open = text.find('(', open + 1)) {
        const std::size_t close = text.find(')', open + 1);
        if (close == std::string_view::npos || close - open - 1 > longest_gloss) {
            continue;
        }
        const std::string_view inside = text.substr(open + 1, close - open - 1);
        if (inside.find('\n') != std::string_view::npos ||
            inside.find('(') != std::string_view::npos) {
            continue;
        }
        const Kind gloss_kind = kind_of_all(words_of(inside));
        if (gloss_kind == Kind::Neither) {
            continue;
        }
        // The words before, back to the start of the line, of the other script.
        const std::size_t line_start =
            text.rfind('\n', open) == std::string_view::npos ? 0 : text.rfind('\n', open) + 1;
        const std::vector<std::string_view> before =
            words_of(text.substr(line_start, open - line_start));
        Found gloss{inside, {}, {}};
        std::size_t taken = 0;
        for (auto word = before.rbegin(); word != before.rend() && taken < most_words; ++word) {
            const Kind kind = kind_of(*word);
            if (kind == Kind::Neither || kind == gloss_kind) {
                break;
            }
            ++taken;
            const char* start = word->data();
            gloss.terms.emplace_back(start, static_cast<std::size_t>(text.data() + open - start));
            gloss.before.push_back(std::next(word) == before.rend() ? std::string_view()
                                                                    : *std::next(word));
        }
        if (!gloss.terms.empty()) {
            found.push_back(std::move(gloss));
        }
    }
    return found;
}

} // namespace

std::vector<std::pair<std::string, std::string>> gloss_candidates(std::string_view text,
                                                                  Analyzer& analyzer) {
    const std::vector<Found> found = find_glosses(text);
    if (found.empty()) {
        return {};
    }
    std::string pieces;
    TextPieces ranges;
    const auto add_piece = [&](std::string_view piece) {
        ranges.emplace_back(pieces.size(), pieces.size() + piece.size());
        pieces.append(piece);
        pieces += '\n';
    };
    for (const Found& gloss : found) {
        add_piece(gloss.gloss);
        for (std::size_t term = 0; term < gloss.terms.size(); ++term) {
            add_piece(gloss.terms[term]);
            add_piece(gloss.before[term]);
        }
    }
    std::vector<std::string> keys(ranges.size());
    // A Hangul word that lost an ending or a particle to the analyzer (떨어지는, 학습된, 모델을)
    // is no part of a name: the name ends before the parenthesis, where a modifier cannot.
    std::vector<bool> inflected(ranges.size(), false);
    // A term does not start with a function word (어떤 검토기(checker) glosses 검토기).
    std::vector<bool> function_word_first(ranges.size(), false);
    for_each_token_in_pieces(analyzer, pieces, ranges, [&](std::size_t piece, const Token& token) {
        if (token.script == Script::Hangul && token.norm != token.stem) {
            inflected[piece] = true;
        }
        if (token.particle || token.script == Script::Tag) {
            return;
        }
        std::string& key = keys[piece];
        if (key.empty()) {
            function_word_first[piece] = is_stopword(token.norm);
        }
        key += key.empty() ? "" : " ";
        key += token.stem;
    });
    std::vector<std::pair<std::string, std::string>> pairs;
    std::size_t at = 0;
    for (const Found& gloss : found) {
        const std::size_t gloss_at = at;
        const std::size_t longest_at = at + 2 * gloss.terms.size() - 1; // the longest term
        // An inflected word among the words before the parenthesis, or just before them, makes
        // them a clause (입자 사이 미는 힘(repulsion)): the gloss is of the clause, and no
        // shorter run of its words is the name.
        const bool clause =
            inflected[gloss_at] || inflected[longest_at] || inflected[longest_at + 1];
        at += 1 + 2 * gloss.terms.size();
        for (std::size_t term = 0; term < gloss.terms.size() && !clause; ++term) {
            const std::size_t term_at = gloss_at + 1 + 2 * term;
            const std::string& term_key = keys[term_at];
            const std::string& gloss_key = keys[gloss_at];
            if (!gloss_key.empty() && !term_key.empty() && term_key != gloss_key &&
                !function_word_first[term_at] && !function_word_first[gloss_at]) {
                pairs.emplace_back(term_key, gloss_key);
            }
        }
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    return pairs;
}

} // namespace jaryo
