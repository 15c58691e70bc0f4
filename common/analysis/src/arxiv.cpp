#include "jaryo/arxiv.hpp"

#include <array>

namespace jaryo::arxiv {

namespace {

bool digits(std::string_view text, std::size_t from, std::size_t count) {
    if (from + count > text.size()) {
        return false;
    }
    for (std::size_t i = from; i < from + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
    }
    return true;
}

// Length of the id at the start of `text` (YYMM.NNNNN), ignoring what follows; 0 if none.
std::size_t id_length(std::string_view text) {
    if (!digits(text, 0, 4) || text.size() < 5 || text[4] != '.') {
        return 0;
    }
    std::size_t end = 5;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') {
        ++end;
    }
    return end - 5 >= 4 && end - 5 <= 5 ? end : 0;
}

} // namespace

std::optional<std::string_view> id_of_word(std::string_view word) {
    const std::size_t length = id_length(word);
    if (length == 0) {
        return std::nullopt;
    }
    const std::string_view rest = word.substr(length);
    if (!rest.empty() &&
        !(rest.size() >= 2 && rest[0] == 'v' && digits(rest, 1, rest.size() - 1))) {
        return std::nullopt;
    }
    return word.substr(0, length);
}

std::optional<std::string_view> id_in_url(std::string_view url) {
    const std::size_t host = url.find("arxiv.org/");
    if (host == std::string_view::npos) {
        return std::nullopt;
    }
    std::string_view path = url.substr(host + 10);
    for (const std::string_view kind : std::array<std::string_view, 3>{"abs/", "pdf/", "html/"}) {
        if (path.substr(0, kind.size()) == kind) {
            path.remove_prefix(kind.size());
            const std::size_t length = id_length(path);
            if (length > 0) {
                return path.substr(0, length);
            }
        }
    }
    return std::nullopt;
}

} // namespace jaryo::arxiv
