// Runs the real jaryo-index and jaryo-search on temporary folders and databases.
#include "../support/workspace.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <vector>
#include <xapian.h>

namespace {

using jaryo::testing::one_line;
using jaryo::testing::quote;
using jaryo::testing::Run;
using jaryo::testing::Workspace;

void add_two_notes(const Workspace& w) {
    w.note("prefix.md",
           "# Prefix LM 정리\n\nprefix lm이 in-context learning에 대해 우수하다는 이야기.\n#lm");
    w.note("causal.md", "# Causal LM\n\ncausal lm은 다음 토큰을 예측하는 언어 모델이다.\n");
}

} // namespace

TEST_CASE("cli: jaryo-index reports a summary on stderr and nothing on stdout") {
    Workspace w;
    add_two_notes(w);
    const Run run = w.index({w.notes.string()});
    CHECK(run.status == 0);
    CHECK(run.out.empty());
    CHECK(run.err.find("2 indexed, 0 unchanged, 0 removed, 0 skipped") != std::string::npos);
    CHECK(run.err.find('\r') == std::string::npos); // no progress line when stderr is a file
}

TEST_CASE("cli: the indexer stores the analysed glossary, and Korean queries reach English notes") {
    Workspace w;
    w.note("a.md", "hallucination in large language models");
    REQUIRE(w.index({w.notes.string()}).status == 0);
    const Xapian::Database database(w.db.string());
    CHECK(database.get_metadata("jaryo.glossary").rfind("jaryo-glossary ", 0) == 0);
    CHECK(database.get_metadata("jaryo.glossary:환각").find("hallucination") != std::string::npos);
    CHECK(w.search({"--paths", "환각"}).lines().size() == 1);
}

TEST_CASE("cli: a --db path ending in a slash names the same database") {
    Workspace w;
    w.note("a.md", "trailing slash note");
    const std::string slashed = w.db.string() + "/";
    const Run first = w.run({JARYO_INDEX_BINARY, "--db", slashed, w.notes.string()});
    CHECK(first.status == 0);
    CHECK(first.err.find("error") == std::string::npos);
    w.note("b.md", "another trailing note");
    CHECK(w.run({JARYO_INDEX_BINARY, "--db", slashed, "--rebuild", w.notes.string()}).status == 0);
    CHECK(w.search({"--count", "trailing"}).out == "2\n");
    CHECK(!std::filesystem::exists(w.db / ".jaryo-build"));
}

TEST_CASE("cli: a --db symbolic link to a folder keeps the database in that folder") {
    Workspace w;
    w.note("a.md", "linked database note");
    const auto target = w.dir.path() / "elsewhere";
    std::filesystem::create_directories(target);
    std::filesystem::create_directory_symlink(target, w.db);
    CHECK(w.index({w.notes.string()}).status == 0);
    CHECK(w.index({"--rebuild", w.notes.string()}).status == 0);
    CHECK(std::filesystem::is_symlink(w.db));
    CHECK(std::filesystem::exists(target / "iamglass"));
    CHECK(w.search({"--count", "linked"}).out == "1\n");

    std::filesystem::remove(w.db);
    std::filesystem::create_directory_symlink(w.dir.path() / "nowhere", w.db);
    const Run dangling = w.index({w.notes.string()});
    CHECK(dangling.status == 2);
    CHECK(dangling.err.find("symbolic link to nothing") != std::string::npos);
}

TEST_CASE("cli: jaryo-search prints ranked notes with snippets, plain in a pipe") {
    Workspace w;
    add_two_notes(w);
    REQUIRE(w.index({w.notes.string()}).status == 0);
    const Run run = w.search({"prefix", "lm"});
    CHECK(run.status == 0);
    CHECK(run.err.empty());
    CHECK(run.out.find("Prefix LM 정리") == 0);
    CHECK(run.out.find((w.notes / "prefix.md").string()) != std::string::npos);
    CHECK(run.out.find("prefix lm이 in-context") != std::string::npos);
    CHECK(run.out.find('\x1b') == std::string::npos);
}

