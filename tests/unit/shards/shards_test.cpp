// Stub files, sharded indexing and searching several databases as one.
#include "jaryo/database.hpp"
#include "jaryo/errors.hpp"
#include "jaryo/indexer.hpp"
#include "jaryo/query_parser.hpp"
#include "jaryo/search_database.hpp"
#include "jaryo/searcher.hpp"
#include "jaryo/sharded_index.hpp"
#include "jaryo/stub.hpp"

#include "../../support/string_vectors.hpp"
#include "../../support/temp_dir.hpp"
#include "../../support/topic_notes.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fstream>
#include <map>

namespace {

namespace fs = std::filesystem;

class Quiet : public jaryo::IndexObserver {
  public:
    void file_done(const jaryo::IndexStats&, const fs::path&) override {}
    void skipped(const fs::path&, const std::string&) override {}
    void warning(const fs::path&, const std::string&) override {}
};

// "kind:describe" for each address: the compact rendering the table below compares.
std::string rendered(const std::vector<jaryo::DatabaseAddress>& addresses) {
    std::string out;
    for (const jaryo::DatabaseAddress& address : addresses) {
        const char* kind = address.kind == jaryo::DatabaseAddress::Kind::Local ? "local"
                           : address.kind == jaryo::DatabaseAddress::Kind::Tcp ? "tcp"
                                                                               : "program";
        out += fmt::format("{}{}:{}", out.empty() ? "" : " | ", kind, address.describe());
    }
    return out;
}

// "score path" per hit, in order: printable when a comparison fails.
std::vector<std::string> ranking(const jaryo::SearchDatabase& databases, std::string_view text) {
    jaryo::Analyzer analyzer;
    jaryo::Searcher searcher(databases, analyzer);
    std::vector<std::string> out;
    const jaryo::ParsedQuery query = jaryo::parse_query(text, analyzer, {&databases.database});
    for (const jaryo::Hit& hit : searcher.search(query, {})) {
        out.push_back(fmt::format("{:.9f} {}", hit.score, hit.note.path));
    }
    return out;
}

} // namespace

TEST_CASE("stub: each line kind, comments, and paths from the stub's folder") {
    const struct {
        std::string text;
        std::string expected;
    } cases[] = {
        {"auto shard-0\n", "local:/srv/db/shard-0"},
        {"glass /abs/path\n", "local:/abs/path"},
        {"# comment\n\n  auto  a b  \r\n", "local:/srv/db/a b"},
        {"remote 127.0.0.1:7000\n", "tcp:127.0.0.1:7000"},
        {"remote :xapian-progsrv /srv/notes\n", "program::xapian-progsrv /srv/notes"},
        {"remote :ssh lab xapian-progsrv /srv/notes", "program::ssh lab xapian-progsrv /srv/notes"},
        {"auto a\nremote host:1\n", "local:/srv/db/a | tcp:host:1"},
        {"", ""},
    };
    for (const auto& [text, expected] : cases) {
        CAPTURE(text);
        CHECK(rendered(jaryo::parse_stub(text, "/srv/db/XAPIANDB")) == expected);
    }
}

TEST_CASE("stub: lines jaryo cannot open name the stub and the line") {
    const struct {
        std::string text;
        std::string message;
    } cases[] = {
        {"auto a\nchert b\n", "/srv/stub line 2 is not a stub line"},
        {"remote host\n", "/srv/stub line 1: 'remote host' is neither HOST:PORT"},
        {"remote host:99999\n", "is neither HOST:PORT"},
        {"remote host:\n", "is neither HOST:PORT"},
        {"auto\n", "/srv/stub line 1: 'auto' names no database"},
        {"\x7f"
         "ELF\x01\x02",
         "line 1 is not a stub line"},
    };
    for (const auto& [text, message] : cases) {
        CAPTURE(text);
        CHECK_THROWS_WITH_AS(jaryo::parse_stub(text, "/srv/stub"),
                             doctest::Contains(message.c_str()), jaryo::DatabaseError);
    }
}

