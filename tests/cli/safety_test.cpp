// What a notes folder or a database from someone else may not do: start a program, drive the
// terminal, or be readable by others when the notes are not.
#include "../support/raw_control.hpp"
#include "../support/topic_notes.hpp"
#include "../support/workspace.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

namespace {

namespace fs = std::filesystem;
using jaryo::testing::first_raw_control;
using jaryo::testing::one_line;
using jaryo::testing::quote;
using jaryo::testing::Run;
using jaryo::testing::Workspace;
using jaryo::testing::write_topic_notes;

mode_t mode_of(const fs::path& path) {
    struct stat info {};
    REQUIRE(::lstat(path.c_str(), &info) == 0);
    return info.st_mode & 07777;
}

// Every folder and file below `root` (and `root` itself) with a mode other than private.
std::vector<std::string> not_private(const fs::path& root) {
    std::vector<std::string> found;
    const auto check = [&](const fs::path& path) {
        const mode_t mode = mode_of(path);
        const mode_t wanted = fs::is_directory(path) ? 0700 : 0600;
        if (mode != wanted) {
            found.push_back(fmt::format("{:o} {}", mode, path.string()));
        }
    };
    check(root);
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        check(entry.path());
    }
    return found;
}

class Umask {
  public:
    explicit Umask(mode_t mask) : saved_(::umask(mask)) {}
    ~Umask() { ::umask(saved_); }
    Umask(const Umask&) = delete;
    Umask& operator=(const Umask&) = delete;

  private:
    mode_t saved_;
};

} // namespace

TEST_CASE("safety: a stub line that starts a program runs only with the user's consent") {
    Workspace w;
    write_topic_notes(w.dir);
    REQUIRE(w.index({"--shards", "2", w.notes.string()}).status == 0);
    const fs::path marker = w.dir.path() / "PWNED";
    const fs::path stub = w.db / "XAPIANDB";
    std::ofstream(stub, std::ios::app) << "remote :touch " << marker.string() << "\n";
    const int line = 6; // three comment lines and two shards come first
    REQUIRE(jaryo::testing::slurp(stub).find("remote :touch") != std::string::npos);
    const std::string refusal =
        fmt::format("{} line {} would start the program 'touch'; not started", stub.string(), line);

    SUBCASE("refused: --db, $JARYO_DB, a copy of the folder, a stub listing the folder") {
        fs::copy(w.db, w.dir.path() / "copy", fs::copy_options::recursive);
        w.dir.write("outer.stub", fmt::format("auto {}\n", w.db.string()));
        const std::vector<std::pair<std::string, Run>> runs = {
            {"--db", w.search({"모델"})},
            {"JARYO_DB", w.run({JARYO_SEARCH_BINARY, "모델"},
                               "env -u NO_COLOR JARYO_DB=" + quote(w.db.string()))},
            {"copy",
             w.run({JARYO_SEARCH_BINARY, "--db", (w.dir.path() / "copy").string(), "모델"})},
            {"nested",
             w.run({JARYO_SEARCH_BINARY, "--db", (w.dir.path() / "outer.stub").string(), "모델"})},
            {"partial", w.search({"--allow-partial", "--count", "모델"})},
            {"indexer", w.index({w.notes.string()})},
        };
        for (const auto& [how, run] : runs) {
            CAPTURE(how);
            CHECK(run.status == 2);
            CHECK(one_line(run.err));
            CHECK(run.err.find("line 6 would start the program 'touch'; not started") !=
                  std::string::npos);
            CHECK(run.err.find("--allow-exec") != std::string::npos);
            CHECK(run.out.empty());
        }
        CHECK(runs[0].second.err.find(refusal) != std::string::npos);
        CHECK(!fs::exists(marker));
    }
    SUBCASE("allowed for one invocation with --allow-exec") {
        const Run allowed = w.search({"--allow-exec", "모델"});
        CHECK(allowed.status == 2); // touch speaks no Xapian: the shard cannot be reached
        CHECK(allowed.err.find("cannot reach remote shard :touch") != std::string::npos);
        CHECK(fs::exists(marker));
        // jaryo-index never starts a stub's program, consent or not.
        fs::remove(marker);
        const Run indexer = w.index({"--allow-exec", w.notes.string()});
        CHECK(indexer.status == 2);
        CHECK(indexer.err.find("writes only local shards") != std::string::npos);
        CHECK(!fs::exists(marker));
    }
    SUBCASE("allowed by the user's own configuration, for the stubs it lists") {
        const std::string config_home = (w.dir.path() / "config").string();
        const std::string environment = "env -u JARYO_DB XDG_CONFIG_HOME=" + quote(config_home);
        const std::vector<std::string> search = {JARYO_SEARCH_BINARY, "--db", w.db.string(),
                                                 "모델"};
        w.dir.write("config/jaryo/config", "allow-exec = /somewhere/else/XAPIANDB\n");
        CHECK(w.run(search, environment).err.find(refusal) != std::string::npos);
        CHECK(!fs::exists(marker));
        w.dir.write("config/jaryo/config", fmt::format("allow-exec = {}\n", stub.string()));
        CHECK(w.run(search, environment).err.find("cannot reach remote shard :touch") !=
              std::string::npos);
        CHECK(fs::exists(marker));
        w.dir.write("config/jaryo/config", "allow-exec = relative/XAPIANDB\n");
        const Run broken = w.run(search, environment);
        CHECK(broken.status == 2);
        CHECK(broken.err.find("config line 1: allow-exec needs an absolute path") !=
              std::string::npos);
    }
}