TEST_CASE("cli: --color always highlights matches, NO_COLOR and never do not") {
    Workspace w;
    add_two_notes(w);
    REQUIRE(w.index({w.notes.string()}).status == 0);
    CHECK(w.search({"--color", "always", "모델"}).out.find("\x1b[1;31m모델이다.\x1b[0m") ==
          std::string::npos);
    CHECK(w.search({"--color", "always", "모델"}).out.find("\x1b[1;31m모델이다\x1b[0m") !=
          std::string::npos);
    CHECK(w.search({"--color", "never", "모델"}).out.find('\x1b') == std::string::npos);
    const Run no_color =
        w.run({JARYO_SEARCH_BINARY, "--db", w.db.string(), "모델"}, "env NO_COLOR=1");
    CHECK(no_color.out.find('\x1b') == std::string::npos);
}

TEST_CASE("cli: --json emits one parseable object per hit") {
    Workspace w;
    add_two_notes(w);
    REQUIRE(w.index({w.notes.string()}).status == 0);
    const Run run = w.search({"--json", "lm"});
    CHECK(run.status == 0);
    const std::vector<std::string> lines = run.lines();
    REQUIRE(lines.size() == 2);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const nlohmann::json hit = nlohmann::json::parse(lines[i]);
        CHECK(hit["rank"] == i + 1);
        CHECK(std::filesystem::path(hit["path"].get<std::string>()).is_absolute());
        CHECK(hit["score"].get<double>() > 0);
        CHECK(hit["title"].is_string());
        CHECK(hit["mtime"].get<std::string>().size() == 20);
        const std::string snippet = hit["snippet"];
        REQUIRE(!hit["highlights"].empty());
        // The typed word, or an equivalent from the glossary (lm, language model, 언어 모델).
        for (const auto& range : hit["highlights"]) {
            const std::size_t start = range[0];
            const std::size_t end = range[1];
            REQUIRE(end > start);
            std::string matched = snippet.substr(start, end - start);
            std::transform(matched.begin(), matched.end(), matched.begin(), ::tolower);
            CAPTURE(matched);
            CHECK((matched.starts_with("lm") || matched.starts_with("언어") ||
                   matched.starts_with("모델")));
        }
    }
}

TEST_CASE("cli: --explain lists the terms each hit matched, in text and in JSON") {
    Workspace w;
    add_two_notes(w);
    REQUIRE(w.index({w.notes.string()}).status == 0);
    const Run text = w.search({"--explain", "모델은"});
    CHECK(text.status == 0);
    CHECK(text.out.find("matched terms") != std::string::npos);
    CHECK(text.out.find("모델 ×1  stem of 모델은") != std::string::npos);
    const Run json = w.search({"--json", "--explain", "prefix"});
    REQUIRE(json.lines().size() == 1);
    const nlohmann::json hit = nlohmann::json::parse(json.lines()[0]);
    REQUIRE(hit["explain"].is_array());
    std::vector<std::string> origins;
    for (const auto& match : hit["explain"]) {
        CHECK(match["typed"] == "prefix");
        CHECK(match["weight"].get<double>() > 0);
        origins.push_back(match["origin"]);
    }
    std::sort(origins.begin(), origins.end());
    // "prefix" is its own stem: the stem term is the exact form.
    CHECK(origins == std::vector<std::string>{"exact", "title"});
    CHECK(nlohmann::json::parse(w.search({"--json", "prefix"}).lines()[0]).count("explain") == 0);
    CHECK(w.search({"--explain", "--paths", "prefix"}).status == 2);
}

namespace {

void add_dated_notes(const Workspace& w) {
    w.note("230719 llama.md", "# Llama 2\n\nhttps://arxiv.org/abs/2307.09288\n\n#llm #alignment");
    w.note("2024-03-01-dpo.md", "---\ntitle: DPO\ntags: [alignment, rlhf]\n---\n보상 모델 없이 "
                                "[논문](https://arxiv.org/abs/2305.18290) 정렬하기.");
    w.note("sub/200101 old.md", "오래된 llm 메모 #llm");
}

std::vector<std::string> sorted_lines(const Run& run) {
    std::vector<std::string> lines = run.lines();
    std::sort(lines.begin(), lines.end());
    return lines;
}

} // namespace

