// What a new user mistypes, through the real binaries: each gets a message or what was meant.
#include "../support/workspace.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace {

using jaryo::testing::one_line;
using jaryo::testing::Run;
using jaryo::testing::Workspace;

void write_notes(const Workspace& w) {
    w.note("llama.md", "---\ntitle: Llama notes\ntags: [llm]\ndate: July 5, 2023\n---\n\n"
                       "prefix lm은 in-context learning에 강하다\n");
    w.note("bad-date.md", "---\ntitle: Bad date\ndate: 2023-99-99\n---\n\nprefix 그리고 lm\n");
    w.note("other.md", "# Other\n\nlm prefix lm lm\n");
}

std::string date_of(const Workspace& w, const std::string& query) {
    const Run run = w.search({"--json", query});
    REQUIRE(run.lines().size() == 1);
    return nlohmann::json::parse(run.lines().front())["date"].get<std::string>();
}

} // namespace

TEST_CASE("typos: field names in any case, and a near miss named") {
    Workspace w;
    write_notes(w);
    REQUIRE(w.index({w.notes.string()}).status == 0);
    for (const char* query : {"Tag:llm", "TAG:llm", "TITLE:llama", "Title:Llama"}) {
        CAPTURE(query);
        const Run run = w.search({"--count", query});
        CHECK(run.status == 0);
        CHECK(run.out == "1\n");
        CHECK(run.err.empty());
    }
    const Run tags = w.search({"tags:llm"});
    CHECK(tags.status != 2);
    CHECK(one_line(tags.err));
    CHECK(tags.err.find("warning: 'tags:' is not a field; did you mean tag:?") !=
          std::string::npos);
    CHECK(w.search({"titel:llama"}).err.find("did you mean title:?") != std::string::npos);
}

TEST_CASE("typos: days that do not exist are refused, naming the option") {
    Workspace w;
    write_notes(w);
    REQUIRE(w.index({w.notes.string()}).status == 0);
    const std::pair<std::vector<std::string>, std::string> cases[] = {
        {{"--since", "2023-13", "lm"},
         "--since 2023-13: '2023-13' is not a date: there is no month 13"},
        {{"--until", "2023-02-30", "lm"},
         "--until 2023-02-30: '2023-02-30' is not a date: 2023-02 has days 01 to 28"},
        {{"date:2023-00..", "lm"}, "'2023-00' is not a date: there is no month 00"},
    };
    for (const auto& [args, message] : cases) {
        CAPTURE(message);
        const Run run = w.search(args);
        CHECK(run.status == 2);
        CHECK(one_line(run.err));
        CHECK(run.err.find(message) != std::string::npos);
    }
    CHECK(w.search({"--since", "2024-02-29", "--count", "lm"}).err.empty()); // a leap day
}

TEST_CASE("typos: front-matter dates as people write them, others named with file and line") {
    Workspace w;
    write_notes(w);
    const Run indexed = w.index({w.notes.string()});
    CHECK(indexed.status == 0);
    CHECK(date_of(w, "title:llama") == "2023-07-05");
    CHECK(indexed.err.find("bad-date.md: line 3: front matter's date '2023-99-99' is not a day") !=
          std::string::npos);
    CHECK(date_of(w, "title:bad") != "2023-99-99");
    CHECK(date_of(w, "title:bad").size() == 10);
}

TEST_CASE("typos: spaces, colons and quotes from input methods count as ASCII ones") {
    Workspace w;
    write_notes(w);
    REQUIRE(w.index({w.notes.string()}).status == 0);
    const auto count = [&](const std::string& query) { return w.search({"--count", query}).out; };
    CHECK(count("\"prefix lm\"") == "2\n");
    CHECK(count("prefix lm") == "3\n");
    CHECK(count("\xe2\x80\x9cprefix lm\xe2\x80\x9d") == "2\n"); // “prefix lm”
    CHECK(count("prefix\xe3\x80\x80lm") == "3\n");              // ideographic space
    CHECK(count("prefix\xc2\xa0lm") == "3\n");                  // no-break space
    CHECK(count("tag\xef\xbc\x9allm") == "1\n");                // tag：llm
}

TEST_CASE("typos: sizes in their unit, -V, and a mistyped option's closest name") {
    Workspace w;
    w.note("big.md", std::string(3000, 'a') + " word\n");
    const Run big = w.index({"--max-file-size", "1K", w.notes.string()});
    CHECK(big.err.find("big.md: larger than 1 KiB (--max-file-size)") != std::string::npos);

    CHECK(w.run({JARYO_SEARCH_BINARY, "-V"}).out == "jaryo-search 0.1.0\n");
    CHECK(w.run({JARYO_INDEX_BINARY, "-V"}).out == "jaryo-index 0.1.0\n");
    const Run search = w.search({"--jsno", "lm"});
    CHECK(search.status == 2);
    CHECK(one_line(search.err));
    CHECK(search.err.find("did you mean --json for --jsno?") != std::string::npos);
    const Run index = w.index({"--rebuidl"});
    CHECK(index.status == 2);
    CHECK(index.err.find("did you mean --rebuild for --rebuidl?") != std::string::npos);
    // An argument a script passed on from a file name is shown escaped, never obeyed.
    const Run hostile = w.search({"--\x1b[2Jx"});
    CHECK(hostile.status == 2);
    CHECK(hostile.err.find("--\\x1b[2Jx") != std::string::npos);
    CHECK(hostile.err.find('\x1b') == std::string::npos);
    // After --, a word is a word.
    CHECK(w.search({"--", "--jsno"}).err.find("did you mean") == std::string::npos);
}
