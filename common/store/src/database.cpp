#include "jaryo/database.hpp"

#include "jaryo/environment.hpp"
#include "jaryo/errors.hpp"
#include "jaryo/schema.hpp"
#include "jaryo/whole_folder.hpp"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <sys/statvfs.h>
#include <thread>
#include <unistd.h>

namespace jaryo {

namespace fs = std::filesystem;

namespace {

// Written by the indexer holding the lock, so that others can say whom they wait for.
constexpr const char* pid_file_name = "jaryo-index.pid";

// An indexer swapping a rebuilt database into place leaves the path briefly without one (where
// the file system cannot exchange two folders at once); a search then tries again.
constexpr int open_attempts = 3;
constexpr auto retry_pause = std::chrono::milliseconds(20);

void write_pid_file(const fs::path& database) {
    std::ofstream(database / pid_file_name, std::ios::trunc) << ::getpid() << '\n';
}

bool holds_database(const fs::path& path) {
    std::error_code error;
    return fs::exists(path / "iamglass", error) || fs::exists(path / "iamchert", error);
}

// What Xapian writes while it creates a database, before "iamglass" marks it finished.
bool written_while_creating(const fs::directory_entry& entry) {
    const std::string name = entry.path().filename().string();
    const std::string_view table = ".glass";
    std::error_code error;
    return entry.is_regular_file(error) &&
           (name == "flintlock" || name == "v.tmp" || name == pid_file_name ||
            (name.size() > table.size() && name.ends_with(table)));
}

// Left by an indexer killed while Xapian created the database in place.
bool left_unfinished(const fs::path& path) {
    std::error_code error;
    if (!fs::is_regular_file(path / "flintlock", error) || holds_database(path)) {
        return false;
    }
    for (const fs::directory_entry& entry : fs::directory_iterator(path, error)) {
        if (!written_while_creating(entry)) {
            return false;
        }
    }
    return !error;
}

void remove_unfinished(const fs::path& path) {
    std::error_code error;
    for (const fs::directory_entry& entry : fs::directory_iterator(path, error)) {
        fs::remove(entry.path(), error);
    }
}

[[noreturn]] void rethrow_opening_error(const fs::path& path, const Xapian::Error& error) {
    const std::string_view type = error.get_type();
    if (type == "DatabaseLockError") {
        std::ifstream pid_file(path / pid_file_name);
        std::string pid;
        std::getline(pid_file, pid);
        throw DatabaseLocked(fmt::format("database {} is being updated by another jaryo-index{}; "
                                         "wait for it to finish, or pass --wait",
                                         path.string(), pid.empty() ? "" : " (pid " + pid + ")"));
    }
    if (type == "DatabaseCorruptError" || type == "DatabaseVersionError") {
        throw DatabaseError(fmt::format("database {} is damaged or unreadable ({}); remove it "
                                        "and run jaryo-index again to rebuild it",
                                        path.string(), error.get_msg()));
    }
    if (left_unfinished(path)) {
        throw DatabaseError(fmt::format("database {} was left half-made by an interrupted "
                                        "jaryo-index; run jaryo-index again to finish it",
                                        path.string()));
    }
    throw DatabaseError(fmt::format("cannot open database {}: {}", path.string(), error.get_msg()));
}

void check_jaryo_database(const Xapian::Database& database, const std::string& name) {
    const std::string version = database.get_metadata(schema::version_key);
    if (version.empty()) {
        throw DatabaseError(
            fmt::format("{} is a Xapian database but not a jaryo one; pass the right --db", name));
    }
    if (std::atoi(version.c_str()) > schema::version) {
        throw DatabaseError(
            fmt::format("database {} has schema {} from a newer jaryo (this one "
                        "reads {}); upgrade jaryo or rebuild with jaryo-index --rebuild",
                        name, version, schema::version));
    }
}

} // namespace

fs::path resolve_database_path(const std::optional<std::string>& flag) {
    if (flag && !flag->empty()) {
        return *flag;
    }
    if (auto db = environment("JARYO_DB")) {
        return *db;
    }
    if (auto data = environment("XDG_DATA_HOME")) {
        return fs::path(*data) / "jaryo" / "default";
    }
    if (auto home = environment("HOME")) {
        return fs::path(*home) / ".local" / "share" / "jaryo" / "default";
    }
    throw DatabaseError("cannot find a default database: set HOME or JARYO_DB, or pass --db");
}

bool out_of_space(const fs::path& path) {
    // Less than this is full: a B-tree block is 8 KiB, a commit writes several.
    constexpr std::uint64_t nearly_nothing = 1U << 20U;
    fs::path existing = path;
    std::error_code error;
    while (!existing.empty() && !fs::exists(existing, error) && existing.has_parent_path() &&
           existing.parent_path() != existing) {
        existing = existing.parent_path();
    }
    struct statvfs disk {};
    if (::statvfs(existing.c_str(), &disk) != 0) {
        return false;
    }
    return static_cast<std::uint64_t>(disk.f_bavail) * disk.f_frsize < nearly_nothing;
}

bool readable_by_others(const fs::path& path) {
    std::error_code error;
    const fs::perms perms = fs::status(path, error).permissions();
    return !error && (holds_database(path) || fs::exists(path / folder_stub_name, error)) &&
           (perms & (fs::perms::group_all | fs::perms::others_all)) != fs::perms::none;
}

Xapian::Database open_for_search(const fs::path& path, std::string_view analyzer) {
    Xapian::Database database;
    for (int attempt = 1;; ++attempt) {
        const bool last = attempt == open_attempts;
        std::error_code ignored;
        if (!fs::exists(path, ignored)) {
            if (!last) {
                std::this_thread::sleep_for(retry_pause);
                continue;
            }
            throw DatabaseError(fmt::format("no database at {}; index your notes first with "
                                            "jaryo-index DIR (or pass --db, or set JARYO_DB)",
                                            path.string()));
        }
        try {
            database = Xapian::Database(path.string());
            break;
        } catch (const Xapian::Error& error) {
            if (last) {
                rethrow_opening_error(path, error);
            }
            std::this_thread::sleep_for(retry_pause);
        }
    }
    check_searchable(database, path.string(), "jaryo-index --db " + path.string(), analyzer);
    return database;
}

void check_searchable(const Xapian::Database& database, const std::string& name,
                      const std::string& reindex, std::string_view analyzer) {
    check_jaryo_database(database, name);
    const std::string version = database.get_metadata(schema::version_key);
    if (std::atoi(version.c_str()) < schema::version) {
        throw DatabaseError(fmt::format("database {} has schema {} from an older jaryo (this one "
                                        "reads {}); re-index it with {}",
                                        name, version, schema::version, reindex));
    }
    const std::string built_by = database.get_metadata(schema::analyzer_key);
    if (built_by != analyzer) {
        throw DatabaseError(fmt::format("database {} was built by analyzer '{}' but this jaryo "
                                        "uses '{}'; re-index it with {}",
                                        name, built_by, analyzer, reindex));
    }
}

WritableIndex open_for_update(const fs::path& path, std::string_view analyzer) {
    std::error_code error;
    if (path.has_parent_path()) {
        fs::create_directories(path.parent_path(), error);
        if (error) {
            throw DatabaseError(fmt::format("cannot create the folder for database {}: {}",
                                            path.string(), error.message()));
        }
    }
    // "db/" names the folder "db": the build folder and the swap work beside it, not inside.
    fs::path place = path.lexically_normal();
    if (!place.has_filename() && place.has_relative_path()) {
        place = place.parent_path();
    }
    // A symbolic link names the folder it points to: the database is made, built beside and
    // swapped there, and the link goes on pointing at it.
    if (fs::is_symlink(place, error)) {
        place = fs::canonical(place, error);
        if (error) {
            throw DatabaseError(fmt::format("{} is a symbolic link to nothing ({}); create the "
                                            "folder it points to, or pass another --db",
                                            path.string(), error.message()));
        }
    }
    if (!holds_database(place)) {
        if (fs::exists(place, error) && !fs::is_directory(place, error)) {
            throw DatabaseError(
                fmt::format("{} exists and is not a database; pass another --db", path.string()));
        }
        if (left_unfinished(place)) { // by an older jaryo, which created in place
            remove_unfinished(place);
        }
        if (fs::is_directory(place, error) && !fs::is_empty(place, error)) {
            throw DatabaseError(fmt::format(
                "{} is a non-empty folder but not a database; pass another --db", path.string()));
        }
        // An empty jaryo database appears at once, whole: an indexer killed before its first
        // batch leaves one that searches answer, not an unlabelled or half-made one.
        create_whole(place, [analyzer](const fs::path& work) {
            Xapian::WritableDatabase created(work.string(), Xapian::DB_CREATE);
            stamp_analyzer(created, analyzer);
            created.commit();
        });
    }
    WritableIndex index;
    index.path = place;
    try {
        index.database = Xapian::WritableDatabase(place.string(), Xapian::DB_OPEN);
    } catch (const Xapian::Error& e) {
        rethrow_opening_error(place, e);
    }
    write_pid_file(place);
    check_jaryo_database(index.database, place.string());
    index.analyzer_changed =
        index.database.get_metadata(schema::analyzer_key) != analyzer ||
        std::atoi(index.database.get_metadata(schema::version_key).c_str()) < schema::version;
    return index;
}

WritableIndex open_built(const fs::path& path) {
    WritableIndex built;
    built.path = path;
    try {
        built.database = Xapian::WritableDatabase(path.string(), Xapian::DB_OPEN);
    } catch (const Xapian::Error& e) {
        rethrow_opening_error(path, e);
    }
    write_pid_file(path);
    return built;
}

void swap_into_place(WritableIndex& index, WritableIndex& built) {
    if (::renameat2(AT_FDCWD, built.path.c_str(), AT_FDCWD, index.path.c_str(), RENAME_EXCHANGE) !=
        0) {
        if (errno != EINVAL && errno != ENOSYS) {
            throw DatabaseError(fmt::format("cannot move the rebuilt database {} into place: {}",
                                            built.path.string(), std::strerror(errno)));
        }
        // No exchange on this file system: the old one goes beside the new one first.
        const fs::path aside = built.path.parent_path() / "replaced";
        fs::rename(index.path, aside);
        try {
            fs::rename(built.path, index.path);
        } catch (...) {
            fs::rename(aside, index.path);
            throw;
        }
        fs::rename(aside, built.path);
    }
    index.database.close();
    built.database.close();
}

void stamp_analyzer(Xapian::WritableDatabase& database, std::string_view analyzer) {
    database.set_metadata(schema::version_key, std::to_string(schema::version));
    database.set_metadata(schema::analyzer_key, std::string(analyzer));
}

std::function<std::string(const std::string&)> stored_glossary(const Xapian::Database& database) {
    return [database](const std::string& name) {
        return database.get_metadata(schema::glossary_entry_key(name));
    };
}

void store_glossary(Xapian::WritableDatabase& database,
                    const std::map<std::string, std::string>& entries) {
    const std::string prefix = schema::glossary_entry_prefix;
    std::vector<std::string> kept;
    for (auto key = database.metadata_keys_begin(prefix); key != database.metadata_keys_end(prefix);
         ++key) {
        kept.push_back(*key);
    }
    for (const std::string& key : kept) {
        database.set_metadata(key, "");
    }
    for (const auto& [name, entry] : entries) {
        database.set_metadata(schema::glossary_entry_key(name), entry);
    }
}

std::vector<fs::path> recorded_roots(const Xapian::Database& database) {
    std::vector<fs::path> roots;
    std::istringstream lines(database.get_metadata(schema::roots_key));
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty()) {
            roots.emplace_back(line);
        }
    }
    return roots;
}

void record_roots(Xapian::WritableDatabase& database, const std::vector<fs::path>& roots) {
    std::string joined;
    for (const fs::path& root : roots) {
        joined += root.string();
        joined += '\n';
    }
    database.set_metadata(schema::roots_key, joined);
}

} // namespace jaryo
