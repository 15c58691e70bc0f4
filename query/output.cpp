#include "output.hpp"

#include "jaryo/schema.hpp"

#include <ctime>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace jaryo::output {

namespace {

constexpr const char* bold = "\x1b[1m";
constexpr const char* match_style = "\x1b[1;31m";
constexpr const char* path_style = "\x1b[35m";
constexpr const char* reset = "\x1b[0m";

std::string display_path(const std::string& path, const Style& style) {
    if (style.relative_to.empty()) {
        return path;
    }
    const std::string base = style.relative_to.string() + "/";
    return path.compare(0, base.size(), base) == 0 ? path.substr(base.size()) : path;
}

std::string render_snippet(const Snippet& snippet, bool color) {
    if (!color) {
        return snippet.text;
    }
    std::string out;
    std::size_t at = 0;
    for (const auto& [start, end] : snippet.highlights) {
        out.append(snippet.text, at, start - at);
        out += match_style;
        out.append(snippet.text, start, end - start);
        out += reset;
        at = end;
    }
    out.append(snippet.text, at);
    return out;
}

std::string iso_utc(std::int64_t seconds) {
    const auto time = static_cast<std::time_t>(seconds);
    std::tm utc{};
    gmtime_r(&time, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

std::string render_match(const TermMatch& match) {
    return fmt::format("    {:6.2f}  {} ×{}  {} of {}", match.weight,
                       schema::readable_term(match.term.term), match.wdf,
                       to_string(match.term.origin), match.term.typed);
}

nlohmann::json match_json(const TermMatch& match) {
    return {{"term", schema::readable_term(match.term.term)},
            {"indexed", match.term.term},
            {"origin", to_string(match.term.origin)},
            {"typed", match.term.typed},
            {"wdf", match.wdf},
            {"weight", match.weight}};
}

void print_json(std::FILE* out, const nlohmann::json& value) {
    const std::string line = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::fwrite(line.data(), 1, line.size(), out);
    std::fputc('\n', out);
}

} // namespace

void text(std::FILE* out, const std::vector<Hit>& hits, const Style& style) {
    for (const Hit& hit : hits) {
        const std::string path = display_path(hit.note.path, style);
        if (style.color) {
            fmt::print(out, "{}{}{}\n  {}{}{}\n", bold, hit.note.title, reset, path_style, path,
                       reset);
        } else {
            fmt::print(out, "{}\n  {}\n", hit.note.title, path);
        }
        if (style.origin) {
            fmt::print(out, "  in {}\n", hit.origin.shard);
        }
        if (!hit.snippet.text.empty()) {
            fmt::print(out, "  {}\n", render_snippet(hit.snippet, style.color));
        }
        if (style.explain) {
            fmt::print(out, "  score {:.2f}; matched terms, each scored alone:\n", hit.score);
            for (const TermMatch& match : hit.matches) {
                fmt::print(out, "{}\n", render_match(match));
            }
        }
        fmt::print(out, "\n");
    }
}

void json_lines(std::FILE* out, const std::vector<Hit>& hits, bool explain) {
    for (const Hit& hit : hits) {
        nlohmann::json highlights = nlohmann::json::array();
        for (const auto& [start, end] : hit.snippet.highlights) {
            highlights.push_back({start, end});
        }
        nlohmann::json line = {{"rank", hit.rank},
                               {"path", hit.note.path},
                               {"db", hit.origin.database},
                               {"shard", hit.origin.shard},
                               {"title", hit.note.title},
                               {"score", hit.score},
                               {"percent", hit.percent},
                               {"date", hit.note.date},
                               {"tags", hit.note.tags},
                               {"arxiv", hit.note.arxiv},
                               {"mtime", iso_utc(hit.note.mtime_seconds)},
                               {"snippet", hit.snippet.text},
                               {"highlights", std::move(highlights)}};
        if (explain) {
            nlohmann::json matches = nlohmann::json::array();
            for (const TermMatch& match : hit.matches) {
                matches.push_back(match_json(match));
            }
            line["explain"] = std::move(matches);
        }
        print_json(out, line);
    }
}

void paths(std::FILE* out, const std::vector<Hit>& hits, char separator) {
    for (const Hit& hit : hits) {
        std::fwrite(hit.note.path.data(), 1, hit.note.path.size(), out);
        std::fputc(separator, out);
    }
}

void tokens_json(std::FILE* out, const std::vector<Token>& tokens) {
    for (const Token& token : tokens) {
        print_json(out, {{"surface", token.surface},
                         {"norm", token.norm},
                         {"stem", token.particle ? "" : token.stem},
                         {"script", to_string(token.script)},
                         {"position", token.position},
                         {"start", token.start},
                         {"end", token.end},
                         {"particle", token.particle}});
    }
}

void facets(std::FILE* out, const std::vector<FacetCount>& counts, Facet facet, bool json) {
    const char* name = facet == Facet::Tag ? "tag" : "year";
    for (const FacetCount& count : counts) {
        if (json) {
            print_json(out, {{name, count.value}, {"notes", count.notes}});
        } else {
            fmt::print(out, "{}\t{}{}\n", count.notes, facet == Facet::Tag ? "#" : "", count.value);
        }
    }
}

void roots(std::FILE* out, const std::vector<std::filesystem::path>& roots, bool json) {
    for (const std::filesystem::path& root : roots) {
        if (json) {
            print_json(out, {{"root", root.string()}});
        } else {
            fmt::print(out, "{}\n", root.string());
        }
    }
}

} // namespace jaryo::output
