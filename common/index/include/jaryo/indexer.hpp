#pragma once
// Brings a database up to date with folders of notes: new and changed files are (re)indexed,
// unchanged ones cost a stat, vanished ones are removed.
#include "jaryo/note.hpp"

#include "jaryo/database.hpp"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>
#include <xapian.h>

namespace jaryo {

// The notes one shard of a sharded database holds (jaryo/sharded_index.hpp); by default all.
struct ShardFilter {
    std::size_t index = 0;
    std::size_t count = 1;
    bool holds(const std::filesystem::path& path) const;
};

struct IndexOptions {
    ReadOptions read;
    std::size_t commit_every = 1000; // documents per transaction
    bool rebuild = false;            // re-index unchanged files too
    // Threads that read and analyse notes while the database is written; 0: none, the writer
    // analyses each note itself.
    unsigned threads = default_threads();
    // The roots given are all the database holds: a rebuild may start from an empty database.
    bool walks_every_root = false;
    ShardFilter shard;

    static unsigned default_threads(); // one per core
};

struct IndexStats {
    std::size_t indexed = 0;
    std::size_t unchanged = 0;
    std::size_t removed = 0;
    std::size_t skipped = 0;
    std::size_t seen() const { return indexed + unchanged + skipped; }
    IndexStats& operator+=(const IndexStats& other) {
        indexed += other.indexed;
        unchanged += other.unchanged;
        removed += other.removed;
        skipped += other.skipped;
        return *this;
    }
};

// Told what happens, so the command line can show progress and warnings.
class IndexObserver {
  public:
    virtual ~IndexObserver() = default;
    virtual void file_done(const IndexStats& stats, const std::filesystem::path& path) = 0;
    virtual void skipped(const std::filesystem::path& path, const std::string& reason) = 0;
    virtual void warning(const std::filesystem::path& path, const std::string& message) = 0;
};

// Makes `roots` absolute and checks they exist. Throws InputError naming the first bad one.
std::vector<std::filesystem::path> resolve_roots(const std::vector<std::string>& roots);

// Last words for the database that will be kept (its roots, the glossary), before its final
// commit.
using MetadataWriter = std::function<void(Xapian::WritableDatabase&)>;

// Updates the database for the given roots, commits and closes it. Notes under a root that is
// missing are kept (an unmounted disk must not empty the index). The database records this
// analyzer as the one that built it only when every note was analysed by it: a rebuild of
// every root, or a database built from nothing.
//
// With threads, a database that is empty (or rebuilt for every root) is built in bulk, one
// shard per thread, and merged; and after an update that changed a quarter of the notes or
// more, the database is compacted. Either result replaces the database in one rename: searches
// see the old notes until then.
IndexStats update_index(WritableIndex index, const std::vector<std::filesystem::path>& roots,
                        const IndexOptions& options, IndexObserver& observer,
                        const MetadataWriter& finish = {});

} // namespace jaryo
