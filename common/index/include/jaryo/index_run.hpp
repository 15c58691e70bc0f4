#pragma once
// One run of the indexer over a database, plain or sharded: which folders, whether every note
// must be analysed again, the shard loop, and what the database records at the end (its
// folders, the analysed glossary, and, once every note was analysed by it, the analyzer).
// The command line only reads options and shows what the observer is told.
#include "jaryo/indexer.hpp"
#include "jaryo/stub.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace jaryo {

struct IndexRunOptions {
    std::vector<std::filesystem::path> roots; // resolved (resolve_roots); none: those recorded
    std::optional<std::size_t> shards;        // make a new database sharded this many ways
    bool rebuild = false;                     // re-index every note, changed or not
    bool wait = false;                        // wait for another indexer instead of failing
    ReadOptions read;
    unsigned threads = IndexOptions::default_threads();
    ExecConsent exec; // a sharded database's stub may list programs (never started here)
};

// What a run tells beyond IndexObserver's per-file news.
class IndexRunObserver : public IndexObserver {
  public:
    // Another indexer holds the database (the message names it); told once per wait.
    virtual void waiting(const std::string& message) = 0;
    // The database was built by another analyzer or schema: every note is analysed again.
    // Told once per run, however many shards.
    virtual void reindexing_everything() = 0;
};

struct IndexRunResult {
    IndexStats stats;
    std::size_t shards = 0; // 0: a plain database
};

// Brings the database at `path` up to date with the folders (creating it, private to the
// process's umask, if need be). Throws InputError when there is no folder to index,
// DatabaseLocked when another indexer holds it and `wait` is off, DatabaseError otherwise.
IndexRunResult index_folders(const std::filesystem::path& path, const IndexRunOptions& options,
                             IndexRunObserver& observer);

} // namespace jaryo
