// jaryo-index: index folders of notes into a jaryo database, incrementally.
#include "jaryo/database.hpp"
#include "jaryo/errors.hpp"
#include "jaryo/index_run.hpp"
#include "jaryo/user_config.hpp"
#include "jaryo/visible.hpp"

#include "usage.hpp"

#include <CLI/CLI.hpp>
#include <chrono>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

constexpr int exit_all_indexed = 0;
constexpr int exit_some_skipped = 1;
constexpr int exit_usage = 2;

struct Options {
    std::vector<std::string> folders;
    std::optional<std::string> database;
    std::uint64_t max_file_size = 16U << 20U;
    bool rebuild = false;
    bool quiet = false;
    bool wait = false;
    bool allow_exec = false;
    unsigned threads = jaryo::IndexOptions::default_threads();
    std::optional<std::size_t> shards;
};

// Progress on one rewritten line while stderr is a terminal; warnings always.
class Reporter : public jaryo::IndexRunObserver {
  public:
    explicit Reporter(bool quiet)
        : quiet_(quiet), progress_(!quiet && ::isatty(STDERR_FILENO) == 1) {}

    void file_done(const jaryo::IndexStats& stats, const std::filesystem::path&) override {
        if (!progress_) {
            return;
        }
        const auto now = std::chrono::steady_clock::now();
        if (now - last_shown_ < std::chrono::milliseconds(100)) {
            return;
        }
        last_shown_ = now;
        fmt::print(stderr, "\r\x1b[Kjaryo-index: {} files seen, {} indexed", stats.seen(),
                   stats.indexed);
        line_dirty_ = true;
    }

    void skipped(const std::filesystem::path& path, const std::string& reason) override {
        say(fmt::format("jaryo-index: skipped {}: {}", path.string(), reason));
    }

    void warning(const std::filesystem::path& path, const std::string& message) override {
        say(fmt::format("jaryo-index: warning: {}: {}", path.string(), message));
    }

    void waiting(const std::string& message) override {
        if (!quiet_) {
            say(fmt::format("jaryo-index: waiting: {}", message));
        }
    }

    void reindexing_everything() override {
        say("jaryo-index: the analyzer changed since this database was built; re-indexing "
            "every note");
    }

    // Lines name files of the notes folder, whose names may hold anything.
    void say(const std::string& line) {
        clear_line();
        fmt::print(stderr, "{}\n", jaryo::visible(line));
    }

    void clear_line() {
        if (line_dirty_) {
            fmt::print(stderr, "\r\x1b[K");
            line_dirty_ = false;
        }
    }

  private:
    bool quiet_;
    bool progress_;
    bool line_dirty_ = false;
    std::chrono::steady_clock::time_point last_shown_{};
};

// A database holds the text of the notes, which may be private: every file and folder this
// run creates is made for the owner alone, unless the owner opened an existing database to
// others, which is then left as it is, with a warning.
void keep_private(const std::filesystem::path& database, Reporter& reporter) {
    if (!jaryo::readable_by_others(database)) {
        ::umask(::umask(0) | S_IRWXG | S_IRWXO);
        return;
    }
    reporter.say(fmt::format("jaryo-index: warning: {} can be read by other users and holds the "
                             "text of your notes; chmod -R go-rwx {} to keep it private",
                             database.string(), database.string()));
}

int run(const Options& options) {
    const auto started = std::chrono::steady_clock::now();
    const std::filesystem::path path = jaryo::resolve_database_path(options.database);
    // Check the folders before touching the database, so a typo creates nothing.
    const std::vector<std::filesystem::path> given = jaryo::resolve_roots(options.folders);
    Reporter reporter(options.quiet);
    keep_private(path, reporter);
    jaryo::IndexRunOptions run;
    run.roots = given;
    run.shards = options.shards;
    run.rebuild = options.rebuild;
    run.wait = options.wait;
    run.read.max_bytes = options.max_file_size;
    run.threads = options.threads;
    run.exec = {options.allow_exec, jaryo::load_user_config().allow_exec};
    const jaryo::IndexRunResult result = jaryo::index_folders(path, run, reporter);
    const jaryo::IndexStats& stats = result.stats;
    const std::string layout = result.shards == 0 ? ""
                                                  : fmt::format(", {} shard{}", result.shards,
                                                                result.shards == 1 ? "" : "s");
    reporter.clear_line();

    if (!options.quiet) {
        const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - started;
        fmt::print(
            stderr,
            "jaryo-index: {} indexed, {} unchanged, {} removed, {} skipped in {:.2f} s ({}{})\n",
            stats.indexed, stats.unchanged, stats.removed, stats.skipped, seconds.count(),
            jaryo::visible(path.string()), layout);
    }
    return stats.skipped > 0 ? exit_some_skipped : exit_all_indexed;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"Index folders of notes (.md, .markdown, .txt) for jaryo-search. Only new and "
                 "changed files are read again; notes of deleted files are removed. Without "
                 "folders, updates the folders indexed before. Exit status: 0 all indexed, "
                 "1 some files skipped, 2 error.",
                 "jaryo-index"};
    Options options;
    app.add_option("folders", options.folders, "Folders (or files) to index");
    app.add_option("--db", options.database,
                   "Database (default: $JARYO_DB, else $XDG_DATA_HOME/jaryo/default)");
    app.add_option("--max-file-size", options.max_file_size,
                   "Index only the first part of larger files (e.g. 16M, 512K)")
        ->transform(CLI::AsSizeValue(false))
        ->capture_default_str();
    app.add_flag("--rebuild", options.rebuild, "Re-index every note, changed or not");
    app.add_flag("-q,--quiet", options.quiet, "No progress and no summary (warnings still shown)");
    app.add_flag("--wait", options.wait,
                 "If another jaryo-index is updating the database, wait for it instead of exiting");
    app.add_option("-j,--threads", options.threads,
                   "Threads: a new database is written as one shard per thread, then merged; "
                   "updates have one writer and the other threads read and analyse ahead (0: "
                   "one thread does it all)")
        ->capture_default_str();
    app.add_option("--shards", options.shards,
                   "Make --db a folder of this many shard databases and a Xapian stub listing "
                   "them (XAPIANDB): each note always goes to the shard its path hashes to; "
                   "shards can be compacted, moved and served remotely one by one. Later runs "
                   "find the shards by themselves")
        ->check(CLI::Range(1, 4096));
    app.add_flag("--allow-exec", options.allow_exec,
                 "Accept a sharded database whose stub lists programs (remote :PROGRAM ARGS); "
                 "jaryo-index still starts none of them, and writes local shards only");
    app.set_version_flag("-V,--version", "jaryo-index 0.1.0");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& request) {
        return app.exit(request);
    } catch (const CLI::CallForVersion& request) {
        return app.exit(request);
    } catch (const CLI::ParseError& error) {
        fmt::print(stderr, "{}\n", jaryo::cli::usage_error(app, error, argc, argv));
        return exit_usage;
    }
    try {
        return run(options);
    } catch (...) {
        return jaryo::report_fatal("jaryo-index", std::current_exception());
    }
}
