// jaryo-search: ranked search over notes indexed by jaryo-index.
#include "output.hpp"

#include "jaryo/database.hpp"
#include "jaryo/errors.hpp"
#include "jaryo/glossary.hpp"
#include "jaryo/query_parser.hpp"
#include "jaryo/searcher.hpp"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fmt/format.h>
#include <unistd.h>

namespace {

constexpr int exit_found = 0;
constexpr int exit_not_found = 1;
constexpr int exit_usage = 2;

struct Options {
    std::vector<std::string> words;
    std::optional<std::string> database;
    std::size_t limit = 10;
    std::size_t offset = 0;
    bool json = false;
    bool paths = false;
    bool null_separated = false;
    bool count = false;
    bool analyze = false;
    bool explain = false;
    std::string color = "auto";
};

std::string join(const std::vector<std::string>& words) {
    std::string joined;
    for (const std::string& word : words) {
        if (!joined.empty()) {
            joined += ' ';
        }
        joined += word;
    }
    return joined;
}

bool use_color(const std::string& when) {
    if (when == "always") {
        return true;
    }
    if (when == "never") {
        return false;
    }
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    return ::isatty(STDOUT_FILENO) == 1 && (no_color == nullptr || *no_color == '\0') &&
           !(term != nullptr && std::string_view(term) == "dumb");
}

int analyze(const std::string& text) {
    jaryo::Analyzer analyzer;
    std::vector<jaryo::Token> tokens;
    jaryo::TokenStream stream = analyzer.tokens(text);
    while (const jaryo::Token* token = stream.next()) {
        tokens.push_back(*token);
    }
    jaryo::output::tokens_json(stdout, tokens);
    return exit_found;
}

int run(const Options& options) {
    const std::string text = join(options.words);
    if (options.analyze) {
        return analyze(text);
    }
    if (text.empty()) {
        throw jaryo::QueryError("no query given; try: jaryo-search prefix lm");
    }
    const Xapian::Database database =
        jaryo::open_for_search(jaryo::resolve_database_path(options.database));
    jaryo::Analyzer analyzer;
    jaryo::Searcher searcher(database, analyzer);
    const jaryo::Glossary glossary = jaryo::Glossary::load_default(analyzer);
    const jaryo::ParsedQuery query = jaryo::parse_query(text, analyzer, {&database, &glossary});
    if (options.count) {
        const Xapian::doccount matches = searcher.count(query);
        fmt::print("{}\n", matches);
        return matches > 0 ? exit_found : exit_not_found;
    }
    jaryo::SearchRequest request;
    request.offset = options.offset;
    request.limit = options.limit;
    request.snippets = !options.paths;
    request.explain = options.explain;
    const std::vector<jaryo::Hit> hits = searcher.search(query, request);
    if (options.json) {
        jaryo::output::json_lines(stdout, hits, options.explain);
    } else if (options.paths) {
        jaryo::output::paths(stdout, hits, options.null_separated ? '\0' : '\n');
    } else {
        jaryo::output::Style style;
        style.color = use_color(options.color);
        style.explain = options.explain;
        std::error_code error;
        style.relative_to = std::filesystem::current_path(error);
        jaryo::output::text(stdout, hits, style);
    }
    return hits.empty() ? exit_not_found : exit_found;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"Search notes indexed by jaryo-index. Notes matching more of the words rank "
                 "first; +word requires a word, \"quoted phrases\" match as written, "
                 "-word or NOT word excludes, OR between alternatives, #tag for hashtags. "
                 "Exit status: 0 hits, 1 no hits, 2 error.",
                 "jaryo-search"};
    Options options;
    app.add_option("query", options.words, "Query words (put -- before a query starting with -)");
    app.add_option("--db", options.database,
                   "Database (default: $JARYO_DB, else $XDG_DATA_HOME/jaryo/default)");
    app.add_option("-n,--limit", options.limit, "Number of hits to show")->capture_default_str();
    app.add_option("--offset", options.offset, "Skip this many hits first")->capture_default_str();
    auto* json = app.add_flag("--json", options.json, "One JSON object per hit (JSON Lines)");
    auto* paths = app.add_flag("--paths", options.paths, "Only the paths of the hits");
    app.add_flag("-0,--null", options.null_separated, "With --paths: end each path with NUL")
        ->needs(paths);
    auto* count = app.add_flag("--count", options.count, "Only the number of matching notes");
    auto* analyze_flag = app.add_flag("--analyze", options.analyze,
                                      "Show how the analyzer splits the query text (JSON Lines)");
    auto* explain = app.add_flag(
        "--explain", options.explain,
        "Under each hit, the query terms it matched: why (stem, glossary, decompound...), how "
        "often, and what each scores alone");
    app.add_option("--color", options.color, "Highlight with colours: auto, always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    json->excludes(paths, count, analyze_flag);
    paths->excludes(count, analyze_flag);
    count->excludes(analyze_flag);
    explain->excludes(paths, count, analyze_flag);
    app.set_version_flag("--version", "jaryo-search 0.1.0");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& request) {
        return app.exit(request);
    } catch (const CLI::CallForVersion& request) {
        return app.exit(request);
    } catch (const CLI::ParseError& error) {
        fmt::print(stderr,
                   "jaryo-search: {} (see jaryo-search --help; put -- before a query that starts "
                   "with -)\n",
                   error.what());
        return exit_usage;
    }
    try {
        const int status = run(options);
        std::fflush(stdout);
        return status;
    } catch (...) {
        return jaryo::report_fatal("jaryo-search", std::current_exception());
    }
}
