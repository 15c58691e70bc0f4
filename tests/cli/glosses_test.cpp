// Glosses mined from the notes, through the real binaries: what two notes gloss alike bridges
// the languages, is explained as such, and a user's veto removes it without rebuilding.
#include "../support/workspace.hpp"

#include <doctest/doctest.h>

namespace {

using jaryo::testing::quote;
using jaryo::testing::Run;
using jaryo::testing::Workspace;

} // namespace

TEST_CASE("glosses: two notes that gloss a term bridge it to notes in the other language") {
    Workspace w;
    w.note("a.md", "# 동물 1\n\n쿼카(quokka)는 웃는 동물이다. 왈라비(wallaby)도 있다.\n");
    w.note("b.md", "# 동물 2\n\n호주의 쿼카 (quokka) 사진.\n");
    w.note("c.md", "# Animals\n\nA quokka smiles at a wallaby.\n");
    REQUIRE(w.index({w.notes.string()}).status == 0);
    const std::string config =
        "env -u JARYO_DB XDG_CONFIG_HOME=" + quote((w.dir.path() / "config").string());
    const auto search = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {JARYO_SEARCH_BINARY, "--db", w.db.string()});
        return w.run(args, config);
    };
    CHECK(search({"--count", "쿼카"}).out == "3\n");
    CHECK(search({"--count", "quokka"}).out == "3\n"); // a.md and b.md write it too
    CHECK(search({"--explain", "quokka"}).out.find("glossed in your notes") != std::string::npos);
    // Glossed in one note only: not trusted.
    CHECK(search({"--count", "왈라비"}).out == "1\n");
    const Run explained = search({"--explain", "쿼카"});
    CHECK(explained.out.find("glossed in your notes of 쿼카") != std::string::npos);

    w.dir.write("config/jaryo/glossary.tsv", "# not the same animal to me\n!쿼카\tquokka\n");
    CHECK(search({"--count", "쿼카"}).out == "2\n");
    CHECK(search({"--explain", "quokka"}).out.find("glossed") == std::string::npos);
}
