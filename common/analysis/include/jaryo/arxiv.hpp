#pragma once
// New-style arXiv identifiers (2308.06912, 1501.00001v3), as words and inside links.
#include <optional>
#include <string_view>

namespace jaryo::arxiv {

// The id of a word that is one, without its version (2308.06912v2 → 2308.06912).
std::optional<std::string_view> id_of_word(std::string_view word);

// The id a link points at: arxiv.org/abs/ID, arxiv.org/pdf/ID(.pdf), with or without version.
std::optional<std::string_view> id_in_url(std::string_view url);

} // namespace jaryo::arxiv
