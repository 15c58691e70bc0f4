// One indexer run as the library owns it: folders recorded and reused, the analyzer stamped
// only once every note was analysed by it, shards, and waiting for another indexer.
#include "jaryo/analyzer.hpp"
#include "jaryo/database.hpp"
#include "jaryo/errors.hpp"
#include "jaryo/index_run.hpp"
#include "jaryo/schema.hpp"
#include "jaryo/sharded_index.hpp"

#include "../../support/temp_dir.hpp"

#include <chrono>
#include <doctest/doctest.h>
#include <thread>

namespace {

namespace fs = std::filesystem;

class Told : public jaryo::IndexRunObserver {
  public:
    void file_done(const jaryo::IndexStats&, const fs::path&) override {}
    void skipped(const fs::path&, const std::string&) override {}
    void warning(const fs::path&, const std::string&) override {}
    void waiting(const std::string& message) override { waits.push_back(message); }
    void reindexing_everything() override { ++reindexing; }
    std::vector<std::string> waits;
    int reindexing = 0;
};

jaryo::IndexRunOptions options_for(std::vector<fs::path> roots, unsigned threads = 1) {
    jaryo::IndexRunOptions options;
    options.roots = std::move(roots);
    options.threads = threads;
    return options;
}

std::string analyzer_of(const fs::path& database) {
    return Xapian::Database(database.string()).get_metadata(jaryo::schema::analyzer_key);
}

void mark_built_by_old_analyzer(const fs::path& database) {
    Xapian::WritableDatabase writable(database.string(), Xapian::DB_OPEN);
    writable.set_metadata(jaryo::schema::analyzer_key, "jaryo-analyzer/0 old");
    writable.commit();
}

} // namespace

TEST_CASE("index run: folders are recorded, and a run without folders updates them") {
    const jaryo::testing::TempDir dir;
    dir.write("a/one.md", "# one\n\nalpha");
    dir.write("b/two.md", "# two\n\nbeta");
    const fs::path db = dir.path() / "db";
    Told told;
    jaryo::IndexRunResult first =
        jaryo::index_folders(db, options_for({dir.path() / "a", dir.path() / "b"}), told);
    CHECK(first.stats.indexed == 2);
    CHECK(first.shards == 0);
    CHECK(jaryo::recorded_roots(Xapian::Database(db.string())) ==
          std::vector<fs::path>{dir.path() / "a", dir.path() / "b"});
    CHECK(analyzer_of(db) == jaryo::Analyzer::identity());
    CHECK(!Xapian::Database(db.string()).get_metadata(jaryo::schema::glossary_key).empty());

    dir.write("b/three.md", "# three\n\ngamma");
    const jaryo::IndexRunResult again = jaryo::index_folders(db, options_for({}), told);
    CHECK(again.stats.indexed == 1);
    CHECK(again.stats.unchanged == 2);

    CHECK_THROWS_WITH_AS(jaryo::index_folders(dir.path() / "empty", options_for({}), told),
                         "no folders to index; name one, e.g. jaryo-index ~/notes",
                         jaryo::InputError);
}

TEST_CASE("index run: another analyzer's database is re-indexed, and stamped only when whole") {
    const jaryo::testing::TempDir dir;
    dir.write("a/one.md", "alpha");
    dir.write("b/two.md", "beta");
    const fs::path db = dir.path() / "db";
    Told told;
    jaryo::index_folders(db, options_for({dir.path() / "a", dir.path() / "b"}), told);

    // Only one of its two folders walked: b's note keeps the old analysis, so no stamp.
    mark_built_by_old_analyzer(db);
    const jaryo::IndexRunResult part =
        jaryo::index_folders(db, options_for({dir.path() / "a"}), told);
    CHECK(told.reindexing == 1);
    CHECK(part.stats.indexed == 1);
    CHECK(analyzer_of(db) == "jaryo-analyzer/0 old");

    // Every folder walked: stamped.
    for (const unsigned threads : {0U, 2U}) {
        CAPTURE(threads);
        mark_built_by_old_analyzer(db);
        const jaryo::IndexRunResult whole =
            jaryo::index_folders(db, options_for({}, threads), told);
        CHECK(whole.stats.indexed == 2);
        CHECK(analyzer_of(db) == jaryo::Analyzer::identity());
    }
}

TEST_CASE("index run: a sharded database is told once of a re-index, and every shard stamped") {
    const jaryo::testing::TempDir dir;
    for (int note = 0; note < 12; ++note) {
        dir.write("notes/" + std::to_string(note) + ".md", "note " + std::to_string(note));
    }
    const fs::path db = dir.path() / "db";
    Told told;
    jaryo::IndexRunOptions sharded = options_for({dir.path() / "notes"});
    sharded.shards = 3;
    const jaryo::IndexRunResult built = jaryo::index_folders(db, sharded, told);
    CHECK(built.shards == 3);
    CHECK(built.stats.indexed == 12);

    const std::vector<fs::path> shards =
        jaryo::open_sharded(db, std::nullopt, jaryo::Analyzer::identity());
    for (const fs::path& shard : shards) {
        mark_built_by_old_analyzer(shard);
    }
    const jaryo::IndexRunResult again = jaryo::index_folders(db, options_for({}), told);
    CHECK(again.shards == 3); // found by itself
    CHECK(again.stats.indexed == 12);
    CHECK(told.reindexing == 1);
    for (const fs::path& shard : shards) {
        CHECK(analyzer_of(shard) == jaryo::Analyzer::identity());
    }
}

TEST_CASE("index run: a database another indexer holds fails, or is waited for") {
    const jaryo::testing::TempDir dir;
    dir.write("notes/a.md", "alpha");
    const fs::path db = dir.path() / "db";
    Told told;
    jaryo::index_folders(db, options_for({dir.path() / "notes"}), told);

    std::optional<jaryo::WritableIndex> holder =
        jaryo::open_for_update(db, jaryo::Analyzer::identity());
    CHECK_THROWS_AS(jaryo::index_folders(db, options_for({}), told), jaryo::DatabaseLocked);
    CHECK(told.waits.empty());

    std::thread release([&holder] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        holder->database.close();
    });
    jaryo::IndexRunOptions waiting = options_for({});
    waiting.wait = true;
    const jaryo::IndexRunResult waited = jaryo::index_folders(db, waiting, told);
    release.join();
    CHECK(waited.stats.unchanged == 1);
    REQUIRE(told.waits.size() == 1);
    CHECK(told.waits[0].find("being updated by another jaryo-index") != std::string::npos);
}
