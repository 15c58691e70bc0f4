#pragma once
// Opening jaryo databases, with the checks and messages that make failures self-explanatory.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>
#include <xapian.h>

namespace jaryo {

// --db if given, else $JARYO_DB, else $XDG_DATA_HOME/jaryo/default, else
// ~/.local/share/jaryo/default.
std::filesystem::path resolve_database_path(const std::optional<std::string>& flag);

// Opens for searching. Throws DatabaseError when it is missing, not a jaryo database, from a
// newer jaryo, or built by a different analyzer.
Xapian::Database open_for_search(const std::filesystem::path& path);

struct WritableIndex {
    Xapian::WritableDatabase database;
    bool analyzer_changed = false; // another analyzer or an older schema: re-analyse every note
};

// Opens or creates for indexing; throws DatabaseLocked when another indexer holds the lock
// (naming its pid), DatabaseError for other failures.
WritableIndex open_for_update(const std::filesystem::path& path);

// Records this analyzer as the one that built every document. Call only once all documents
// are analysed by it, so that an interrupted rebuild is never mistaken for a finished one.
void stamp_analyzer(Xapian::WritableDatabase& database);

std::vector<std::filesystem::path> recorded_roots(const Xapian::Database& database);
void record_roots(Xapian::WritableDatabase& database,
                  const std::vector<std::filesystem::path>& roots);

} // namespace jaryo
