// A disk that fills up while jaryo-index writes: one line saying so and what was kept, a
// database that still answers, and a second run that finishes once there is room. Needs a
// tmpfs of its own (root, as CI runs); skipped with a message elsewhere.
#include "../support/workspace.hpp"

#include <cstdio>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <regex>

namespace {

using jaryo::testing::one_line;
using jaryo::testing::quote;
using jaryo::testing::Run;
using jaryo::testing::Workspace;

// A small file system mounted on `folder` for the life of this object.
class Tmpfs {
  public:
    Tmpfs(const std::filesystem::path& folder, const std::string& size) : folder_(folder) {
        std::filesystem::create_directories(folder_);
        mounted_ = std::system(fmt::format("mount -t tmpfs -o size={} tmpfs {} 2>/dev/null", size,
                                           quote(folder_.string()))
                                   .c_str()) == 0;
    }
    ~Tmpfs() {
        if (mounted_) {
            std::system(fmt::format("umount -l {}", quote(folder_.string())).c_str());
        }
    }
    Tmpfs(const Tmpfs&) = delete;
    Tmpfs& operator=(const Tmpfs&) = delete;

    bool mounted() const { return mounted_; }
    bool resize(const std::string& size) const {
        return std::system(fmt::format("mount -o remount,size={} {}", size, quote(folder_.string()))
                               .c_str()) == 0;
    }

  private:
    std::filesystem::path folder_;
    bool mounted_ = false;
};

bool can_mount_tmpfs() {
    const jaryo::testing::TempDir probe;
    const bool mounted = Tmpfs(probe.path() / "disk", "1m").mounted();
    if (!mounted) {
        std::fprintf(stderr, "disk_full_test: skipped: cannot mount a tmpfs here (needs root)\n");
    }
    return mounted;
}

constexpr int notes = 1200;

// Notes whose words are mostly their own, so that the index outgrows a small disk quickly.
void write_notes(const Workspace& w) {
    for (int note = 0; note < notes; ++note) {
        std::string text = fmt::format("# note {}\n\n모델 학습 ", note);
        for (int word = 0; word < 150; ++word) {
            text += fmt::format("w{}x{} ", note, word);
        }
        w.note(fmt::format("{}/{}.md", note % 10, note), text);
    }
}

std::string count_all(const Workspace& w, const std::filesystem::path& db) {
    return w.run({JARYO_SEARCH_BINARY, "--db", db.string(), "--count", "--since", "1900"}).out;
}

} // namespace

TEST_CASE("robustness: a full disk is named with what was kept, and the next run finishes" *
          doctest::skip(!can_mount_tmpfs())) {
    Workspace w;
    write_notes(w);
    // A new database built in bulk (two threads), and one written note by note.
    for (const std::string threads : {"2", "0"}) {
        CAPTURE(threads);
        const Tmpfs disk(w.dir.path() / ("disk-" + threads), "2m");
        REQUIRE(disk.mounted());
        const std::filesystem::path db = w.dir.path() / ("disk-" + threads) / "db";
        const std::vector<std::string> command = {
            JARYO_INDEX_BINARY, "-j", threads, "--db", db.string(), w.notes.string()};
        const Run full = w.run(command);
        CHECK(full.status == 2);
        CHECK(one_line(full.err));
        CHECK(full.err.find("no space left on device writing " + db.string()) != std::string::npos);
        std::smatch kept;
        REQUIRE(
            std::regex_search(full.err, kept, std::regex(R"(keeps its last commit \((\d+) note)")));
        CHECK(full.err.find("run the same jaryo-index command again") != std::string::npos);
        // What was kept answers searches.
        CHECK(count_all(w, db) == kept[1].str() + "\n");

        REQUIRE(disk.resize("256m"));
        const Run again = w.run(command);
        CHECK(again.status == 0);
        CHECK(count_all(w, db) == fmt::format("{}\n", notes));
    }
}
