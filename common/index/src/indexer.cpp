#include "jaryo/indexer.hpp"

#include "analysis_pool.hpp"
#include "bulk_builder.hpp"
#include "jaryo/analyzer.hpp"
#include "jaryo/errors.hpp"
#include "jaryo/fnv1a.hpp"
#include "jaryo/note_walker.hpp"
#include "jaryo/schema.hpp"
#include "jaryo/sharded_index.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <thread>

namespace jaryo {

namespace fs = std::filesystem;

namespace {

// Compact after an update that changed at least this share of the notes: writing note by note
// leaves blocks half full, the compactor fills them (measured in docs/performance-log.md).
constexpr double compact_share = 0.25;

bool is_under(std::string_view path, std::string_view root) {
    if (path.size() < root.size() || path.substr(0, root.size()) != root) {
        return false;
    }
    return path.size() == root.size() || root.back() == '/' || path[root.size()] == '/';
}

// The notes a database holds, by the hash of their path, with the hash of their stat
// signature: an unchanged run looks every file up here instead of in the database, where two
// B-tree lookups per file were most of a re-run's time (docs/performance-log.md). 24 bytes a
// note, read in one pass over two value streams.
class KnownNotes {
  public:
    explicit KnownNotes(const Xapian::Database& database) {
        auto path = database.valuestream_begin(schema::path_slot);
        auto signature = database.valuestream_begin(schema::signature_slot);
        const auto paths_end = database.valuestream_end(schema::path_slot);
        const auto signatures_end = database.valuestream_end(schema::signature_slot);
        for (; path != paths_end; ++path) {
            if (signature != signatures_end && signature.get_docid() < path.get_docid()) {
                signature.skip_to(path.get_docid());
            }
            const bool signed_note =
                signature != signatures_end && signature.get_docid() == path.get_docid();
            notes_.push_back({fnv1a(*path), signed_note ? fnv1a(*signature) : 0, path.get_docid()});
        }
        std::sort(notes_.begin(), notes_.end(),
                  [](const Note& a, const Note& b) { return a.path_hash < b.path_hash; });
    }

    struct Note {
        std::uint64_t path_hash;
        std::uint64_t signature_hash;
        Xapian::docid id;
    };

    // The note indexed from `path`, if exactly one has its hash (else the database decides).
    const Note* find(std::string_view path) const {
        const std::uint64_t hash = fnv1a(path);
        const auto first = std::lower_bound(
            notes_.begin(), notes_.end(), hash,
            [](const Note& note, std::uint64_t wanted) { return note.path_hash < wanted; });
        if (first == notes_.end() || first->path_hash != hash ||
            (first + 1 != notes_.end() && (first + 1)->path_hash == hash)) {
            return nullptr;
        }
        return &*first;
    }

  private:
    std::vector<Note> notes_;
};

class Updater {
  public:
    Updater(Xapian::WritableDatabase& database, const IndexOptions& options,
            IndexObserver& observer)
        : database_(database), options_(options), observer_(observer),
          pool_(options.read, options.threads), seen_(database.get_lastdocid() + 1, false),
          known_(database) {}

    void walk(const fs::path& root) {
        walk_notes(
            root,
            {[this](const fs::path& path, const struct ::stat& info) { visit_file(path, info); },
             [this](const fs::path& path, const std::string& reason) { skip(path, reason); },
             [this](const fs::path& path) { return options_.shard.holds(path); }});
    }

    // Writes the notes still being analysed.
    void finish() {
        pool_.finish([this](AnalysisPool::Result& result) { write(result); });
    }

    void remove_vanished(const std::vector<fs::path>& roots) {
        std::vector<Xapian::docid> vanished;
        for (auto value = database_.valuestream_begin(schema::path_slot);
             value != database_.valuestream_end(schema::path_slot); ++value) {
            const Xapian::docid id = value.get_docid();
            if (id < seen_.size() && seen_[id]) {
                continue;
            }
            const std::string path = *value;
            if (std::any_of(roots.begin(), roots.end(),
                            [&](const fs::path& root) { return is_under(path, root.string()); })) {
                vanished.push_back(id);
            }
        }
        for (Xapian::docid id : vanished) {
            database_.delete_document(id);
            ++stats_.removed;
        }
    }