TEST_CASE(
    "cli: --json carries date, tags and arxiv, and fields, dates and --sort narrow and order") {
    Workspace w;
    add_dated_notes(w);
    REQUIRE(w.index({w.notes.string()}).status == 0);
    const Run dpo = w.search({"--json", "tag:rlhf"});
    REQUIRE(dpo.lines().size() == 1);
    const nlohmann::json hit = nlohmann::json::parse(dpo.lines()[0]);
    CHECK(hit["title"] == "DPO");
    CHECK(hit["date"] == "2024-03-01");
    CHECK(hit["tags"] == nlohmann::json::array({"alignment", "rlhf"}));
    CHECK(hit["arxiv"] == nlohmann::json::array({"2305.18290"}));

    const auto names = [&](std::vector<std::string> args) {
        args.insert(args.begin(), "--paths");
        std::vector<std::string> out;
        for (const std::string& line : w.search(args).lines()) {
            out.push_back(std::filesystem::path(line).filename().string());
        }
        return out;
    };
    CHECK(names({"--sort", "-date", "tag:llm"}) ==
          std::vector<std::string>{"230719 llama.md", "200101 old.md"});
    CHECK(names({"--sort", "date", "--since", "2020-06", "llm"}) ==
          std::vector<std::string>{"230719 llama.md"});
    // Ranked, counted and faceted alike: the dates restrict every form of the query.
    CHECK(names({"--since", "2020-06", "llm"}) == std::vector<std::string>{"230719 llama.md"});
    CHECK(w.search({"--count", "llm"}).out == "2\n");
    CHECK(w.search({"--count", "--since", "2020-06", "llm"}).out == "1\n");
    CHECK(w.search({"--facets", "tag", "--since", "2020-06", "llm"}).out.find("1\t#llm") !=
          std::string::npos);
    CHECK(names({"--until", "2023", "--sort", "date"}) ==
          std::vector<std::string>{"200101 old.md", "230719 llama.md"});
    CHECK(names({"arxiv:2307.09288"}) == std::vector<std::string>{"230719 llama.md"});
    CHECK(names({"path:sub"}) == std::vector<std::string>{"200101 old.md"});
    const Run bad = w.search({"--since", "march", "llm"});
    CHECK(bad.status == 2);
    CHECK(one_line(bad.err));
    CHECK(bad.err.find("--since march: 'march' is not a date range") != std::string::npos);
}

TEST_CASE("cli: --facets, --list and --like") {
    Workspace w;
    add_dated_notes(w);
    REQUIRE(w.index({w.notes.string()}).status == 0);
    const Run facets = w.search({"--facets", "tag", "llm"});
    CHECK(facets.status == 0);
    CHECK(facets.lines() == std::vector<std::string>{"2\t#llm", "1\t#alignment"});
    const Run years = w.search({"--facets", "year", "--json", "#alignment"});
    CHECK(sorted_lines(years) ==
          std::vector<std::string>{R"({"notes":1,"year":"2023"})", R"({"notes":1,"year":"2024"})"});
    CHECK(w.search({"--list", "tags"}).lines() ==
          std::vector<std::string>{"2\t#alignment", "2\t#llm", "1\t#rlhf"});
    const Run roots = w.search({"--list", "roots"});
    REQUIRE(roots.lines().size() == 1);
    CHECK(std::filesystem::equivalent(roots.lines()[0], w.notes));

    const Run like = w.search({"--paths", "--like", (w.notes / "230719 llama.md").string()});
    CHECK(like.status == 0);
    REQUIRE(!like.lines().empty());
    CHECK(like.out.find("llama") == std::string::npos);
    CHECK(std::filesystem::path(like.lines()[0]).filename() == "200101 old.md");
    const Run both = w.search({"--like", (w.notes / "230719 llama.md").string(), "llm"});
    CHECK(both.status == 2);
    CHECK(one_line(both.err));
    const Run missing = w.search({"--like", (w.dir.path() / "nope.md").string()});
    CHECK(missing.status == 2);
    CHECK(missing.err.find("not in the database") != std::string::npos);
}

