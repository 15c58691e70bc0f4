#pragma once
// Builds a database from nothing, fast. Xapian allows one writer per database, and writing is
// most of the work (profile in docs/performance-log.md), so each core gets a shard of its own: a
// thread that reads, analyses and writes every N-th note of the walk. Xapian's compactor then
// merges the shards into one database with full blocks, a fraction of the size that writing
// note by note leaves.
//
// Document ids follow the shards: shard 0's notes first, each shard in walk order, so the same
// folders always give the same ids.
#include "jaryo/indexer.hpp"

#include <filesystem>
#include <vector>

namespace jaryo {

// Writes the shards under `work_dir` and the merged database to `output` (which must not exist).
IndexStats build_in_bulk(const std::vector<std::filesystem::path>& roots,
                         const std::filesystem::path& work_dir, const std::filesystem::path& output,
                         const IndexOptions& options, IndexObserver& observer);

} // namespace jaryo
