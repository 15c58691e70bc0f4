// Sharded indexing, several databases in one search, and remote shards served by xapian-tcpsrv.
#include "../support/string_vectors.hpp"
#include "../support/topic_notes.hpp"
#include "../support/workspace.hpp"

#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <map>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <spawn.h>
#include <stdexcept>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using jaryo::testing::one_line;
using jaryo::testing::Run;
using jaryo::testing::Workspace;
using jaryo::testing::write_topic_notes;

std::vector<nlohmann::json> hits_of(const Run& run) {
    std::vector<nlohmann::json> hits;
    for (const std::string& line : run.lines()) {
        hits.push_back(nlohmann::json::parse(line));
    }
    return hits;
}

// "score path" of each hit, in order: what "the same ranking" compares. Scores to 1e-9: Xapian
// sums a note's weights in another order when its shard lacks some query terms.
std::vector<std::string> ranking(const Run& run) {
    std::vector<std::string> out;
    for (const nlohmann::json& hit : hits_of(run)) {
        out.push_back(
            fmt::format("{:.9f} {}", hit["score"].get<double>(), hit["path"].get<std::string>()));
    }
    return out;
}

int free_port() {
    const int probe = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (::bind(probe, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
        ::getsockname(probe, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
        ::close(probe);
        throw std::runtime_error("no free port on 127.0.0.1");
    }
    ::close(probe);
    return ntohs(address.sin_port);
}

bool accepts_connections(int port) {
    const int client = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool connected =
        ::connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(client);
    return connected;
}

// xapian-tcpsrv serving one database on 127.0.0.1, stopped by its pid.
class TcpServer {
  public:
    explicit TcpServer(const fs::path& database) : port_(free_port()) {
        const std::string port = std::to_string(port_);
        std::vector<std::string> args = {XAPIAN_TCPSRV, "--quiet", "--interface",    "127.0.0.1",
                                         "--port",      port,      database.string()};
        std::vector<char*> argv;
        for (std::string& arg : args) {
            argv.push_back(arg.data());
        }
        argv.push_back(nullptr);
        // A group of its own: on SIGTERM the server signals its whole group (its forked
        // connections), which must not include this test.
        posix_spawnattr_t attributes;
        ::posix_spawnattr_init(&attributes);
        ::posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
        ::posix_spawnattr_setpgroup(&attributes, 0);
        // Its messages (a client hanging up) would only clutter the test log.
        posix_spawn_file_actions_t quiet;
        ::posix_spawn_file_actions_init(&quiet);
        ::posix_spawn_file_actions_addopen(&quiet, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        ::posix_spawn_file_actions_addopen(&quiet, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
        const int failed =
            ::posix_spawn(&pid_, XAPIAN_TCPSRV, &quiet, &attributes, argv.data(), environ);
        ::posix_spawn_file_actions_destroy(&quiet);
        ::posix_spawnattr_destroy(&attributes);
        if (failed != 0) {
            throw std::runtime_error("cannot start " XAPIAN_TCPSRV);
        }
        for (int attempt = 0; attempt < 200 && !accepts_connections(port_); ++attempt) {
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
    }
    ~TcpServer() { stop(); }
    TcpServer(const TcpServer&) = delete;
    TcpServer& operator=(const TcpServer&) = delete;

    void stop() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            ::waitpid(pid_, nullptr, 0);
            pid_ = -1;
        }
    }
    int port() const { return port_; }

  private:
    int port_;
    pid_t pid_ = -1;
};

// The shard holding the most notes: which notes a shard gets depends on their paths, which
// depend on the temporary folder, so a fixed shard could hold none of the notes a query finds.
std::size_t fullest_shard(const Workspace& w, std::size_t shards) {
    std::size_t fullest = 0;
    int most = -1;
    for (std::size_t shard = 0; shard < shards; ++shard) {
        const fs::path path = w.db / fmt::format("shard-{}", shard);
        const int notes = std::stoi(
            w.run({JARYO_SEARCH_BINARY, "--db", path.string(), "--count", "--since", "1900"}).out);
        if (notes > most) {
            most = notes;
            fullest = shard;
        }
    }
    return fullest;
}

// Every note, as JSON hits.
// Every note, through programs the stubs may list too.
std::vector<nlohmann::json> every_note(const Workspace& w, const std::string& database) {
    return hits_of(w.run({JARYO_SEARCH_BINARY, "--db", database, "--allow-exec", "--json", "-n",
                          "0", "--since", "1900"}));
}

} // namespace

TEST_CASE("cli: --shards splits notes by path, keeps them there, and ranks as one database") {
    Workspace w;
    write_topic_notes(w.dir);
    const fs::path single = w.dir.path() / "single";
    REQUIRE(w.run({JARYO_INDEX_BINARY, "--db", single.string(), w.notes.string()}).status == 0);
    const Run built = w.index({"--shards", "3", w.notes.string()});
    CHECK(built.status == 0);
    CHECK(built.err.find("12 indexed") != std::string::npos);
    CHECK(built.err.find("3 shards") != std::string::npos);
    CHECK(fs::exists(w.db / "XAPIANDB"));
    CHECK(fs::is_directory(w.db / "shard-2"));

    std::map<std::string, std::string> shard_of;
    for (const nlohmann::json& hit : hits_of(w.search({"--json", "-n", "0", "--since", "1900"}))) {
        CHECK(hit["db"] == w.db.string());
        shard_of[hit["path"]] = hit["shard"];
    }
    CHECK(shard_of.size() == 12);
    for (const char* query : {"모델", "언어 모델", "bert 압축", "\"prefix lm\"", "#lm 평가"}) {
        CAPTURE(std::string(query));
        const Run one = w.run({JARYO_SEARCH_BINARY, "--db", single.string(), "--json", query});
        CHECK(!ranking(one).empty());
        CHECK(ranking(w.search({"--json", query})) == ranking(one));
    }

    // A re-run finds the shards itself; new notes go to their shard, old ones stay put.
    w.note("12.md", "# 노트 12\n\n새 모델 노트");
    const Run again = w.index();
    CHECK(again.status == 0);
    CHECK(again.err.find("1 indexed, 12 unchanged") != std::string::npos);
    std::size_t kept = 0;
    for (const nlohmann::json& hit : hits_of(w.search({"--json", "-n", "0", "--since", "1900"}))) {
        kept += shard_of.count(hit["path"]) == 1 && shard_of[hit["path"]] == hit["shard"];
    }
    CHECK(kept == 12);
    CHECK(w.search({"--list", "roots"}).out == w.notes.string() + "\n");

    const Run reshard = w.index({"--shards", "2"});
    CHECK(reshard.status == 2);
    CHECK(one_line(reshard.err));
    CHECK(reshard.err.find("has 3 shards, not 2") != std::string::npos);
}

TEST_CASE("cli: several --db are searched as one, and each hit names its database") {
    Workspace w;
    w.note("mine.md", "# 내 노트\n\nspeculative decoding 정리");
    w.dir.write("theirs/theirs.md", "# 동료 노트\n\nspeculative decoding 실험");
    const fs::path theirs = w.dir.path() / "theirs-db";
    REQUIRE(w.index({w.notes.string()}).status == 0);
    REQUIRE(w.run({JARYO_INDEX_BINARY, "--db", theirs.string(), (w.dir.path() / "theirs").string()})
                .status == 0);
    const Run both = w.run({JARYO_SEARCH_BINARY, "--db", w.db.string(), "--db", theirs.string(),
                            "--json", "speculative", "decoding"});
    CHECK(both.status == 0);
    std::map<std::string, std::string> database_of;
    for (const nlohmann::json& hit : hits_of(both)) {
        database_of[fs::path(hit["path"].get<std::string>()).filename()] = hit["db"];
    }
    CHECK(database_of == std::map<std::string, std::string>{{"mine.md", w.db.string()},
                                                            {"theirs.md", theirs.string()}});
    const Run text =
        w.run({JARYO_SEARCH_BINARY, "--db", w.db.string(), "--db", theirs.string(), "speculative"});
    CHECK(text.out.find("  in " + theirs.string() + "\n") != std::string::npos);

    w.dir.write("bad.stub", "auto ok\nmysql localhost\n");
    const Run bad =
        w.run({JARYO_SEARCH_BINARY, "--db", (w.dir.path() / "bad.stub").string(), "speculative"});
    CHECK(bad.status == 2);
    CHECK(one_line(bad.err));
    CHECK(bad.err.find("bad.stub line 2") != std::string::npos);
}

TEST_CASE("cli: a shard reached through xapian-progsrv ranks as it does locally") {
    Workspace w;
    write_topic_notes(w.dir);
    REQUIRE(w.index({"--shards", "2", w.notes.string()}).status == 0);
    const std::size_t piped_shard = fullest_shard(w, 2);
    // What `remote :ssh HOST xapian-progsrv PATH` runs on the host, without ssh.
    w.dir.write("piped.stub",
                fmt::format("auto {}\nremote :{} {}\n",
                            (w.db / fmt::format("shard-{}", 1 - piped_shard)).string(),
                            XAPIAN_PROGSRV,
                            (w.db / fmt::format("shard-{}", piped_shard)).string()));
    const std::string piped = (w.dir.path() / "piped.stub").string();
    for (const char* query : {"모델", "언어 모델", "#lm 평가"}) {
        CAPTURE(std::string(query));
        const Run local = w.search({"--json", query});
        const Run remote =
            w.run({JARYO_SEARCH_BINARY, "--db", piped, "--allow-exec", "--json", query});
        CHECK(remote.status == 0);
        CHECK(ranking(remote) == ranking(local));
    }
    std::size_t through_pipe = 0;
    for (const nlohmann::json& hit : every_note(w, piped)) {
        through_pipe += hit["shard"].get<std::string>().starts_with(":");
    }
    CHECK(through_pipe >= 6); // the fuller of two shards of 12 notes
}

TEST_CASE("cli: local and remote shards rank as one database, and a shard that is down is named") {
    Workspace w;
    write_topic_notes(w.dir);
    const fs::path single = w.dir.path() / "single";
    REQUIRE(w.run({JARYO_INDEX_BINARY, "--db", single.string(), w.notes.string()}).status == 0);
    REQUIRE(w.index({"--shards", "3", w.notes.string()}).status == 0);
    const std::size_t served = fullest_shard(w, 3);
    TcpServer server(w.db / fmt::format("shard-{}", served));
    const std::string remote = fmt::format("127.0.0.1:{}", server.port());
    std::string lines;
    for (std::size_t shard = 0; shard < 3; ++shard) {
        lines += shard == served
                     ? "remote " + remote + "\n"
                     : fmt::format("auto {}\n", (w.db / fmt::format("shard-{}", shard)).string());
    }
    const fs::path stub = w.dir.write("team.stub", lines);
    const auto search = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {JARYO_SEARCH_BINARY, "--db", stub.string()});
        return w.run(args);
    };

    for (const char* query : {"모델", "언어 모델", "bert 압축", "\"prefix lm\"", "#lm 평가"}) {
        CAPTURE(std::string(query));
        const Run one = w.run({JARYO_SEARCH_BINARY, "--db", single.string(), "--json", query});
        const Run mixed = search({"--json", query});
        CHECK(mixed.status == 0);
        CHECK(ranking(mixed) == ranking(one));
    }
    // Titles, dates and snippet text come through the remote protocol too.
    std::size_t remote_hits = 0;
    for (const nlohmann::json& hit : every_note(w, stub.string())) {
        if (hit["shard"] == remote) {
            ++remote_hits;
            CHECK(!hit["title"].get<std::string>().empty());
            CHECK(!hit["snippet"].get<std::string>().empty());
            CHECK(!hit["date"].get<std::string>().empty());
        }
    }
    CHECK(remote_hits >= 4); // the fullest of three shards of 12 notes
    CHECK(search({"--count", "모델"}).out ==
          w.run({JARYO_SEARCH_BINARY, "--db", single.string(), "--count", "모델"}).out);
    CHECK(search({"--facets", "tag", "모델"}).out ==
          w.run({JARYO_SEARCH_BINARY, "--db", single.string(), "--facets", "tag", "모델"}).out);

    server.stop();
    const Run down = search({"모델"});
    CHECK(down.status == 2);
    CHECK(one_line(down.err));
    CHECK(down.err.find("remote shard " + remote) != std::string::npos);
    CHECK(down.err.find("--allow-partial") != std::string::npos);
    // Every note the other shards hold, and none of the remote one's.
    const Run partial = search({"--allow-partial", "--json", "-n", "0", "--since", "1900"});
    CHECK(partial.status == 0);
    CHECK(one_line(partial.err));
    CHECK(partial.err.find("warning: left out: cannot reach remote shard " + remote) !=
          std::string::npos);
    CHECK(hits_of(partial).size() == 12 - remote_hits);
    for (const nlohmann::json& hit : hits_of(partial)) {
        CHECK(hit["shard"] != remote);
    }
}
