#include "jaryo/note.hpp"

#include "../support/temp_dir.hpp"

#include <doctest/doctest.h>

using jaryo::parse_note;

TEST_CASE("note reader: title from front matter, else first heading, else file name") {
    const auto jekyll =
        parse_note("---\nlayout: single\ntitle: \"Daily Digest\"\n---\n### 1. Paper\nbody", "x.md");
    CHECK(jekyll.title == "Daily Digest");
    CHECK(jekyll.body == "### 1. Paper\nbody");

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
    const auto note = parse_note("---\ntitle: x\nno closing line", "n.md");
    CHECK(note.title == "n");
    CHECK(note.body == "---\ntitle: x\nno closing line");
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
    const auto path = dir.write("big.md", text);
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