    const IndexStats& stats() const { return stats_; }

  private:
    void visit_file(const fs::path& path, const struct ::stat& info) {
        const std::string stat_signature = schema::signature(
            static_cast<std::uint64_t>(info.st_size),
            static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec);
        if (const Indexed indexed = indexed_as(path, stat_signature); indexed.id != 0) {
            mark_seen(indexed.id);
            if (!options_.rebuild && indexed.unchanged) {
                ++stats_.unchanged;
                observer_.file_done(stats_, path);
                return;
            }
        }
        const auto write = [this](AnalysisPool::Result& result) { this->write(result); };
        pool_.submit(path, static_cast<std::uint64_t>(info.st_size), write);
        pool_.take_ready(write);
    }

    void write(AnalysisPool::Result& result) {
        for (const std::string& message : result.warnings) {
            observer_.warning(result.path, message);
        }
        if (!result.document) {
            // An unreadable file keeps what was indexed of it before.
            skip(result.path, result.skipped_reason);
            return;
        }
        mark_seen(database_.replace_document(schema::unique_term(result.path.string()),
                                             *result.document));
        ++stats_.indexed;
        if (++uncommitted_ >= options_.commit_every) {
            database_.commit();
            uncommitted_ = 0;
        }
        observer_.file_done(stats_, result.path);
    }

    struct Indexed {
        Xapian::docid id = 0; // 0: not indexed yet
        bool unchanged = false;
    };

    // The note indexed from `path`, and whether its file still has `stat_signature`.
    Indexed indexed_as(const fs::path& path, const std::string& stat_signature) const {
        if (const KnownNotes::Note* known = known_.find(path.string())) {
            return {known->id, known->signature_hash == fnv1a(stat_signature)};
        }
        const std::string term = schema::unique_term(path.string());
        Xapian::PostingIterator posting = database_.postlist_begin(term);
        if (posting == database_.postlist_end(term)) {
            return {};
        }
        return {*posting, database_.get_document(*posting).get_value(schema::signature_slot) ==
                              stat_signature};
    }

    void mark_seen(Xapian::docid id) {
        if (id >= seen_.size()) {
            seen_.resize(id + 1, false);
        }
        seen_[id] = true;
    }

    void skip(const fs::path& path, const std::string& reason) {
        ++stats_.skipped;
        observer_.skipped(path, reason);
    }