TEST_CASE("cli: --paths, -0, --count, --limit and --offset") {
    Workspace w;
    add_two_notes(w);
    REQUIRE(w.index({w.notes.string()}).status == 0);
    const Run paths = w.search({"--paths", "lm"});
    CHECK(paths.lines().size() == 2);
    CHECK(paths.out.find("Prefix") == std::string::npos);
    const Run nul = w.search({"--paths", "-0", "lm"});
    CHECK(std::count(nul.out.begin(), nul.out.end(), '\0') == 2);
    CHECK(nul.out.find('\n') == std::string::npos);
    const Run count = w.search({"--count", "lm"});
    CHECK(count.out == "2\n");
    CHECK(count.status == 0);
    CHECK(w.search({"--count", "absent"}).out == "0\n");
    CHECK(w.search({"--count", "absent"}).status == 1);
    CHECK(w.search({"--paths", "-n", "1", "lm"}).lines().size() == 1);
    const Run second = w.search({"--json", "--offset", "1", "lm"});
    REQUIRE(second.lines().size() == 1);
    CHECK(nlohmann::json::parse(second.lines()[0])["rank"] == 2);
}

TEST_CASE("cli: exit codes are 0 for hits, 1 for none, 2 for errors with one line on stderr") {
    Workspace w;
    add_two_notes(w);
    const Run missing = w.search({"lm"});
    CHECK(missing.status == 2);
    CHECK(missing.out.empty());
    CHECK(one_line(missing.err));
    CHECK(missing.err.find("jaryo-index") != std::string::npos);

    REQUIRE(w.index({w.notes.string()}).status == 0);
    const Run none = w.search({"nothing-like-this"});
    CHECK(none.status == 1);
    CHECK(none.out.empty());
    CHECK(none.err.empty());

    for (const char* bad : {"(unclosed", "close)", "?!"}) {
        CAPTURE(bad);
        const Run run = w.search({bad});
        CHECK(run.status == 2);
        CHECK(one_line(run.err));
    }
    const Run bad_option = w.search({"--limit", "x", "lm"});
    CHECK(bad_option.status == 2);
    CHECK(one_line(bad_option.err));
    const Run dash = w.search({"-causal", "lm"});
    CHECK(dash.status == 2);
    CHECK(one_line(dash.err));
    CHECK(dash.err.find("put -- before a query") != std::string::npos);
    CHECK(w.search({"--count", "--", "-causal", "lm"}).out == "1\n");
    CHECK(w.run({JARYO_INDEX_BINARY, "--db", w.db.string(), (w.dir.path() / "nope").string()})
              .status == 2);
}

TEST_CASE("cli: re-indexing picks up edits and deletions and nothing else") {
    Workspace w;
    add_two_notes(w);
    REQUIRE(w.index({w.notes.string()}).status == 0);
    const auto edited = w.note("prefix.md", "# Prefix LM 정리\n\n이제 encoder-decoder 이야기.\n");
    std::filesystem::last_write_time(edited, std::filesystem::last_write_time(edited) +
                                                 std::chrono::seconds(5));
    const Run again = w.index({w.notes.string()});
    CHECK(again.err.find("1 indexed, 1 unchanged, 0 removed") != std::string::npos);
    CHECK(w.search({"--count", "encoder"}).out == "1\n");
    CHECK(w.search({"--count", "in-context"}).out == "0\n");

    std::filesystem::remove(w.notes / "causal.md");
    CHECK(w.index({w.notes.string()}).err.find("0 indexed, 1 unchanged, 1 removed") !=
          std::string::npos);
    CHECK(w.search({"causal"}).status == 1);
}

TEST_CASE("cli: a bare jaryo-index updates the folders indexed before") {
    Workspace w;
    add_two_notes(w);
    REQUIRE(w.index({w.notes.string()}).status == 0);
    w.note("new.md", "새 노트: speculative decoding");
    const Run bare = w.index();
    CHECK(bare.status == 0);
    CHECK(bare.err.find("1 indexed, 2 unchanged") != std::string::npos);
    CHECK(w.search({"speculative"}).status == 0);

    Workspace empty;
    const Run nothing = empty.index();
    CHECK(nothing.status == 2);
    CHECK(nothing.err.find("no folders to index") != std::string::npos);
}