TEST_CASE("safety: escape sequences in notes and file names never reach the terminal raw") {
    Workspace w;
    const std::string hostile = "\x1b]0;owned\x07\x1b]52;c;ZWNobyBoaQ==\x07\x1b[2J\x07"
                                "\xc2\x9b"
                                "31m\xe2\x80\xae";
    w.note("\x1b[2Jescape" + std::string("\xe2\x80\xae") + "dm.md",
           "# quokka " + hostile + " title\n\nquokka body " + hostile + " end #t" + hostile +
               "ag\n");
    w.note("plain.txt", "quokka " + hostile + " in a text dump\n");
    REQUIRE(w.index({w.notes.string()}).status == 0);

    for (const std::vector<std::string>& args : {std::vector<std::string>{"quokka"},
                                                 {"--color", "always", "quokka"},
                                                 {"--color", "always", "--explain", "quokka"},
                                                 {"--list", "tags"},
                                                 {"--list", "roots"},
                                                 {"--facets", "tag", "quokka"},
                                                 {"--json", "quokka"}}) {
        const std::string command = args.front() + " " + args.back();
        CAPTURE(command);
        const Run run = w.search(args);
        CHECK(run.status == 0);
        CHECK(!run.out.empty());
        CHECK(first_raw_control(run.out) == std::string::npos);
        CHECK(first_raw_control(run.err) == std::string::npos);
    }
    // Shown, escaped: the reader sees what the note holds.
    const Run text = w.search({"quokka"});
    CHECK(text.out.find("\\x1b[2Jescape\\u202edm.md") != std::string::npos);
    // JSON keeps the text, escaped as JSON.
    for (const std::string& line : w.search({"--json", "quokka"}).lines()) {
        const nlohmann::json hit = nlohmann::json::parse(line);
        const std::string path = hit["path"].get<std::string>();
        CHECK((path.ends_with("plain.txt") || path.find("\x1b[2Jescape") != std::string::npos));
    }
    // --paths into a pipe: the exact bytes, for xargs -0 and friends.
    const Run paths = w.search({"--paths", "-0", "quokka"});
    CHECK(paths.out.find((w.notes / ("\x1b[2Jescape\xe2\x80\xae"
                                     "dm.md"))
                             .string() +
                         '\0') != std::string::npos);
    // The indexer's warnings name files too.
    w.note("\x1b]0;bad\x07.md", std::string("binary\0file", 11));
    const Run indexed = w.index({w.notes.string()});
    CHECK(indexed.err.find("\\x1b]0;bad\\x07.md") != std::string::npos);
    CHECK(first_raw_control(indexed.err) == std::string::npos);
}

TEST_CASE("safety: new databases are private whatever the umask, existing ones left alone") {
    Workspace w;
    write_topic_notes(w.dir);
    const Umask usual(022);
    const fs::path single = w.dir.path() / "single";
    const fs::path nested = w.dir.path() / "data" / "jaryo" / "default";
    const fs::path sharded = w.dir.path() / "sharded";
    REQUIRE(
        w.run({JARYO_INDEX_BINARY, "--db", single.string(), "-j", "2", w.notes.string()}).status ==
        0);
    REQUIRE(
        w.run({JARYO_INDEX_BINARY, "--db", nested.string(), "-j", "0", w.notes.string()}).status ==
        0);
    REQUIRE(w.run({JARYO_INDEX_BINARY, "--db", sharded.string(), "--shards", "3", w.notes.string()})
                .status == 0);
    w.note("more.md", "# more\n\nquokka\n");
    const Run update = w.run({JARYO_INDEX_BINARY, "--db", single.string(), w.notes.string()});
    REQUIRE(update.status == 0);
    CHECK(update.err.find("warning") == std::string::npos);
    REQUIRE(w.run({JARYO_INDEX_BINARY, "--db", single.string(), "--rebuild"}).status == 0);
    for (const fs::path& database : {single, nested, sharded}) {
        CAPTURE(database);
        CHECK(not_private(database) == std::vector<std::string>{});
    }
    CHECK(mode_of(nested.parent_path()) == 0700);

    // Opened to others by its owner: kept as it is, with a warning on each update.
    fs::permissions(single, fs::perms(0755));
    const Run shared = w.run({JARYO_INDEX_BINARY, "--db", single.string()});
    CHECK(shared.status == 0);
    CHECK(shared.err.find(fmt::format("warning: {} can be read by other users", single.string())) !=
          std::string::npos);
    CHECK(shared.err.find("chmod -R go-rwx") != std::string::npos);
    CHECK(mode_of(single) == 0755);
}