TEST_CASE("stub: stubs listing stubs are followed, and a loop ends in an error") {
    const jaryo::testing::TempDir dir;
    dir.write("team/XAPIANDB", "auto ../alice.stub\nremote bob:7000\n");
    dir.write("alice.stub", "auto alice-db\n");
    fs::create_directories(dir.path() / "alice-db");
    CHECK(rendered(jaryo::expand_database(dir.path() / "team", {})) ==
          fmt::format("local:{} | tcp:bob:7000", (dir.path() / "alice-db").string()));
    CHECK(rendered(jaryo::expand_database(dir.path() / "alice-db", {})) ==
          "local:" + (dir.path() / "alice-db").string());

    dir.write("loop.stub", "auto loop.stub\n");
    CHECK_THROWS_WITH_AS(jaryo::expand_database(dir.path() / "loop.stub", {}),
                         doctest::Contains("a loop?"), jaryo::DatabaseError);
}

TEST_CASE("stub: a line that starts a program needs the user's consent, nested or not") {
    const jaryo::testing::TempDir dir;
    fs::create_directories(dir.path() / "db");
    dir.write("db/XAPIANDB", "auto shard-0\n# appended by someone else:\nremote :touch /tmp/x\n");
    dir.write("outer.stub", "auto db\nremote 127.0.0.1:7000\n");
    const fs::path stub = dir.path() / "db" / "XAPIANDB";
    for (const fs::path& given : {dir.path() / "db", stub, dir.path() / "outer.stub"}) {
        CAPTURE(given);
        CHECK_THROWS_WITH_AS(
            jaryo::expand_database(given, {}),
            doctest::Contains(fmt::format("{} line 3 would start the program 'touch'; not "
                                          "started. If you trust this database, pass --allow-exec",
                                          stub.string())
                                  .c_str()),
            jaryo::ExecRefused);
        CHECK(rendered(jaryo::expand_database(given, {true, {}})).find("program::touch /tmp/x") !=
              std::string::npos);
    }
    // Listed in the user's configuration: by its own path, through dots, or through a link.
    fs::create_directory_symlink(dir.path() / "db", dir.path() / "linked");
    for (const fs::path& listed :
         {stub, dir.path() / "db" / ".." / "db" / "XAPIANDB", dir.path() / "linked" / "XAPIANDB"}) {
        CAPTURE(listed);
        CHECK_NOTHROW(jaryo::expand_database(dir.path() / "outer.stub", {false, {listed}}));
    }
    const jaryo::ExecConsent other{false, {dir.path() / "outer.stub"}};
    CHECK_THROWS_AS(jaryo::expand_database(dir.path() / "outer.stub", other), jaryo::ExecRefused);
    // TCP remotes start nothing and need no consent.
    dir.write("tcp.stub", "remote 127.0.0.1:7000\n");
    CHECK(rendered(jaryo::expand_database(dir.path() / "tcp.stub", {})) == "tcp:127.0.0.1:7000");
}

TEST_CASE("shards: a path always hashes to the same shard, and every shard gets notes") {
    std::map<std::size_t, int> notes_per_shard;
    for (int number = 0; number < 300; ++number) {
        const std::string path = fmt::format("/home/lab/notes/{}.md", number);
        const std::size_t shard = jaryo::shard_for(path, 4);
        CHECK(shard < 4);
        CHECK(jaryo::shard_for(path, 4) == shard);
        ++notes_per_shard[shard];
    }
    REQUIRE(notes_per_shard.size() == 4);
    for (const auto& [shard, notes] : notes_per_shard) {
        CAPTURE(shard);
        CHECK(notes > 40); // 75 expected; a hash that clusters would leave a shard short
    }
    const jaryo::ShardFilter all;
    CHECK(all.holds("/anything.md"));
    const jaryo::ShardFilter second{1, 4};
    CHECK(second.holds("/home/lab/notes/0.md") ==
          (jaryo::shard_for("/home/lab/notes/0.md", 4) == 1));
}

