#pragma once
// How jaryo-search prints: text for people, JSON Lines and path lists for scripts.
#include "jaryo/searcher.hpp"
#include "jaryo/token.hpp"

#include <cstdio>
#include <filesystem>
#include <vector>

namespace jaryo::output {

struct Style {
    bool color = false;
    bool explain = false;              // a line per matched query term under each hit
    bool origin = false;               // name the database or shard of each hit
    std::filesystem::path relative_to; // shorten paths under this folder; empty: absolute
};

void text(std::FILE* out, const std::vector<Hit>& hits, const Style& style);
void json_lines(std::FILE* out, const std::vector<Hit>& hits, bool explain);
// Exact bytes for a pipe; escaped (jaryo/visible.hpp) for a terminal, as `ls -q` does.
void paths(std::FILE* out, const std::vector<Hit>& hits, char separator, bool for_terminal);
void tokens_json(std::FILE* out, const std::vector<Token>& tokens);
// Text: "count<TAB>value" lines; JSON: {"tag"|"year": value, "notes": count} per line.
void facets(std::FILE* out, const std::vector<FacetCount>& counts, Facet facet, bool json);
void roots(std::FILE* out, const std::vector<std::filesystem::path>& roots, bool json);

} // namespace jaryo::output
