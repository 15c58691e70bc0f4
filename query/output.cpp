#include "output.hpp"

#include "jaryo/schema.hpp"
#include "jaryo/utf8.hpp"
#include "jaryo/visible.hpp"

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
        return visible(path);
    }
    const std::string base = style.relative_to.string() + "/";
    return visible(path.compare(0, base.size(), base) == 0 ? path.substr(base.size()) : path);
}

// Each piece escaped on its own, so that jaryo's colour codes are the only ones printed.
std::string render_snippet(const Snippet& snippet, bool color) {
    const std::string_view text = snippet.text;
    if (!color) {
        return visible(text);
    }
    std::string out;
    std::size_t at = 0;
    for (const auto& [start, end] : snippet.highlights) {
        out += visible(text.substr(at, start - at));
        out += match_style;
        out += visible(text.substr(start, end - start));
        out += reset;
        at = end;
    }
    out += visible(text.substr(at));
    return out;
}

// JSON escapes C0 controls already; C1 controls and bidirectional overrides are valid in JSON
// strings as they are, but a script that prints a field to a terminal should not pass them on.
std::string escape_display_controls(std::string_view json) {
    std::string out;
    out.reserve(json.size());
    std::size_t i = 0;
    while (i < json.size()) {
        const std::size_t start = i;
        const char32_t code_point = utf8::next(json, i);
        if (code_point >= 0x80 && is_display_control(code_point)) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(code_point));
        } else {
            out.append(json, start, i - start);
        }
    }
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
                       visible(schema::readable_term(match.term.term)), match.wdf,
                       to_string(match.term.origin), visible(match.term.typed));
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
    const std::string line = escape_display_controls(
        value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    std::fwrite(line.data(), 1, line.size(), out);
    std::fputc('\n', out);
}

} // namespace

void text(std::FILE* out, const std::vector<Hit>& hits, const Style& style) {
    for (const Hit& hit : hits) {
        const std::string path = display_path(hit.note.path, style);
        const std::string title = visible(hit.note.title);
        if (style.color) {
            fmt::print(out, "{}{}{}\n  {}{}{}\n", bold, title, reset, path_style, path, reset);
        } else {
            fmt::print(out, "{}\n  {}\n", title, path);
        }
        if (style.origin) {
            fmt::print(out, "  in {}\n", visible(hit.origin.shard));
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

void paths(std::FILE* out, const std::vector<Hit>& hits, char separator, bool for_terminal) {
    for (const Hit& hit : hits) {
        const std::string path = for_terminal ? visible(hit.note.path) : hit.note.path;
        std::fwrite(path.data(), 1, path.size(), out);
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
            fmt::print(out, "{}\t{}{}\n", count.notes, facet == Facet::Tag ? "#" : "",
                       visible(count.value));
        }
    }
}

void roots(std::FILE* out, const std::vector<std::filesystem::path>& roots, bool json) {
    for (const std::filesystem::path& root : roots) {
        if (json) {
            print_json(out, {{"root", root.string()}});
        } else {
            fmt::print(out, "{}\n", visible(root.string()));
        }
    }
}

} // namespace jaryo::output
