#include "jaryo/indexer.hpp"

#include "jaryo/analyzer.hpp"
#include "jaryo/errors.hpp"
#include "jaryo/schema.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <sys/stat.h>

namespace jaryo {

namespace fs = std::filesystem;

namespace {

bool skipped_directory(const fs::path& path) {
    const std::string name = path.filename().string();
    return (!name.empty() && name[0] == '.') || name == "node_modules";
}

bool is_under(std::string_view path, std::string_view root) {
    if (path.size() < root.size() || path.substr(0, root.size()) != root) {
        return false;
    }
    return path.size() == root.size() || root.back() == '/' || path[root.size()] == '/';
}

class Updater {
  public:
    Updater(Xapian::WritableDatabase& database, const IndexOptions& options,
            IndexObserver& observer)
        : database_(database), options_(options), observer_(observer),
          seen_(database.get_lastdocid() + 1, false) {}

    void walk(const fs::path& root) {
        std::vector<fs::path> pending{root};
        while (!pending.empty()) {
            const fs::path folder = std::move(pending.back());
            pending.pop_back();
            struct ::stat info {};
            if (::lstat(folder.c_str(), &info) != 0) {
                skip(folder, std::strerror(errno));
                continue;
            }
            if (!S_ISDIR(info.st_mode)) {
                visit_file(folder, info);
                continue;
            }
            std::vector<fs::path> children = list(folder);
            // Reverse order on the stack gives a sorted, depth-first walk.
            std::sort(children.rbegin(), children.rend());
            for (fs::path& child : children) {
                pending.push_back(std::move(child));
            }
        }
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
    std::vector<fs::path> list(const fs::path& folder) {
        std::vector<fs::path> children;
        std::error_code error;
        fs::directory_iterator entries(folder, error);
        if (error) {
            skip(folder, error.message());
            return children;
        }
        for (const fs::directory_entry& entry : entries) {
            std::error_code type_error;
            if (entry.is_symlink(type_error)) {
                continue; // never followed: no loops, no escaping the root
            }
            if (entry.is_directory(type_error)) {
                if (!skipped_directory(entry.path())) {
                    children.push_back(entry.path());
                }
            } else if (is_note_file(entry.path())) {
                children.push_back(entry.path());
            }
        }
        return children;
    }

    void visit_file(const fs::path& path, const struct ::stat& info) {
        if (!S_ISREG(info.st_mode)) {
            return;
        }
        const std::string term = schema::unique_term(path.string());
        const std::string stat_signature = schema::signature(
            static_cast<std::uint64_t>(info.st_size),
            static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec);
        const Xapian::docid existing = find(term);
        if (existing != 0) {
            mark_seen(existing);
            if (!options_.rebuild && database_.get_document(existing).get_value(
                                         schema::signature_slot) == stat_signature) {
                ++stats_.unchanged;
                observer_.file_done(stats_, path);
                return;
            }
        }
        try {
            const Note note = read_note(path, options_.read);
            for (const std::string& message : note.warnings) {
                observer_.warning(path, message);
            }
            mark_seen(database_.replace_document(term, schema::build_document(note, analyzer_)));
            ++stats_.indexed;
            if (++uncommitted_ >= options_.commit_every) {
                database_.commit();
                uncommitted_ = 0;
            }
        } catch (const SkippedFile& reason) {
            // An unreadable file keeps what was indexed of it before.
            skip(path, reason.what());
            return;
        }
        observer_.file_done(stats_, path);
    }

    Xapian::docid find(const std::string& term) {
        Xapian::PostingIterator posting = database_.postlist_begin(term);
        return posting == database_.postlist_end(term) ? 0 : *posting;
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
    Analyzer analyzer_;
    std::vector<bool> seen_;
    IndexStats stats_;
    std::size_t uncommitted_ = 0;
};

} // namespace

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

IndexStats update_index(Xapian::WritableDatabase& database, const std::vector<fs::path>& roots,
                        const IndexOptions& options, IndexObserver& observer) {
    Updater updater(database, options, observer);
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
    updater.remove_vanished(present);
    database.commit();
    return updater.stats();
}

} // namespace jaryo
