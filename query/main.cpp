// jaryo-search: ranked search over notes indexed by jaryo-index.
#include "output.hpp"

#include "jaryo/database.hpp"
#include "jaryo/errors.hpp"
#include "jaryo/glossary.hpp"
#include "jaryo/query_fields.hpp"
#include "jaryo/query_parser.hpp"
#include "jaryo/related.hpp"
#include "jaryo/search_database.hpp"
#include "jaryo/searcher.hpp"
#include "jaryo/user_config.hpp"
#include "jaryo/visible.hpp"
#include "process_heap.hpp"

#include "usage.hpp"

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
    std::vector<std::string> databases;
    bool allow_partial = false;
    bool allow_exec = false;
    std::size_t limit = 10;
    std::size_t offset = 0;
    bool json = false;
    bool paths = false;
    bool null_separated = false;
    bool count = false;
    bool analyze = false;
    bool explain = false;
    std::optional<std::string> facets; // tag, year
    std::optional<std::string> list;   // tags, years, roots
    std::optional<std::string> like;   // a note's path
    std::optional<std::string> since;
    std::optional<std::string> until;
    std::string sort = "relevance";
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

jaryo::Facet facet_named(const std::string& name) {
    return name == "year" || name == "years" ? jaryo::Facet::Year : jaryo::Facet::Tag;
}

int list(const jaryo::SearchDatabase& databases, jaryo::Searcher& searcher,
         const Options& options) {
    if (*options.list == "roots") {
        jaryo::output::roots(stdout, databases.roots, options.json);
        return databases.roots.empty() ? exit_not_found : exit_found;
    }
    const std::vector<jaryo::FacetCount> counts = searcher.facet_all(facet_named(*options.list));
    jaryo::output::facets(stdout, counts, facet_named(*options.list), options.json);
    return counts.empty() ? exit_not_found : exit_found;
}

// What to search for: query words, or the notes like a given one; narrowed to a date range.
// Nothing of it refers to the glossary once parsed.
jaryo::ParsedQuery words_or_like(const Options& options, const std::string& text,
                                 const Xapian::Database& database, jaryo::Analyzer& analyzer) {
    if (options.like) {
        if (!text.empty()) {
            throw jaryo::QueryError("--like takes no query words; use one or the other");
        }
        return jaryo::related_query(database, *options.like);
    }
    if (!text.empty()) {
        const jaryo::Glossary glossary =
            jaryo::Glossary::load_default(analyzer, jaryo::stored_glossary(database));
        jaryo::ParsedQuery query = jaryo::parse_query(text, analyzer, {&database, &glossary});
        for (const std::string& warning : query.warnings()) {
            fmt::print(stderr, "jaryo-search: warning: {}\n", jaryo::visible(warning));
        }
        return query;
    }
    if (options.since || options.until) {
        return jaryo::ParsedQuery::match_all();
    }
    throw jaryo::QueryError("no query given; try: jaryo-search prefix lm");
}

// --since and --until as one range; a date that is not one is named with its option.
Xapian::Query date_range(const Options& options) {
    for (const auto& [name, value] :
         {std::pair{"--since", options.since}, std::pair{"--until", options.until}}) {
        try {
            if (value) {
                jaryo::date_range_query(*value);
            }
        } catch (const jaryo::QueryError& error) {
            throw jaryo::QueryError(fmt::format("{} {}: {}", name, *value, error.what()));
        }
    }
    return jaryo::date_range_query(options.since.value_or("") + ".." + options.until.value_or(""));
}

jaryo::ParsedQuery build_query(const Options& options, const Xapian::Database& database,
                               jaryo::Analyzer& analyzer) {
    jaryo::ParsedQuery query = words_or_like(options, join(options.words), database, analyzer);
    if (options.since || options.until) {
        query.restrict_to(date_range(options));
    }
    return query;
}

jaryo::Order order_named(const std::string& name) {
    if (name == "date") {
        return jaryo::Order::OldestFirst;
    }
    return name == "-date" ? jaryo::Order::NewestFirst : jaryo::Order::Relevance;
}

jaryo::SearchDatabase open_databases(const Options& options) {
    std::vector<std::filesystem::path> paths;
    for (const std::string& database : options.databases) {
        paths.emplace_back(database);
    }
    if (paths.empty()) {
        paths.push_back(jaryo::resolve_database_path(std::nullopt));
    }
    jaryo::SearchOpenOptions open;
    open.allow_partial = options.allow_partial;
    open.warn = [](const std::string& message) {
        fmt::print(stderr, "jaryo-search: warning: {}\n", jaryo::visible(message));
    };
    open.exec = {options.allow_exec, jaryo::load_user_config().allow_exec};
    return jaryo::open_search_database(paths, jaryo::Analyzer::identity(), open);
}

