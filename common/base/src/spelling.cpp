#include "jaryo/spelling.hpp"

#include "jaryo/utf8.hpp"

#include <algorithm>
#include <numeric>

namespace jaryo {

namespace {

std::u32string code_points(std::string_view text) {
    const std::string valid = utf8::make_valid(text);
    std::u32string decoded;
    std::size_t i = 0;
    while (i < valid.size()) {
        decoded.push_back(utf8::next(valid, i));
    }
    return decoded;
}

} // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    const std::u32string s = code_points(a);
    const std::u32string t = code_points(b);
    // Optimal string alignment: Levenshtein plus swaps of neighbours (titel -> title).
    std::vector<std::vector<std::size_t>> d(s.size() + 1, std::vector<std::size_t>(t.size() + 1));
    for (std::size_t i = 0; i <= s.size(); ++i) {
        d[i][0] = i;
    }
    std::iota(d[0].begin(), d[0].end(), std::size_t{0});
    for (std::size_t i = 1; i <= s.size(); ++i) {
        for (std::size_t j = 1; j <= t.size(); ++j) {
            const std::size_t replace = s[i - 1] == t[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + replace});
            if (i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[s.size()][t.size()];
}

std::optional<std::string> closest_name(std::string_view typed,
                                        const std::vector<std::string>& known) {
    const std::size_t length = utf8::length(typed);
    const std::size_t allowed = length <= 4 ? 1 : 2;
    std::optional<std::string> best;
    std::size_t best_distance = allowed + 1;
    for (const std::string& name : known) {
        const std::size_t distance = edit_distance(typed, name);
        if (distance == 0) {
            return std::nullopt;
        }
        if (distance < best_distance) {
            best_distance = distance;
            best = name;
        }
    }
    return best;
}

} // namespace jaryo
