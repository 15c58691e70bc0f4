#include "jaryo/database.hpp"

#include "jaryo/analyzer.hpp"
#include "jaryo/errors.hpp"
#include "jaryo/schema.hpp"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
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

std::optional<std::string> environment(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') {
        return std::nullopt;
    }
    return std::string(value);
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

Xapian::Database open_for_search(const fs::path& path) {
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
    check_searchable(database, path.string(), "jaryo-index --db " + path.string());
    return database;
}

void check_searchable(const Xapian::Database& database, const std::string& name,
                      const std::string& reindex) {
    check_jaryo_database(database, name);
    const std::string version = database.get_metadata(schema::version_key);
    if (std::atoi(version.c_str()) < schema::version) {
        throw DatabaseError(fmt::format("database {} has schema {} from an older jaryo (this one "
                                        "reads {}); re-index it with {}",
                                        name, version, schema::version, reindex));
    }
    const std::string built_by = database.get_metadata(schema::analyzer_key);
    if (built_by != Analyzer::identity()) {
        throw DatabaseError(fmt::format("database {} was built by analyzer '{}' but this jaryo "
                                        "uses '{}'; re-index it with {}",
                                        name, built_by, Analyzer::identity(), reindex));
    }
}

WritableIndex open_for_update(const fs::path& path) {
    std::error_code error;
    if (path.has_parent_path()) {
        fs::create_directories(path.parent_path(), error);
        if (error) {
            throw DatabaseError(fmt::format("cannot create the folder for database {}: {}",
                                            path.string(), error.message()));
        }
    }
    const bool existed =
        fs::exists(path / "iamglass", error) || fs::exists(path / "iamchert", error);
    if (!existed && fs::exists(path, error) && !fs::is_directory(path, error)) {
        throw DatabaseError(
            fmt::format("{} exists and is not a database; pass another --db", path.string()));
    }
    if (!existed && fs::is_directory(path, error) && !fs::is_empty(path, error)) {
        throw DatabaseError(fmt::format(
            "{} is a non-empty folder but not a database; pass another --db", path.string()));
    }
    WritableIndex index;
    try {
        index.database = Xapian::WritableDatabase(path.string(), Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::Error& e) {
        rethrow_opening_error(path, e);
    }
    // "db/" names the folder "db": the build folder and the swap work beside it, not inside.
    index.path = path.lexically_normal();
    if (!index.path.has_filename() && index.path.has_relative_path()) {
        index.path = index.path.parent_path();
    }
    write_pid_file(path);
    if (existed) {
        check_jaryo_database(index.database, path.string());
        index.analyzer_changed =
            index.database.get_metadata(schema::analyzer_key) != Analyzer::identity() ||
            std::atoi(index.database.get_metadata(schema::version_key).c_str()) < schema::version;
    } else {
        // Committed at once: an indexer killed before its first batch leaves an empty jaryo
        // database, not an unlabelled one.
        stamp_analyzer(index.database);
        index.database.commit();
    }
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

void stamp_analyzer(Xapian::WritableDatabase& database) {
    database.set_metadata(schema::version_key, std::to_string(schema::version));
    database.set_metadata(schema::analyzer_key, Analyzer::identity());
}

Glossary::StoredEntries stored_glossary(const Xapian::Database& database) {
    return [database](const std::string& name) {
        return database.get_metadata(schema::glossary_entry_key(name));
    };
}

void store_glossary(Xapian::WritableDatabase& database, const Glossary& glossary) {
    if (glossary.is_stored()) {
        return;
    }
    const std::string prefix = schema::glossary_entry_prefix;
    std::vector<std::string> kept;
    for (auto key = database.metadata_keys_begin(prefix); key != database.metadata_keys_end(prefix);
         ++key) {
        kept.push_back(*key);
    }
    for (const std::string& key : kept) {
        database.set_metadata(key, "");
    }
    for (const auto& [name, entry] : glossary.stored_form()) {
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