    Xapian::WritableDatabase& database_;
    const IndexOptions& options_;
    IndexObserver& observer_;
    AnalysisPool pool_;
    std::vector<bool> seen_;
    const KnownNotes known_;
    IndexStats stats_;
    std::size_t uncommitted_ = 0;
};

// Beside the database, on the same file system, so that the result can be renamed into place.
fs::path work_dir_for(const fs::path& database) {
    fs::path work = database;
    work += ".jaryo-build";
    return work;
}

fs::path fresh_work_dir(const fs::path& database) {
    const fs::path work = work_dir_for(database);
    std::error_code error;
    fs::remove_all(work, error); // left by a run that was killed
    fs::create_directories(work, error);
    if (error) {
        throw DatabaseError(fmt::format("cannot create {} to build the database in: {}",
                                        work.string(), error.message()));
    }
    return work;
}

void copy_metadata(const Xapian::Database& from, Xapian::WritableDatabase& to) {
    for (auto key = from.metadata_keys_begin(); key != from.metadata_keys_end(); ++key) {
        to.set_metadata(*key, from.get_metadata(*key));
    }
}

// Puts the database built at `built` in the place of `index`'s, with the same metadata and
// what `finish` adds.
void install(WritableIndex& index, const fs::path& built, const MetadataWriter& finish) {
    WritableIndex replacement = open_built(built);
    copy_metadata(index.database, replacement.database);
    if (finish) {
        finish(replacement.database);
    }
    replacement.database.commit();
    swap_into_place(index, replacement);
    std::error_code ignored;
    fs::remove_all(work_dir_for(index.path), ignored);
}

[[noreturn]] void throw_disk_full(const fs::path& database, Xapian::doccount kept) {
    throw DiskFull(fmt::format("no space left on device writing {}: it keeps its last commit "
                               "({} note{}); free space on that disk (df -h {}) and run the same "
                               "jaryo-index command again to finish",
                               database.string(), kept, kept == 1 ? "" : "s",
                               database.parent_path().string()));
}

bool every_root_present(const std::vector<fs::path>& roots) {
    return std::all_of(roots.begin(), roots.end(), [](const fs::path& root) {
        std::error_code error;
        return fs::exists(root, error);
    });
}

// Updates `index` where it is, note by note, committing every so often.
IndexStats update_in_place(WritableIndex& index, const std::vector<fs::path>& roots,
                           const IndexOptions& options, IndexObserver& observer,
                           const MetadataWriter& finish) {
    Updater updater(index.database, options, observer);
    std::vector<fs::path> present;
    for (const fs::path& root : roots) {
        std::error_code error;
        if (!fs::exists(root, error)) {
            observer.warning(root, "folder is missing; its notes stay in the index");
            continue;
        }
        present.push_back(root);
        updater.walk(root);
    }
    updater.finish();
    updater.remove_vanished(present);
    if (finish) {
        finish(index.database);
    }
    if (options.rebuild && options.walks_every_root) {
        stamp_analyzer(index.database, Analyzer::identity()); // every note was analysed now
    }
    index.database.commit();
    const IndexStats stats = updater.stats();
    const Xapian::doccount after = index.database.get_doccount();
    if (options.threads > 0 && after > 0 &&
        static_cast<double>(stats.indexed + stats.removed) >= compact_share * after) {
        const fs::path work = fresh_work_dir(index.path);
        index.database.compact((work / "built").string());
        install(index, work / "built", {});
    }
    return stats;
}

} // namespace

bool ShardFilter::holds(const fs::path& path) const {
    return count <= 1 || shard_for(path.string(), count) == index;
}

unsigned IndexOptions::default_threads() {
    return std::max(1U, std::thread::hardware_concurrency());
}

std::vector<fs::path> resolve_roots(const std::vector<std::string>& roots) {
    std::vector<fs::path> resolved;
    for (const std::string& root : roots) {
        std::error_code error;
        fs::path absolute = fs::canonical(root, error);
        if (error) {
            throw InputError(fmt::format("cannot index {}: {}", root, error.message()));
        }
        if (std::find(resolved.begin(), resolved.end(), absolute) == resolved.end()) {
            resolved.push_back(std::move(absolute));
        }
    }
    return resolved;
}

IndexStats update_index(WritableIndex index, const std::vector<fs::path>& roots,
                        const IndexOptions& options, IndexObserver& observer,
                        const MetadataWriter& finish) {
    const Xapian::doccount before = index.database.get_doccount();
    if (options.threads > 0 && every_root_present(roots) &&
        (before == 0 || (options.rebuild && options.walks_every_root))) {
        const fs::path work = fresh_work_dir(index.path);
        try {
            IndexStats stats = build_in_bulk(roots, work, work / "built", options, observer);
            stats.removed = before;
            install(index, work / "built", [&](Xapian::WritableDatabase& built) {
                stamp_analyzer(built, Analyzer::identity()); // every note was analysed now
                if (finish) {
                    finish(built);
                }
            });
            return stats;
        } catch (...) {
            // Xapian's own error hides the cause here (a cancel() it refuses under
            // DB_DANGEROUS), so the disk is asked before the scratch copy frees it.
            const bool full = out_of_space(work);
            std::error_code ignored;
            fs::remove_all(work, ignored);
            if (full) {
                throw_disk_full(index.path, before);
            }
            throw;
        }
    }
    try {
        return update_in_place(index, roots, options, observer, finish);
    } catch (const Xapian::Error&) {
        if (out_of_space(index.path)) {
            throw_disk_full(index.path, Xapian::Database(index.path.string()).get_doccount());
        }
        throw;
    }
}

} // namespace jaryo
