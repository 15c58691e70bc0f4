#include "bulk_builder.hpp"

#include "analysis_pool.hpp"
#include "jaryo/analyzer.hpp"
#include "jaryo/note_walker.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace jaryo {

namespace fs = std::filesystem;

namespace {

// Paths waiting per shard. Paths go round-robin (so ids do not depend on timing); a shard that
// is committing holds up the walk once its queue is full, so the queue must cover a commit's
// pause, during which the other shards go on. A few thousand paths are a few hundred KiB.
constexpr std::size_t queue_limit = 4096;
// A walk held up by a full queue goes on when that queue is down to this: woken for every note
// taken, the walking thread took a core from a shard thread once per note.
constexpr std::size_t queue_resume = queue_limit / 2;

// Each commit merges the notes since the last one into B-trees that keep growing: shards commit
// twice as many notes at once as updates do: of 1,000 to 10,000 per commit, 2,000 was the
// fastest at 100,000 notes, and larger batches cost memory (docs/performance-log.md).
constexpr std::size_t shard_batches = 2;

// Shards are scratch: never read before they are merged, and rebuilt if anything goes wrong, so
// they need neither fsync nor copy-on-write.
constexpr int shard_flags =
    Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC | Xapian::DB_DANGEROUS;

class ShardedBuild {
  public:
    ShardedBuild(const fs::path& work_dir, unsigned shards, const IndexOptions& options,
                 IndexObserver& observer)
        : options_(options), observer_(observer), queues_(shards) {
        for (unsigned shard = 0; shard < shards; ++shard) {
            paths_.push_back(work_dir / ("shard" + std::to_string(shard)));
        }
        // Made here one after the other: ICU objects are not shared, and ICU's own caches are
        // filled by one thread.
        for (unsigned shard = 0; shard < shards; ++shard) {
            analyzers_.push_back(std::make_unique<Analyzer>());
        }
        for (unsigned shard = 0; shard < shards; ++shard) {
            writers_.emplace_back([this, shard] { write_shard(shard); });
        }
    }

    ~ShardedBuild() { stop(); }

    ShardedBuild(const ShardedBuild&) = delete;
    ShardedBuild& operator=(const ShardedBuild&) = delete;

    // Hands a note to its shard; waits while that shard is behind.
    void add(const fs::path& path) {
        std::unique_lock lock(mutex_);
        ShardQueue& queue = queues_[next_shard_];
        next_shard_ = (next_shard_ + 1) % queues_.size();
        room_.wait(lock, [&] { return failure_ || queue.paths.size() < queue_limit; });
        if (failure_) {
            std::rethrow_exception(failure_);
        }
        queue.paths.push_back(path);
        if (queue.paths.size() == 1) {
            queue.work.notify_one();
        }
    }

    void unreadable(const fs::path& path, const std::string& reason) {
        const std::lock_guard lock(mutex_);
        ++stats_.skipped;
        observer_.skipped(path, reason);
    }

    // Waits for every shard to be written and committed.
    IndexStats finish() {
        stop();
        if (failure_) {
            std::rethrow_exception(failure_);
        }
        return stats_;
    }

    const std::vector<fs::path>& shard_paths() const { return paths_; }

  private:
    void stop() {
        {
            const std::lock_guard lock(mutex_);
            closing_ = true;
        }
        wake_all_shards();
        for (std::thread& writer : writers_) {
            if (writer.joinable()) {
                writer.join();
            }
        }
    }

    std::optional<fs::path> take(unsigned shard) {
        std::unique_lock lock(mutex_);
        ShardQueue& queue = queues_[shard];
        queue.work.wait(lock, [&] { return failure_ || closing_ || !queue.paths.empty(); });
        if (failure_ || queue.paths.empty()) {
            return std::nullopt;
        }
        fs::path path = std::move(queue.paths.front());
        queue.paths.pop_front();
        if (queue.paths.size() == queue_resume) {
            room_.notify_all();
        }
        return path;
    }

    void write_shard(unsigned shard) {
        try {
            Analyzer& analyzer = *analyzers_[shard];
            Xapian::WritableDatabase database(paths_[shard].string(), shard_flags);
            std::size_t uncommitted = 0;
            while (const std::optional<fs::path> path = take(shard)) {
                const AnalysedNote note = analyse_note(*path, options_.read, analyzer);
                if (note.document) {
                    database.add_document(*note.document);
                    indexed(*path, note.warnings);
                } else {
                    unreadable(*path, note.skipped_reason);
                }
                if (++uncommitted >= shard_batches * options_.commit_every) {
                    database.commit();
                    uncommitted = 0;
                }
            }
            database.commit();
        } catch (...) {
            const std::lock_guard lock(mutex_);
            if (!failure_) {
                failure_ = std::current_exception();
            }
            room_.notify_all();
            wake_all_shards();
        }
    }

    void wake_all_shards() {
        for (ShardQueue& queue : queues_) {
            queue.work.notify_all();
        }
    }

    void indexed(const fs::path& path, const std::vector<std::string>& warnings) {
        const std::lock_guard lock(mutex_);
        for (const std::string& message : warnings) {
            observer_.warning(path, message);
        }
        ++stats_.indexed;
        observer_.file_done(stats_, path);
    }

    const IndexOptions& options_;
    IndexObserver& observer_;
    std::vector<fs::path> paths_;
    std::vector<std::unique_ptr<Analyzer>> analyzers_; // one per shard
    std::vector<std::thread> writers_;

    struct ShardQueue {
        std::deque<fs::path> paths;
        std::condition_variable work; // a path is waiting, or the build ends
    };

    std::mutex mutex_;             // guards everything below, and calls to the observer
    std::condition_variable room_; // a full queue is down to queue_resume, or the build failed
    std::vector<ShardQueue> queues_;
    std::size_t next_shard_ = 0;
    bool closing_ = false;
    std::exception_ptr failure_;
    IndexStats stats_;
};

} // namespace

IndexStats build_in_bulk(const std::vector<fs::path>& roots, const fs::path& work_dir,
                         const fs::path& output, const IndexOptions& options,
                         IndexObserver& observer) {
    ShardedBuild build(work_dir, std::max(1U, options.threads), options, observer);
    const NoteWalkHandlers handlers{
        [&](const fs::path& path, const struct ::stat&) { build.add(path); },
        [&](const fs::path& path, const std::string& reason) { build.unreadable(path, reason); },
        [&](const fs::path& path) { return options.shard.holds(path); }};
    for (const fs::path& root : roots) {
        walk_notes(root, handlers);
    }
    const IndexStats stats = build.finish();
    Xapian::Database shards;
    for (const fs::path& shard : build.shard_paths()) {
        shards.add_database(Xapian::Database(shard.string()));
    }
    shards.compact(output.string());
    return stats;
}

} // namespace jaryo
