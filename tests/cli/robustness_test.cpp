// Hostile files, killed and concurrent indexers, damaged databases and odd queries, through the
// real binaries.
#include "../support/workspace.hpp"

#include <chrono>
#include <csignal>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <xapian.h>

namespace {

using jaryo::testing::one_line;
using jaryo::testing::Run;
using jaryo::testing::Workspace;

// Starts a binary with its output thrown away; returns its pid.
pid_t spawn(const std::vector<std::string>& args) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int null = ::open("/dev/null", O_RDWR);
        ::dup2(null, STDIN_FILENO);
        ::dup2(null, STDOUT_FILENO);
        ::dup2(null, STDERR_FILENO);
        std::vector<char*> argv;
        for (const std::string& arg : args) {
            argv.push_back(const_cast<char*>(arg.c_str()));
        }
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

int wait_for(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

void write_many_notes(const Workspace& w, int count) {
    for (int i = 0; i < count; ++i) {
        w.note("bulk/" + std::to_string(i % 20) + "/note" + std::to_string(i) + ".md",
               "# 노트 " + std::to_string(i) + "\n\n모델을 학습시키는 prefix lm 이야기 " +
                   std::to_string(i) + " #bulk\n");
    }
}

std::string count_of(const Workspace& w, const std::string& query) {
    return w.search({"--count", query}).out;
}

} // namespace

TEST_CASE("robustness: kill -9 during indexing leaves a database that answers, and a re-run "
          "completes it") {
    Workspace w;
    constexpr int notes = 3000;
    write_many_notes(w, notes);
    // One database, and one sharded into three (each shard its own database).
    for (const std::string shards : {"", "3"}) {
        for (const int delay_ms : {5, 15, 40, 150, 400}) {
            CAPTURE(shards);
            CAPTURE(delay_ms);
            std::filesystem::remove_all(w.db);
            std::vector<std::string> layout = {"-q", w.notes.string()};
            if (!shards.empty()) {
                layout.insert(layout.end(), {"--shards", shards});
            }
            std::vector<std::string> first = {JARYO_INDEX_BINARY, "--db", w.db.string()};
            first.insert(first.end(), layout.begin(), layout.end());
            const pid_t indexer = spawn(first);
            std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
            ::kill(indexer, SIGKILL);
            wait_for(indexer);
            if (std::filesystem::exists(w.db)) {
                const Run after_kill = w.search({"--count", "#bulk"});
                CHECK(after_kill.status != 2);
                CHECK(after_kill.err.empty());
            }
            const Run rerun = w.index(layout);
            CHECK(rerun.status == 0);
            CHECK(count_of(w, "#bulk") == std::to_string(notes) + "\n");
            CHECK(std::filesystem::exists(w.db / "XAPIANDB") == !shards.empty());
        }
    }
}

TEST_CASE(
    "robustness: searches run while the indexer writes, and a second indexer exits 2 or waits") {
    Workspace w;
    write_many_notes(w, 2500);
    REQUIRE(w.index({"-q", (w.notes / "bulk/0").string()}).status == 0);
    // --wait: on a loaded machine the first indexer below may take the lock before this one.
    const pid_t indexer =
        spawn({JARYO_INDEX_BINARY, "--db", w.db.string(), "-q", "--wait", w.notes.string()});
    bool saw_lock = false;
    for (int i = 0; i < 200 && !saw_lock; ++i) {
        const Run search = w.search({"--count", "#bulk"});
        CHECK(search.status == 0); // the last commit, whatever the writer is doing
        const Run second = w.index({"-q", (w.notes / "bulk/1").string()});
        if (second.status == 2) {
            saw_lock = true;
            CHECK(one_line(second.err));
            CHECK(second.err.find("being updated by another jaryo-index (pid " +
                                  std::to_string(indexer) + ")") != std::string::npos);
            CHECK(second.err.find("--wait") != std::string::npos);
        }
    }
    CHECK(saw_lock);
    const Run waited = w.index({"-q", "--wait", (w.notes / "bulk/1").string()});
    CHECK(waited.status == 0);
    CHECK(wait_for(indexer) == 0);
    CHECK(count_of(w, "#bulk") == "2500\n");
}

TEST_CASE("robustness: hostile files are indexed, repaired or skipped with a reason") {
    Workspace w;
    w.note("bom.md", "\xEF\xBB\xBF보름달 bom");
    w.note("utf16.txt",
           std::string("\xFF\xFE\x74\x00\x31\x00\x36\x00\x20\x00\x38\xBB\x1C\xC1", 14));
    w.note("invalid.md", "valid words \xC3\x28 broken \xFF tail");
    w.note("nfd.md", "\xE1\x84\x86\xE1\x85\xA9\xE1\x84\x83\xE1\x85\xA6\xE1\x86\xAF을 쓴다"); // 모델
    w.note("crlf.md", "# CRLF title\r\n\r\nline one\r\nline two carriage\r\n");
    w.note("zero-width.md", "zero\u200Bwidth and con\x01trol chars");
    w.note("empty.md", "");
    w.note("binary.md", std::string("PK\x03\x04\x00\x00\x00 zip", 12));
    w.note("huge-token.md", std::string(20000, 'x') + " after");
    w.note("we\"ird 'name'\nwith newline 한글.md", "oddly named");
    w.note("sub dir/space name.md", "spaced path");
    std::filesystem::create_symlink(w.notes / "loop", w.notes / "loop");
    std::filesystem::create_directories(w.notes / "dir");
    std::filesystem::create_directory_symlink(w.notes, w.notes / "dir" / "up");
    std::filesystem::create_symlink(w.notes / "missing.md", w.notes / "dangling.md");
    std::string big(3 << 20, 'a');
    for (std::size_t i = 100; i < big.size(); i += 100) {
        big[i] = ' ';
    }
    w.note("big.md", "needle " + big);

    const Run run = w.index({w.notes.string(), "--max-file-size", "1M"});
    CHECK(run.status == 1); // finished, one file skipped
    CHECK(run.err.find("skipped") != std::string::npos);
    CHECK(run.err.find("binary.md: binary") != std::string::npos);
    CHECK(run.err.find("invalid.md: invalid UTF-8") != std::string::npos);
    CHECK(run.err.find("big.md: larger than 1 MiB") != std::string::npos);

    CHECK(count_of(w, "보름달") == "1\n");
    CHECK(count_of(w, "모") == "0\n");
    CHECK(count_of(w, "+t16 +문서") == "1\n"); // UTF-16LE decoded
    CHECK(count_of(w, "broken") == "1\n");
    CHECK(count_of(w, "모델") == "1\n"); // NFD text meets an NFC query
    CHECK(count_of(w, "title:crlf") == "1\n");
    CHECK(count_of(w, "zerowidth") == "1\n");
    CHECK(count_of(w, "after") == "1\n");
    CHECK(count_of(w, "needle") == "1\n");
    CHECK(count_of(w, "path:empty.md") == "1\n");
    const Run odd = w.search({"--paths", "-0", "oddly"});
    CHECK(odd.out == (w.notes / "we\"ird 'name'\nwith newline 한글.md").string() + '\0');
    const Run json = w.search({"--json", "spaced"});
    REQUIRE(json.lines().size() == 1);
    CHECK(nlohmann::json::parse(json.lines()[0])["path"] ==
          (w.notes / "sub dir/space name.md").string());
}

TEST_CASE("robustness: unreadable files and folders are skipped, the rest indexed") {
    if (::geteuid() == 0) {
        // root reads everything (CI runs as root); a FIFO named like a note must not block.
        Workspace w;
        w.note("fine.md", "readable");
        REQUIRE(::mkfifo((w.notes / "fifo.md").c_str(), 0644) == 0);
        const Run run = w.index({w.notes.string()});
        CHECK(run.status == 0);
        CHECK(count_of(w, "readable") == "1\n");
    } else {
        Workspace w;
        w.note("fine.md", "readable");
        const auto secret = w.note("secret.md", "hidden");
        w.note("closed/inside.md", "inside");
        std::filesystem::permissions(secret, std::filesystem::perms::none);
        std::filesystem::permissions(w.notes / "closed", std::filesystem::perms::none);
        const Run run = w.index({w.notes.string()});
        std::filesystem::permissions(w.notes / "closed", std::filesystem::perms::owner_all);
        CHECK(run.status == 1);
        CHECK(run.err.find("secret.md: cannot open") != std::string::npos);
        CHECK(run.err.find("closed") != std::string::npos);
        CHECK(count_of(w, "readable") == "1\n");
    }
}

TEST_CASE("robustness: damaged, foreign and newer databases fail with a fix") {
    Workspace w;
    w.note("a.md", "alpha");
    REQUIRE(w.index({w.notes.string()}).status == 0);

    // Garble every table of a copy.
    const auto garbled = w.dir.path() / "garbled";
    std::filesystem::copy(w.db, garbled);
    for (const auto& entry : std::filesystem::directory_iterator(garbled)) {
        if (entry.path().extension() == ".glass") {
            std::ofstream(entry.path(), std::ios::binary | std::ios::in) << std::string(64, '\xAB');
        }
    }
    const Run damaged = w.run({JARYO_SEARCH_BINARY, "--db", garbled.string(), "alpha"});
    CHECK(damaged.status == 2);
    CHECK(one_line(damaged.err));
    CHECK(damaged.err.find("jaryo-index") != std::string::npos);

    const auto truncated = w.dir.path() / "truncated";
    std::filesystem::copy(w.db, truncated);
    for (const auto& entry : std::filesystem::directory_iterator(truncated)) {
        if (entry.path().extension() == ".glass") {
            std::filesystem::resize_file(entry.path(), 10);
        }
    }
    const Run cut = w.run({JARYO_SEARCH_BINARY, "--db", truncated.string(), "alpha"});
    CHECK(cut.status == 2);
    CHECK(one_line(cut.err));

    const auto newer = w.dir.path() / "newer";
    std::filesystem::copy(w.db, newer);
    {
        Xapian::WritableDatabase database(newer.string(), Xapian::DB_OPEN);
        database.set_metadata("jaryo.schema", "99");
        database.commit();
    }
    for (const char* binary : {JARYO_SEARCH_BINARY, JARYO_INDEX_BINARY}) {
        const Run run = w.run({binary, "--db", newer.string(), w.notes.string()});
        CHECK(run.status == 2);
        CHECK(one_line(run.err));
        CHECK(run.err.find("from a newer jaryo") != std::string::npos);
    }

    const auto not_db = w.dir.path() / "plain-folder";
    std::filesystem::create_directories(not_db);
    w.dir.write("plain-folder/notes.txt", "not a database");
    const Run plain = w.run({JARYO_SEARCH_BINARY, "--db", not_db.string(), "alpha"});
    CHECK(plain.status == 2);
    CHECK(one_line(plain.err));
    const Run plain_index = w.run({JARYO_INDEX_BINARY, "--db", not_db.string(), w.notes.string()});
    CHECK(plain_index.status == 2);
    CHECK(plain_index.err.find("not a database") != std::string::npos);
    CHECK(std::filesystem::exists(not_db / "notes.txt"));
}

TEST_CASE("robustness: a database left half-made is finished by the next jaryo-index") {
    Workspace w;
    w.note("a.md", "alpha");
    // What Xapian has written when an older jaryo-index, creating the database in place, is
    // killed before "iamglass" exists.
    for (const char* file : {"flintlock", "postlist.glass", "termlist.glass"}) {
        w.dir.write(w.db.filename() / file, "");
    }
    w.dir.write(w.db.filename() / "v.tmp", std::string(77, '\x01'));
    const Run before = w.search({"alpha"});
    CHECK(before.status == 2);
    CHECK(one_line(before.err));
    CHECK(before.err.find("half-made by an interrupted jaryo-index") != std::string::npos);

    // Work folders of killed indexers go; one whose process lives (this one) stays.
    auto beside = [&w](const std::string& suffix) {
        std::filesystem::path work = w.db;
        work += suffix;
        std::filesystem::create_directories(work / "shard-0");
        return work;
    };
    const auto dead = beside(".jaryo-new-999999999");
    const auto older = beside(".jaryo-new");
    const auto alive = beside(".jaryo-new-" + std::to_string(::getpid()));

    const Run index = w.index({"-q", w.notes.string()});
    CHECK(index.status == 0);
    CHECK(index.err.empty());
    CHECK(count_of(w, "alpha") == "1\n");
    CHECK_FALSE(std::filesystem::exists(dead));
    CHECK_FALSE(std::filesystem::exists(older));
    CHECK(std::filesystem::exists(alive));
}

TEST_CASE("robustness: hostile queries give results or one clear line, never a crash") {
    Workspace w;
    w.note("a.md", "# Prefix LM\n\nprefix lm이 좋다 (괄호) \"따옴표\"");
    REQUIRE(w.index({w.notes.string()}).status == 0);
    const std::string long_query(10000, 'a');
    std::string words;
    for (int i = 0; i < 1500; ++i) {
        words += "word" + std::to_string(i) + " ";
    }
    for (const std::string& query : {std::string("\"prefix lm"),
                                     std::string("((prefix)"),
                                     std::string("prefix))"),
                                     std::string("OR"),
                                     std::string("AND AND"),
                                     std::string("NOT"),
                                     std::string("- -"),
                                     std::string("+"),
                                     std::string("tag:"),
                                     std::string("title:"),
                                     std::string(":"),
                                     std::string("date:"),
                                     std::string("NEAR"),
                                     std::string("*"),
                                     std::string("모*"),
                                     std::string("이 가 을"),
                                     std::string("?!.,"),
                                     std::string("\x01\x02\x7f"),
                                     std::string("prefix\tlm\x0b"),
                                     std::string("\xFF\xFE broken"),
                                     long_query,
                                     words}) {
        CAPTURE(query.substr(0, 40));
        const Run run = w.search({"--", query});
        CHECK(run.status >= 0);
        CHECK(run.status <= 2);
        if (run.status == 2) {
            CHECK(one_line(run.err));
            CHECK(run.out.empty());
        } else {
            CHECK(run.err.empty());
        }
    }
}
