#include "jaryo/note.hpp"

#include "../../support/string_vectors.hpp"
#include "../../support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>

using jaryo::parse_note;

TEST_CASE("note reader: title from front matter, else first heading, else file name") {
    const auto jekyll =
        parse_note("---\nlayout: single\ntitle: \"Daily Digest\"\n---\n### 1. Paper\nbody", "x.md");
    CHECK(jekyll.title == "Daily Digest");
    CHECK(jekyll.body == "1. Paper\nbody\n");

    const auto heading = parse_note("\n# Prefix LM 정리 #\n\ntext", "2023-08-01-notes.md");
    CHECK(heading.title == "Prefix LM 정리");

    const auto plain =
        parse_note("https://arxiv.org/abs/2307.09288\n\nLlama 2 notes", "230719 Llama 2.md");
    CHECK(plain.title == "Llama 2");
}

TEST_CASE("note reader: date prefixes are dropped from file-name titles") {
    CHECK(jaryo::title_from_file_name("230719 Llama 2.md") == "Llama 2");
    CHECK(jaryo::title_from_file_name("20230719_Llama.md") == "Llama");
    CHECK(jaryo::title_from_file_name("2023-07-19-llama-2.md") == "llama-2");
    CHECK(jaryo::title_from_file_name("1234 notes.md") == "1234 notes");
    CHECK(jaryo::title_from_file_name("230719.md") == "230719");
}

TEST_CASE("note reader: an unclosed front matter block is body text") {
    const auto note = parse_note("---\ntitle: x\nno closing line", "n.txt");
    CHECK(note.title == "n");
    CHECK(note.body == "---\ntitle: x\nno closing line");
    CHECK(note.warnings.empty());
}

TEST_CASE("note reader: encodings are decoded and damage repaired") {
    CHECK(parse_note("\xEF\xBB\xBFhello", "a.txt").body == "hello");
    const std::string utf16le("\xFF\xFE\x68\x00\xA8\xBA", 6); // "h모"
    CHECK(parse_note(utf16le, "a.txt").body == "h모");
    const std::string utf16be("\xFE\xFF\x00\x68\xBA\xA8", 6);
    CHECK(parse_note(utf16be, "a.txt").body == "h모");
    const auto broken = parse_note("ok \xC3( end", "a.txt");
    CHECK(broken.body == "ok \uFFFD( end");
    REQUIRE(broken.warnings.size() == 1);
    CHECK(broken.warnings[0].find("invalid UTF-8") != std::string::npos);
}

TEST_CASE("note reader: binary content is refused") {
    const std::string bytes("PK\x03\x04\x00\x00 zip", 11);
    CHECK_THROWS_AS(parse_note(bytes, "a.md"), jaryo::SkippedFile);
}

TEST_CASE("note reader: large files are cut at the limit on a character boundary") {
    jaryo::testing::TempDir dir;
    std::string text;
    for (int i = 0; i < 1000; ++i) {
        text += "모델";
    }
    const auto path = dir.write("big.txt", text);
    jaryo::ReadOptions options;
    options.max_bytes = 1001; // inside the 334th syllable
    const jaryo::Note note = jaryo::read_note(path, options);
    CHECK(note.body.size() == 999);
    CHECK(note.size == text.size());
    REQUIRE(note.warnings.size() == 1);
    CHECK(note.warnings[0].find("only the first part") != std::string::npos);
}

TEST_CASE("note reader: unreadable and missing files are skipped with a reason") {
    jaryo::testing::TempDir dir;
    CHECK_THROWS_AS(jaryo::read_note(dir.path() / "missing.md"), jaryo::SkippedFile);
    CHECK_THROWS_AS(jaryo::read_note(dir.path()), jaryo::SkippedFile);
}

TEST_CASE("note reader: note files are recognised by extension") {
    CHECK(jaryo::is_note_file("a.md"));
    CHECK(jaryo::is_note_file("a.MARKDOWN"));
    CHECK(jaryo::is_note_file("a.txt"));
    CHECK_FALSE(jaryo::is_note_file("a.pdf"));
    CHECK_FALSE(jaryo::is_note_file("md"));
}