int run(const Options& options) {
    if (options.analyze) {
        return analyze(join(options.words));
    }
    const jaryo::SearchDatabase databases = open_databases(options);
    jaryo::Analyzer analyzer;
    jaryo::Searcher searcher(databases, analyzer);
    if (options.list) {
        return list(databases, searcher, options);
    }
    const jaryo::ParsedQuery query = build_query(options, databases.database, analyzer);
    if (options.facets) {
        const std::vector<jaryo::FacetCount> counts =
            searcher.facet(query, facet_named(*options.facets));
        jaryo::output::facets(stdout, counts, facet_named(*options.facets), options.json);
        return counts.empty() ? exit_not_found : exit_found;
    }
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
    request.order = order_named(options.sort);
    const std::vector<jaryo::Hit> hits = searcher.search(query, request);
    if (options.json) {
        jaryo::output::json_lines(stdout, hits, options.explain);
    } else if (options.paths) {
        jaryo::output::paths(stdout, hits, options.null_separated ? '\0' : '\n',
                             ::isatty(STDOUT_FILENO) == 1);
    } else {
        jaryo::output::Style style;
        style.color = use_color(options.color);
        style.explain = options.explain;
        style.origin = databases.shards.size() > 1;
        std::error_code error;
        style.relative_to = std::filesystem::current_path(error);
        jaryo::output::text(stdout, hits, style);
    }
    return hits.empty() ? exit_not_found : exit_found;
}

} // namespace

int main(int argc, char** argv) {
    jaryo::back_heap_with_huge_pages();
    CLI::App app{
        "Search notes indexed by jaryo-index. Notes matching more of the words rank "
        "first; +word requires a word, \"quoted phrases\" match as written, "
        "-word or NOT word excludes, OR between alternatives, #tag for hashtags, word* for "
        "prefixes, a NEAR b; fields title: tag: path: arxiv: date:FROM..TO year: "
        "narrow. "
        "Exit status: 0 hits, 1 no hits, 2 error.",
        "jaryo-search"};
    Options options;
    app.add_option("query", options.words, "Query words (put -- before a query starting with -)");
    app.add_option("--db", options.databases,
                   "Database, sharded database folder or Xapian stub file (auto PATH, remote "
                   "HOST:PORT, remote :PROGRAM ARGS); repeat to search several as one (default: "
                   "$JARYO_DB, else $XDG_DATA_HOME/jaryo/default)")
        ->allow_extra_args(false);
    app.add_flag("--allow-partial", options.allow_partial,
                 "If a database or shard cannot be opened (a server down), search the rest and "
                 "warn");
    app.add_flag("--allow-exec", options.allow_exec,
                 "Let stub files start the programs they list (remote :PROGRAM ARGS) for this "
                 "search; without it such a stub is refused unless your config lists it "
                 "(allow-exec = PATH in $XDG_CONFIG_HOME/jaryo/config)");
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
    app.add_option("--since", options.since,
                   "Only notes dated on or after this day (YYYY[-MM[-DD]])");
    app.add_option("--until", options.until, "Only notes dated up to this day (YYYY[-MM[-DD]])");
    app.add_option("--sort", options.sort, "Order: relevance, date (oldest first) or -date")
        ->check(CLI::IsMember({"relevance", "date", "-date"}))
        ->capture_default_str();
    auto* facets = app.add_option("--facets", options.facets,
                                  "Instead of hits, count matching notes by tag or year")
                       ->check(CLI::IsMember({"tag", "year"}));
    auto* list_option = app.add_option("--list", options.list,
                                       "List all tags or years with note counts, or the "
                                       "indexed folders (roots)")
                            ->check(CLI::IsMember({"tags", "years", "roots"}));
    auto* like =
        app.add_option("--like", options.like, "Rank the notes most similar to this indexed note");
    app.add_option("--color", options.color, "Highlight with colours: auto, always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    json->excludes(paths, count, analyze_flag);
    paths->excludes(count, analyze_flag);
    count->excludes(analyze_flag);
    explain->excludes(paths, count, analyze_flag);
    facets->excludes(paths, count, analyze_flag, explain);
    list_option->excludes(paths, count, analyze_flag, explain, facets, like);
    like->excludes(analyze_flag);
    app.set_version_flag("-V,--version", "jaryo-search 0.1.0");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& request) {
        return app.exit(request);
    } catch (const CLI::CallForVersion& request) {
        return app.exit(request);
    } catch (const CLI::ParseError& error) {
        fmt::print(stderr, "{}; put -- before a query that starts with -\n",
                   jaryo::cli::usage_error(app, error, argc, argv));
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
