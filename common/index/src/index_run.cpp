#include "jaryo/index_run.hpp"

#include "jaryo/analyzer.hpp"
#include "jaryo/database.hpp"
#include "jaryo/errors.hpp"
#include "jaryo/glossary.hpp"
#include "jaryo/sharded_index.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

namespace jaryo {

namespace fs = std::filesystem;

namespace {

constexpr auto lock_retry_pause = std::chrono::milliseconds(200);

std::vector<fs::path> merge_roots(std::vector<fs::path> recorded,
                                  const std::vector<fs::path>& added) {
    for (const fs::path& root : added) {
        if (std::find(recorded.begin(), recorded.end(), root) == recorded.end()) {
            recorded.push_back(root);
        }
    }
    return recorded;
}

// A cron job and a manual run: with `wait`, the second retries until the first is done.
WritableIndex open_waiting(const fs::path& path, bool wait, IndexRunObserver& observer) {
    bool told = false;
    while (true) {
        try {
            return open_for_update(path, Analyzer::identity());
        } catch (const DatabaseLocked& locked) {
            if (!wait) {
                throw;
            }
            if (!told) {
                observer.waiting(locked.what());
                told = true;
            }
            std::this_thread::sleep_for(lock_retry_pause);
        }
    }
}

class Run {
  public:
    Run(const IndexRunOptions& options, IndexRunObserver& observer)
        : options_(options), observer_(observer) {}

    // Brings one database (or one shard of a sharded one) up to date.
    IndexStats update(WritableIndex index, const ShardFilter& shard) {
        const std::vector<fs::path> recorded = recorded_roots(index.database);
        const std::vector<fs::path>& given = options_.roots;
        const std::vector<fs::path>& roots = given.empty() ? recorded : given;
        if (roots.empty()) {
            throw InputError("no folders to index; name one, e.g. jaryo-index ~/notes");
        }
        IndexOptions update;
        update.read = options_.read;
        update.rebuild = options_.rebuild || index.analyzer_changed;
        update.threads = options_.threads;
        update.shard = shard;
        if (index.analyzer_changed && !options_.rebuild && !told_reindexing_) {
            observer_.reindexing_everything();
            told_reindexing_ = true;
        }
        // Folders not walked now keep notes analysed by the old analyzer: update_index stamps
        // the analyzer only where every folder was.
        const std::vector<fs::path> all_roots = merge_roots(recorded, given);
        update.walks_every_root = given.empty() || all_roots.size() == given.size();
        const auto finish = [&](Xapian::WritableDatabase& database) {
            record_roots(database, all_roots);
            // Analysed again only when the glossary files or the analyzer changed.
            Analyzer analyzer;
            const Glossary glossary = Glossary::load_default(analyzer, stored_glossary(database));
            if (!glossary.is_stored()) {
                store_glossary(database, glossary.stored_form());
            }
        };
        return update_index(std::move(index), roots, update, observer_, finish);
    }

  private:
    const IndexRunOptions& options_;
    IndexRunObserver& observer_;
    bool told_reindexing_ = false;
};

} // namespace

IndexRunResult index_folders(const fs::path& path, const IndexRunOptions& options,
                             IndexRunObserver& observer) {
    Run run(options, observer);
    IndexRunResult result;
    if (!options.shards && !is_sharded(path)) {
        result.stats = run.update(open_waiting(path, options.wait, observer), {});
        return result;
    }
    const std::vector<fs::path> shards =
        open_sharded(path, options.shards, Analyzer::identity(), options.exec);
    // Every shard is opened (created, locked) first, so that searches during a first build
    // find them all, empty until written, and no other indexer slips in between.
    std::vector<WritableIndex> indexes;
    for (const fs::path& shard : shards) {
        indexes.push_back(open_waiting(shard, options.wait, observer));
    }
    // One shard after the other, each with every thread: a shard is written as fast as a
    // database of its size, and the walk (a stat per file) is cheap next to writing.
    for (std::size_t shard = 0; shard < shards.size(); ++shard) {
        result.stats += run.update(std::move(indexes[shard]), {shard, shards.size()});
    }
    result.shards = shards.size();
    return result;
}

} // namespace jaryo