TEST_CASE("shards: a sharded database keeps its shard count and refuses other folders") {
    const jaryo::testing::TempDir dir;
    const std::vector<fs::path> created =
        jaryo::open_sharded(dir.path() / "db", 3, jaryo::Analyzer::identity());
    REQUIRE(created.size() == 3);
    CHECK(created[2] == dir.path() / "db" / "shard-2");
    CHECK(jaryo::is_sharded(dir.path() / "db"));
    CHECK(jaryo::open_sharded(dir.path() / "db", std::nullopt, jaryo::Analyzer::identity()) ==
          created);
    CHECK_THROWS_WITH_AS(jaryo::open_sharded(dir.path() / "db", 2, jaryo::Analyzer::identity()),
                         doctest::Contains("has 3 shards, not 2"), jaryo::DatabaseError);

    dir.write("plain/notes.txt", "not a database");
    CHECK_THROWS_WITH_AS(jaryo::open_sharded(dir.path() / "plain", 2, jaryo::Analyzer::identity()),
                         doctest::Contains("is not a sharded database"), jaryo::DatabaseError);

    dir.write("moved/XAPIANDB", "auto shard-0\nremote lab:7000\n");
    CHECK_THROWS_WITH_AS(
        jaryo::open_sharded(dir.path() / "moved", std::nullopt, jaryo::Analyzer::identity()),
        doctest::Contains("index that one on its host"), jaryo::DatabaseError);
}

TEST_CASE("shards: notes split across shards rank exactly as in one database") {
    const jaryo::testing::TempDir dir;
    jaryo::testing::write_topic_notes(dir);
    const fs::path notes = dir.path() / "notes";
    Quiet quiet;
    jaryo::update_index(jaryo::open_for_update(dir.path() / "single", jaryo::Analyzer::identity()),
                        {notes}, {}, quiet);
    const std::vector<fs::path> shards =
        jaryo::open_sharded(dir.path() / "sharded", 3, jaryo::Analyzer::identity());
    std::size_t indexed = 0;
    for (std::size_t shard = 0; shard < shards.size(); ++shard) {
        jaryo::IndexOptions options;
        options.shard = {shard, shards.size()};
        indexed +=
            jaryo::update_index(jaryo::open_for_update(shards[shard], jaryo::Analyzer::identity()),
                                {notes}, options, quiet)
                .indexed;
        for (auto value = Xapian::Database(shards[shard].string()).valuestream_begin(0);
             value != Xapian::ValueIterator(); ++value) {
            CHECK(jaryo::shard_for(*value, 3) == shard);
        }
    }
    CHECK(indexed == 12);

    const jaryo::SearchDatabase single =
        jaryo::open_search_database({dir.path() / "single"}, jaryo::Analyzer::identity());
    const jaryo::SearchDatabase sharded =
        jaryo::open_search_database({dir.path() / "sharded"}, jaryo::Analyzer::identity());
    REQUIRE(sharded.shards.size() == 3);
    CHECK(sharded.database.get_doccount() == 12);
    for (const char* query :
         {"모델", "언어 모델", "bert 압축", "\"prefix lm\"", "이미지 생성", "한국어 모델 성능"}) {
        CAPTURE(std::string(query));
        const auto expected = ranking(single, query);
        CHECK(!expected.empty());
        CHECK(ranking(sharded, query) == expected);
    }

    // Each hit names the shard it came from.
    jaryo::Analyzer analyzer;
    jaryo::Searcher searcher(sharded, analyzer);
    for (const jaryo::Hit& hit :
         searcher.search(jaryo::parse_query("모델", analyzer, {&sharded.database}), {})) {
        CHECK(hit.origin.database == (dir.path() / "sharded").string());
        const std::size_t shard = jaryo::shard_for(hit.note.path, 3);
        CHECK(hit.origin.shard == shards[shard].string());
    }
}