TEST_CASE("cli: skipped files make jaryo-index exit 1 and are named on stderr") {
    Workspace w;
    add_two_notes(w);
    w.note("image.md", std::string("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", 16));
    const Run run = w.index({w.notes.string()});
    CHECK(run.status == 1);
    CHECK(run.err.find("skipped " + (w.notes / "image.md").string() + ": binary") !=
          std::string::npos);
    CHECK(run.err.find("2 indexed, 0 unchanged, 0 removed, 1 skipped") != std::string::npos);
}

TEST_CASE("cli: the default database comes from JARYO_DB, then XDG_DATA_HOME") {
    Workspace w;
    add_two_notes(w);
    const std::string db = (w.dir.path() / "env-db").string();
    const std::string with_env = "env -u XDG_DATA_HOME JARYO_DB=" + quote(db);
    CHECK(w.run({JARYO_INDEX_BINARY, w.notes.string()}, with_env).status == 0);
    CHECK(w.run({JARYO_SEARCH_BINARY, "--count", "lm"}, with_env).out == "2\n");

    const std::string xdg =
        "env -u JARYO_DB XDG_DATA_HOME=" + quote((w.dir.path() / "xdg").string());
    CHECK(w.run({JARYO_INDEX_BINARY, w.notes.string()}, xdg).status == 0);
    CHECK(std::filesystem::exists(w.dir.path() / "xdg" / "jaryo" / "default"));
    CHECK(w.run({JARYO_SEARCH_BINARY, "--count", "lm"}, xdg).out == "2\n");
}

TEST_CASE("cli: the built-in glossary and the user's glossary bridge languages") {
    Workspace w;
    w.note("en.md", "# Notes\n\nSpeculative decoding and hallucination.\n");
    w.note("zz.md", "# Other\n\nzyzzyva quokka\n");
    REQUIRE(w.index({w.notes.string()}).status == 0);
    const std::string base =
        "env -u JARYO_DB XDG_CONFIG_HOME=" + quote((w.dir.path() / "config").string());
    const std::vector<std::string> search = {JARYO_SEARCH_BINARY, "--db", w.db.string(), "--count"};
    auto with = [&](const std::string& word) {
        std::vector<std::string> args = search;
        args.push_back(word);
        return w.run(args, base).out;
    };
    CHECK(with("환각") == "1\n");
    CHECK(with("쿼카") == "0\n");
    w.dir.write("config/jaryo/glossary.tsv", "# mine\n쿼카\tquokka\n");
    CHECK(with("쿼카") == "1\n");
}

TEST_CASE("cli: --analyze prints one JSON token per line") {
    Workspace w;
    const Run run = w.run({JARYO_SEARCH_BINARY, "--analyze", "GPT-4를 모델이"});
    CHECK(run.status == 0);
    const std::vector<std::string> lines = run.lines();
    REQUIRE(lines.size() == 4);
    const nlohmann::json model = nlohmann::json::parse(lines[3]);
    CHECK(model["surface"] == "모델이");
    CHECK(model["norm"] == "모델이");
    CHECK(model["stem"] == "모델");
    CHECK(model["script"] == "hangul");
    CHECK(model["position"] == 3);
    CHECK(nlohmann::json::parse(lines[2])["particle"] == true);
}

TEST_CASE("cli: the demo corpus answers \"prefix lm\" with a highlighted snippet") {
    Workspace w;
    const Run indexed = w.run({JARYO_INDEX_BINARY, "--db", w.db.string(), JARYO_CORPUS_DIR});
    CHECK(indexed.status == 0);
    const Run run = w.search({"--json", "prefix", "lm"});
    CHECK(run.status == 0);
    REQUIRE(!run.lines().empty());
    const nlohmann::json top = nlohmann::json::parse(run.lines()[0]);
    CHECK(!top["highlights"].empty());
    CHECK(top["path"].get<std::string>().find(JARYO_CORPUS_DIR) == 0);
}
