// Indexing through the library: what is read, skipped, updated and removed, and the terms a
// note becomes.
#include "../../support/indexing.hpp"
#include "../../support/string_vectors.hpp"
#include "../../support/temp_dir.hpp"
#include "jaryo/errors.hpp"
#include "jaryo/note_document.hpp"
#include "jaryo/schema.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <thread>

using jaryo::testing::index;
using jaryo::testing::Recorder;
using jaryo::testing::sorted;
using jaryo::testing::titles;
using jaryo::testing::touch_later;

TEST_CASE("index: files that vanish or change during the walk are skipped or read as they are") {
    jaryo::testing::TempDir dir;
    dir.write("notes/a.md", "alpha");
    const auto b = dir.write("notes/b.md", "beta");
    const auto c = dir.write("notes/c.md", "gamma");
    // Once a.md is done, b.md disappears and c.md is rewritten before the walk reaches them.
    class Meddler : public Recorder {
      public:
        Meddler(std::filesystem::path vanish, std::filesystem::path rewrite)
            : vanish_(std::move(vanish)), rewrite_(std::move(rewrite)) {}
        void file_done(const jaryo::IndexStats&, const std::filesystem::path& path) override {
            if (path.filename() == "a.md") {
                std::filesystem::remove(vanish_);
                std::ofstream(rewrite_) << "delta";
            }
        }

      private:
        std::filesystem::path vanish_;
        std::filesystem::path rewrite_;
    };
    Meddler meddler(b, c);
    jaryo::IndexOptions serial; // worker threads would have read b.md and c.md already
    serial.threads = 0;
    const jaryo::IndexStats stats =
        jaryo::update_index(jaryo::open_for_update(dir.path() / "db", jaryo::Analyzer::identity()),
                            {dir.path() / "notes"}, serial, meddler);
    CHECK(stats.indexed == 2);
    CHECK(stats.skipped == 1);
    REQUIRE(meddler.skips.size() == 1);
    CHECK(meddler.skips[0].find("b.md: ") == 0);
    CHECK(titles(dir.path() / "db", "delta") == std::vector<std::string>{"c"});
    CHECK(titles(dir.path() / "db", "gamma").empty());
}

// Each note's path, then its terms, in document id order.
std::vector<std::string> contents(const std::filesystem::path& db) {
    const Xapian::Database database(db.string());
    std::vector<std::string> out;
    for (auto id = database.postlist_begin(""); id != database.postlist_end(""); ++id) {
        const Xapian::Document document = database.get_document(*id);
        out.push_back(document.get_value(jaryo::schema::path_slot));
        out.insert(out.end(), document.termlist_begin(), document.termlist_end());
    }
    return out;
}

TEST_CASE("index: worker threads and shards give every note the terms one thread gives it") {
    jaryo::testing::TempDir dir;
    for (int i = 0; i < 60; ++i) {
        dir.write(fmt::format("notes/{}/{}.md", i % 3, i),
                  fmt::format("# 노트 {}\n\n모델을 학습시키는 방법 {} #tag{} and words {}", i,
                              i * 7, i % 5, std::string(static_cast<std::size_t>(i) * 40, 'x')));
    }
    dir.write("notes/1/binary.md", std::string("\0\1\2", 3));
    const auto build = [&](const std::string& name, unsigned threads) {
        Recorder recorder;
        jaryo::IndexOptions options;
        options.threads = threads;
        options.commit_every = 7;
        const jaryo::IndexStats stats = jaryo::update_index(
            jaryo::open_for_update(dir.path() / name, jaryo::Analyzer::identity()),
            {dir.path() / "notes"}, options, recorder);
        CHECK(stats.indexed == 60);
        CHECK(recorder.skips.size() == 1);
        return contents(dir.path() / name);
    };
    const std::vector<std::string> serial = build("serial", 0);
    REQUIRE(serial.size() > 60 * 5);
    // An empty database is built in shards: ids differ, each note's terms do not, and the same
    // folders give the same ids again.
    const std::vector<std::string> sharded = build("sharded", 3);
    CHECK(sharded != serial);
    CHECK(sorted(sharded) == sorted(serial));
    CHECK(build("sharded-again", 3) == sharded);
    // A database holding some notes is updated in walk order, analysed on worker threads.
    std::filesystem::copy_file(dir.path() / "notes/0/0.md", dir.path() / "first.md");
    {
        Recorder recorder;
        jaryo::update_index(
            jaryo::open_for_update(dir.path() / "pooled", jaryo::Analyzer::identity()),
            {dir.path() / "first.md"}, {}, recorder);
    }
    jaryo::IndexOptions pooled;
    pooled.threads = 3;
    Recorder recorder;
    jaryo::update_index(jaryo::open_for_update(dir.path() / "pooled", jaryo::Analyzer::identity()),
                        {dir.path() / "notes"}, pooled, recorder);
    const std::vector<std::string> updated = contents(dir.path() / "pooled");
    REQUIRE(updated.size() > serial.size());
    CHECK(std::vector<std::string>(updated.end() - static_cast<long>(serial.size()),
                                   updated.end()) == serial);
}

