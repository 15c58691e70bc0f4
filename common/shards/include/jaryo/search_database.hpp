#pragma once
// What one search reads. Each --db is a jaryo database, a sharded one (a folder with a XAPIANDB
// stub), or a stub file naming local and remote shards (jaryo/stub.hpp). All their shards are
// searched as one Xapian database: BM25 statistics are global, so a note ranks as it would in
// one database holding every note.
#include "jaryo/stub.hpp"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>
#include <xapian.h>

namespace jaryo {

// Where a hit was found.
struct ShardOrigin {
    std::string database; // the --db it came through, as given
    std::string shard;    // the shard's path, HOST:PORT or :PROGRAM ARGS
};

struct SearchDatabase {
    Xapian::Database database;
    std::vector<ShardOrigin> shards;          // one per sub-database of `database`, in its order
    bool has_remote = false;                  // no custom posting sources or match deciders then
    std::vector<std::string> uuids;           // each shard's UUID, in the order of `shards`
    std::vector<std::filesystem::path> roots; // folders indexed into any shard, once each

    // Xapian numbers the documents of n sub-databases in turn: 1 is the first's, 2 the second's.
    const ShardOrigin& origin(Xapian::docid id) const;
};

struct SearchOpenOptions {
    // Leave out shards that cannot be opened (down, missing, built by another jaryo) instead
    // of failing; `warn` is told which and why.
    bool allow_partial = false;
    std::function<void(const std::string&)> warn;
    // Which stubs may start the programs they list (remote :PROGRAM); none by default.
    ExecConsent exec;
};

// Opens every shard, checking each is a jaryo database built by `analyzer` (its identity).
// Throws DatabaseError naming the first shard that fails (unless allow_partial and another
// opens).
SearchDatabase open_search_database(const std::vector<std::filesystem::path>& databases,
                                    std::string_view analyzer,
                                    const SearchOpenOptions& options = {});

} // namespace jaryo
