#pragma once
// Opening jaryo databases, with the checks and messages that make failures self-explanatory.
// The store knows the analyzer only by its identity (Analyzer::identity()): a database records
// the one that built it, and refuses searches and updates by another.
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <xapian.h>

namespace jaryo {

// A folder holding a Xapian stub of this name opens as the databases the stub lists: that is
// how a sharded database is laid out (jaryo/stub.hpp).
inline constexpr const char* folder_stub_name = "XAPIANDB";

// --db if given, else $JARYO_DB, else $XDG_DATA_HOME/jaryo/default, else
// ~/.local/share/jaryo/default.
std::filesystem::path resolve_database_path(const std::optional<std::string>& flag);

// Whether `path` holds a database (plain or sharded) that users other than the owner may read:
// its folder grants its group or others any access. False when no database is there yet.
bool readable_by_others(const std::filesystem::path& path);

// Whether the file system that holds (or would hold) `path` has next to no space left for its
// user: what a failed write most likely ran into.
bool out_of_space(const std::filesystem::path& path);

// Opens for searching. Throws DatabaseError when it is missing, not a jaryo database, from a
// newer jaryo, or built by an analyzer other than `analyzer`.
Xapian::Database open_for_search(const std::filesystem::path& path, std::string_view analyzer);

// The checks above, for a database opened otherwise (a remote shard): `name` names it in
// errors, `reindex` is the command that would rebuild it.
void check_searchable(const Xapian::Database& database, const std::string& name,
                      const std::string& reindex, std::string_view analyzer);

struct WritableIndex {
    std::filesystem::path path;
    Xapian::WritableDatabase database;
    bool analyzer_changed = false; // built by another analyzer or an older schema
};

// Opens or creates for indexing by `analyzer`; throws DatabaseLocked when another indexer holds
// the lock (naming its pid), DatabaseError for other failures.
WritableIndex open_for_update(const std::filesystem::path& path, std::string_view analyzer);

// Opens a database built beside another (by a bulk build or compaction) for its last writes.
WritableIndex open_built(const std::filesystem::path& path);

// Moves `built` into `index`'s place in one step: searches that have the old database open go
// on reading it, new ones open the new one. Both stay locked until closed, so no other indexer
// slips in; neither may be written to again (their paths are swapped), so both are closed here.
void swap_into_place(WritableIndex& index, WritableIndex& built);

// Records this analyzer as the one that built every document. Call only once all documents
// are analysed by it, so that an interrupted rebuild is never mistaken for a finished one.
void stamp_analyzer(Xapian::WritableDatabase& database, std::string_view analyzer);

// The analysed glossary kept in `database` (Glossary::stored_form()), entry by entry, for
// Glossary::load_default.
std::function<std::string(const std::string& name)>
stored_glossary(const Xapian::Database& database);
// Keeps these entries there in place of what was kept.
void store_glossary(Xapian::WritableDatabase& database,
                    const std::map<std::string, std::string>& entries);

std::vector<std::filesystem::path> recorded_roots(const Xapian::Database& database);
void record_roots(Xapian::WritableDatabase& database,
                  const std::vector<std::filesystem::path>& roots);

} // namespace jaryo
