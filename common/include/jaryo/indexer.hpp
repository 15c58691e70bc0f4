#pragma once
// Brings a database up to date with folders of notes: new and changed files are (re)indexed,
// unchanged ones cost a stat, vanished ones are removed.
#include "jaryo/note.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>
#include <xapian.h>

namespace jaryo {

struct IndexOptions {
    ReadOptions read;
    std::size_t commit_every = 1000; // documents per transaction
    bool rebuild = false;            // re-index unchanged files too
};

struct IndexStats {
    std::size_t indexed = 0;
    std::size_t unchanged = 0;
    std::size_t removed = 0;
    std::size_t skipped = 0;
    std::size_t seen() const { return indexed + unchanged + skipped; }
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

// Updates `database` for the given roots and commits. Notes under a root that is missing
// are kept (an unmounted disk must not empty the index).
IndexStats update_index(Xapian::WritableDatabase& database,
                        const std::vector<std::filesystem::path>& roots,
                        const IndexOptions& options, IndexObserver& observer);

} // namespace jaryo