TEST_CASE("shards: equal notes rank by tie-order key, across the candidate cut and in shards") {
    // 400 notes score the same for every query below: more than rescoring's 300 candidates.
    const jaryo::testing::TempDir dir;
    std::vector<std::string> by_key;
    for (int note = 0; note < 400; ++note) {
        const fs::path file =
            dir.write(fmt::format("notes/{:03}.md", note), "# 회의록\n\n모델 학습 메모. #memo\n");
        by_key.push_back(file.string());
    }
    std::sort(by_key.begin(), by_key.end(), [](const std::string& a, const std::string& b) {
        return jaryo::schema::tie_order_key(a) < jaryo::schema::tie_order_key(b);
    });
    REQUIRE(by_key != [&] {
        std::vector<std::string> by_path = by_key;
        std::sort(by_path.begin(), by_path.end());
        return by_path;
    }()); // else ids (the walk goes by path) would pass for keys

    const fs::path notes = dir.path() / "notes";
    Quiet quiet;
    jaryo::update_index(jaryo::open_for_update(dir.path() / "single", jaryo::Analyzer::identity()),
                        {notes}, {}, quiet);
    const std::vector<fs::path> shards =
        jaryo::open_sharded(dir.path() / "sharded", 3, jaryo::Analyzer::identity());
    for (std::size_t shard = 0; shard < shards.size(); ++shard) {
        jaryo::IndexOptions options;
        options.shard = {shard, shards.size()};
        jaryo::update_index(jaryo::open_for_update(shards[shard], jaryo::Analyzer::identity()),
                            {notes}, options, quiet);
    }
    for (const fs::path& database : {dir.path() / "single", dir.path() / "sharded"}) {
        const jaryo::SearchDatabase databases =
            jaryo::open_search_database({database}, jaryo::Analyzer::identity());
        jaryo::Analyzer analyzer;
        jaryo::Searcher searcher(databases, analyzer);
        for (const char* text : {"모델", "모델 학습", "tag:memo"}) {
            for (const std::size_t offset : {std::size_t{0}, std::size_t{295}}) {
                CAPTURE(database.filename().string());
                CAPTURE(std::string(text));
                CAPTURE(offset);
                jaryo::SearchRequest request;
                request.offset = offset;
                request.snippets = false;
                std::vector<std::string> paths;
                for (const jaryo::Hit& hit : searcher.search(
                         jaryo::parse_query(text, analyzer, {&databases.database}), request)) {
                    paths.push_back(hit.note.path);
                }
                const auto from = by_key.begin() + static_cast<std::ptrdiff_t>(offset);
                CHECK(paths == std::vector<std::string>(from, from + 10));
            }
        }
    }
}

TEST_CASE("shards: a shard that cannot be opened fails the search, or is left out when allowed") {
    const jaryo::testing::TempDir dir;
    jaryo::testing::write_topic_notes(dir);
    Quiet quiet;
    jaryo::update_index(jaryo::open_for_update(dir.path() / "db", jaryo::Analyzer::identity()),
                        {dir.path() / "notes"}, {}, quiet);
    dir.write("team.stub", fmt::format("auto {}\nauto missing\n", (dir.path() / "db").string()));
    CHECK_THROWS_WITH_AS(
        jaryo::open_search_database({dir.path() / "team.stub"}, jaryo::Analyzer::identity()),
        doctest::Contains("--allow-partial"), jaryo::DatabaseError);
    std::vector<std::string> warnings;
    jaryo::SearchOpenOptions partial;
    partial.allow_partial = true;
    partial.warn = [&](const std::string& message) { warnings.push_back(message); };
    const jaryo::SearchDatabase rest = jaryo::open_search_database(
        {dir.path() / "team.stub"}, jaryo::Analyzer::identity(), partial);
    CHECK(rest.shards.size() == 1);
    CHECK(rest.database.get_doccount() == 12);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find((dir.path() / "missing").string()) != std::string::npos);

    dir.write("empty.stub", "# nothing yet\n");
    CHECK_THROWS_WITH_AS(
        jaryo::open_search_database({dir.path() / "empty.stub"}, jaryo::Analyzer::identity()),
        doctest::Contains("lists no databases"), jaryo::DatabaseError);
}
