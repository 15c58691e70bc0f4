// Opening databases: what is refused, and where the default one lives.
#include "jaryo/analyzer.hpp"
#include "jaryo/database.hpp"
#include "jaryo/errors.hpp"
#include "jaryo/schema.hpp"

#include "../../support/temp_dir.hpp"

#include <doctest/doctest.h>

TEST_CASE("database: missing, foreign and mismatched databases are refused with a fix") {
    jaryo::testing::TempDir dir;
    CHECK_THROWS_WITH_AS(jaryo::open_for_search(dir.path() / "none", jaryo::Analyzer::identity()),
                         doctest::Contains("jaryo-index"), jaryo::DatabaseError);

    { Xapian::WritableDatabase foreign((dir.path() / "foreign").string(), Xapian::DB_CREATE); }
    CHECK_THROWS_WITH_AS(
        jaryo::open_for_search(dir.path() / "foreign", jaryo::Analyzer::identity()),
        doctest::Contains("not a jaryo"), jaryo::DatabaseError);

    {
        jaryo::WritableIndex index =
            jaryo::open_for_update(dir.path() / "old", jaryo::Analyzer::identity());
        index.database.set_metadata(jaryo::schema::analyzer_key, "jaryo-analyzer/0 old");
        index.database.commit();
    }
    CHECK_THROWS_WITH_AS(jaryo::open_for_search(dir.path() / "old", jaryo::Analyzer::identity()),
                         doctest::Contains("re-index"), jaryo::DatabaseError);
    CHECK(jaryo::open_for_update(dir.path() / "old", jaryo::Analyzer::identity()).analyzer_changed);

    {
        jaryo::WritableIndex index =
            jaryo::open_for_update(dir.path() / "older-schema", jaryo::Analyzer::identity());
        index.database.set_metadata(jaryo::schema::version_key,
                                    std::to_string(jaryo::schema::version - 1));
        index.database.commit();
    }
    CHECK_THROWS_WITH_AS(
        jaryo::open_for_search(dir.path() / "older-schema", jaryo::Analyzer::identity()),
        doctest::Contains("older jaryo"), jaryo::DatabaseError);
    CHECK(jaryo::open_for_update(dir.path() / "older-schema", jaryo::Analyzer::identity())
              .analyzer_changed);

    jaryo::WritableIndex holder =
        jaryo::open_for_update(dir.path() / "locked", jaryo::Analyzer::identity());
    CHECK_THROWS_WITH_AS(jaryo::open_for_update(dir.path() / "locked", jaryo::Analyzer::identity()),
                         doctest::Contains("another jaryo-index"), jaryo::DatabaseError);
}

TEST_CASE("database: the default path follows --db, JARYO_DB, XDG_DATA_HOME, HOME") {
    ::setenv("JARYO_DB", "/from/env", 1);
    CHECK(jaryo::resolve_database_path(std::string("/from/flag")) == "/from/flag");
    CHECK(jaryo::resolve_database_path(std::nullopt) == "/from/env");
    ::unsetenv("JARYO_DB");
    ::setenv("XDG_DATA_HOME", "/xdg", 1);
    CHECK(jaryo::resolve_database_path(std::nullopt) == "/xdg/jaryo/default");
    ::unsetenv("XDG_DATA_HOME");
    ::setenv("HOME", "/home/u", 1);
    CHECK(jaryo::resolve_database_path(std::nullopt) == "/home/u/.local/share/jaryo/default");
}