TEST_CASE("index: a bulk build of more notes than its queues hold indexes every one") {
    // A shard queues 4,096 paths: the walk outruns it, waits and goes on.
    jaryo::testing::TempDir dir;
    constexpr int notes = 4500;
    for (int i = 0; i < notes; ++i) {
        dir.write(fmt::format("notes/{}/{}.md", i % 10, i), fmt::format("노트 {} 모델", i));
    }
    Recorder recorder;
    jaryo::IndexOptions options;
    options.threads = 1;
    options.commit_every = 2; // a slow shard: the walk surely fills its queue
    const jaryo::IndexStats stats =
        jaryo::update_index(jaryo::open_for_update(dir.path() / "db", jaryo::Analyzer::identity()),
                            {dir.path() / "notes"}, options, recorder);
    CHECK(stats.indexed == notes);
    CHECK(Xapian::Database((dir.path() / "db").string()).get_doccount() == notes);
}

TEST_CASE("index: only changed files are re-read and vanished ones removed") {
    jaryo::testing::TempDir dir;
    const auto a = dir.write("notes/a.md", "alpha note");
    dir.write("notes/b.md", "beta note");
    dir.write("notes/c.md", "gamma note");
    Recorder recorder;
    CHECK(index(dir.path() / "db", dir.path() / "notes", recorder).indexed == 3);

    dir.write("notes/a.md", "alpha rewritten with delta");
    touch_later(a);
    std::filesystem::remove(dir.path() / "notes/c.md");
    const jaryo::IndexStats stats = index(dir.path() / "db", dir.path() / "notes", recorder);
    CHECK(stats.indexed == 1);
    CHECK(stats.unchanged == 1);
    CHECK(stats.removed == 1);
    CHECK(titles(dir.path() / "db", "delta") == std::vector<std::string>{"a"});
    CHECK(titles(dir.path() / "db", "gamma").empty());
    CHECK(titles(dir.path() / "db", "note") == std::vector<std::string>{"b"});
}

TEST_CASE("index: hidden folders, node_modules, symlinks and other extensions are not walked") {
    jaryo::testing::TempDir dir;
    dir.write("notes/keep.md", "visible");
    dir.write("notes/.git/x.md", "visible");
    dir.write("notes/node_modules/y.md", "visible");
    dir.write("notes/z.pdf", "visible");
    std::filesystem::create_directory_symlink(dir.path() / "notes", dir.path() / "notes/loop");
    Recorder recorder;
    CHECK(index(dir.path() / "db", dir.path() / "notes", recorder).indexed == 1);
    CHECK(titles(dir.path() / "db", "visible") == std::vector<std::string>{"keep"});
}

TEST_CASE("index: binary files are skipped, a missing root keeps its notes") {
    jaryo::testing::TempDir dir;
    dir.write("notes/ok.md", "fine text");
    dir.write("notes/bad.md", std::string("\x00\x01\x02 binary", 10));
    Recorder recorder;
    const jaryo::IndexStats stats = index(dir.path() / "db", dir.path() / "notes", recorder);
    CHECK(stats.indexed == 1);
    CHECK(stats.skipped == 1);
    REQUIRE(recorder.skips.size() == 1);
    CHECK(recorder.skips[0].find("binary") != std::string::npos);

    std::filesystem::rename(dir.path() / "notes", dir.path() / "moved");
    Recorder later;
    const jaryo::IndexStats again = index(dir.path() / "db", dir.path() / "notes", later);
    CHECK(again.removed == 0);
    REQUIRE(later.warnings.size() == 1);
    CHECK(later.warnings[0].find("missing") != std::string::npos);
    CHECK(titles(dir.path() / "db", "fine").size() == 1);
}

TEST_CASE("index: long paths get a bounded unique term") {
    const std::string long_path = "/" + std::string(400, 'p') + ".md";
    const std::string term = jaryo::schema::unique_term(long_path);
    CHECK(term.size() <= 240);
    CHECK(term != jaryo::schema::unique_term(long_path + "x"));
    CHECK(jaryo::schema::unique_term("/a.md") == "Q/a.md");
}

TEST_CASE("index: a document gives back the note it was built from") {
    jaryo::Note note;
    note.path = "/notes/따옴표 \"quoted\".md";
    note.title = "JSON 특수문자 \\ \"제목\"";
    // What JSON escapes, a NUL and a lone brace: the text follows the JSON as it is.
    note.body = std::string("첫 줄 {\"key\": 1}\n\t\\ back\x01slash \u2028 ") + '\0' + "} #태그 뒤";
    note.date = "2024-05-01";
    note.tags = {"front matter"};
    note.mtime_ns = 1'714'521'600'123'456'789;
    jaryo::Analyzer analyzer;
    const jaryo::schema::StoredNote stored =
        jaryo::schema::load(jaryo::build_document(note, analyzer));
    CHECK(stored.path == note.path.string());
    CHECK(stored.title == note.title);
    CHECK(stored.text == note.body);
    CHECK(stored.date == note.date);
    CHECK(stored.tags == std::vector<std::string>{"태그", "front_matter"});
    CHECK(stored.mtime_seconds == 1'714'521'600);
}