namespace {

jaryo::Note fixture(const std::string& name) {
    return jaryo::read_note(std::filesystem::path(JARYO_FIXTURES_DIR) / name);
}

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("note reader: Jekyll front matter gives title, date, tags and categories") {
    const jaryo::Note note = fixture("2024-03-01-daily-digest.md");
    CHECK(note.title == "Daily Digest / 1 Mar 2024");
    CHECK(note.date == "2024-03-02"); // front matter wins over the file name
    CHECK(note.tags == std::vector<std::string>{"alignment", "Machine Learning", "papers"});
    CHECK(note.warnings.empty());
    CHECK(!contains(note.body, "layout:"));
}

TEST_CASE("note reader: markdown markers are gone from the text, their words stay") {
    const jaryo::Note note = fixture("2024-03-01-daily-digest.md");
    for (const std::string_view marker : {"###", "**", "`beta`", "*중요*", "```", "|---|", "]("}) {
        CAPTURE(marker);
        CHECK(!contains(note.body, marker));
    }
    for (const std::string_view kept :
         {"1. Direct Preference Optimization\n", "보상 모델 없이", "beta 값이 중요합니다",
          "loss = -logsigmoid(beta * margin)", "DPO 불필요", "논문"}) {
        CAPTURE(kept);
        CHECK(contains(note.body, kept));
    }
    CHECK(note.links == std::vector<std::string>{"https://arxiv.org/abs/2305.18290"});
}

TEST_CASE("note reader: nested list items stay words apart") {
    const jaryo::Note note = parse_note(
        "1. Uncertainty\n\t1. calibration\n2. Adaptation\n\t1. active learning.", "plex.md");
    CHECK(note.body == "Uncertainty\ncalibration\nAdaptation\nactive learning.\n");
}

TEST_CASE("note reader: a malformed front matter block is reported and the body kept") {
    const jaryo::Note note = fixture("broken-front-matter.md");
    REQUIRE(note.warnings.size() == 1);
    CHECK(contains(note.warnings[0], "front matter is not valid YAML"));
    CHECK(note.title == "broken-front-matter");
    CHECK(note.body == "The body is still indexed.\n");
}

TEST_CASE("note reader: weekly lists, issue threads, seminar and blog pages") {
    const jaryo::Note weekly = fixture("230819 weekly.md");
    CHECK(weekly.title == "weekly");
    CHECK(weekly.date == "2023-08-19");
    CHECK(contains(weekly.body, "#diffusion #generative_model"));

    // Plain-text dumps of web pages are kept as written.
    const jaryo::Note thread = fixture("issue-thread.txt");
    CHECK(thread.title == "issue-thread");
    CHECK(contains(thread.body, "https://arxiv.org/abs/2308.06912"));
    CHECK(thread.links.empty());
    const jaryo::Note seminar = fixture("seminar-page.txt");
    CHECK(contains(seminar.body, "주제 : Speculative Decoding for Fast Inference"));
    const jaryo::Note blog = fixture("blog-page.txt");
    CHECK(contains(blog.body, "LoRA는 가중치 업데이트를"));
}

TEST_CASE("note reader: dates from front matter, the file name, else the modification day") {
    CHECK(parse_note("---\ndate: 2023/08/20\n---\nx", "a.md").date == "2023-08-20");
    CHECK(parse_note("---\ndate: 2023-08-20T10:00:00Z\n---\nx", "a.md").date == "2023-08-20");
    CHECK(parse_note("---\ndate: yesterday\n---\nx", "230719 x.md").date == "2023-07-19");
    CHECK(jaryo::date_from_file_name("230719 Llama 2.md") == "2023-07-19");
    CHECK(jaryo::date_from_file_name("20230719_Llama.md") == "2023-07-19");
    CHECK(jaryo::date_from_file_name("2023-07-19-llama-2.md") == "2023-07-19");
    CHECK(jaryo::date_from_file_name("231399 not a date.md").empty());
    CHECK(jaryo::date_from_file_name("notes.md").empty());
    CHECK(parse_note("x", "notes.md").date.empty());

    jaryo::testing::TempDir dir;
    const auto path = dir.write("undated.md", "text");
    const timespec noon_5_june_2021[2] = {{1622894400, 0}, {1622894400, 0}};
    REQUIRE(::utimensat(AT_FDCWD, path.c_str(), noon_5_june_2021, 0) == 0);
    CHECK(jaryo::read_note(path).date == "2021-06-05");
}

TEST_CASE("note reader: front-matter tags may be a list or words in a string") {
    CHECK(parse_note("---\ntags: a b, c\n---\nx", "a.md").tags ==
          std::vector<std::string>{"a", "b", "c"});
    CHECK(parse_note("---\ntags:\n  - one\n  - two words\ncategory: cat\n---\nx", "a.md").tags ==
          std::vector<std::string>{"one", "two words", "cat"});
    CHECK(parse_note("---\n---\nx", "a.md").warnings.empty());
}
