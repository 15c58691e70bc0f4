#pragma once
// A note as jaryo understands it: where it lives, its title, date and tags, and the text to
// index and show.
#include "jaryo/errors.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace jaryo {

struct Note {
    std::filesystem::path path; // absolute
    // Front-matter title, else the first markdown heading, else the file name without a date.
    std::string title;
    // Valid UTF-8 without front matter; for markdown, without markup (headings, emphasis, links,
    // code fences, tables, HTML tags), one line per block.
    std::string body;
    // YYYY-MM-DD: front-matter date, else a date prefix of the file name (YYMMDD, YYYYMMDD,
    // YYYY-MM-DD), else (read_note only) the modification day in UTC.
    std::string date;
    std::vector<std::string> tags;  // front-matter tags and categories; #hashtags are in the body
    std::vector<std::string> links; // markdown link targets (the body shows only their labels)
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::vector<std::string> warnings; // what was repaired while reading ("invalid UTF-8 ...")
};

struct ReadOptions {
    std::uint64_t max_bytes = 16U << 20U; // larger files are indexed up to this size
};

// The file cannot be indexed (binary, unreadable, vanished); `what()` says why in a few words.
class SkippedFile : public Error {
  public:
    using Error::Error;
};

// Reads and decodes a note file. Throws SkippedFile.
Note read_note(const std::filesystem::path& path, const ReadOptions& options = {});

// Decodes raw bytes (BOMs, UTF-16, ill-formed UTF-8), reads front matter and markdown, and
// extracts the fields. `path` supplies the fallback title and date, and says whether the file
// is markdown (.md, .markdown) or plain text. Throws SkippedFile for binary content.
Note parse_note(std::string_view bytes, const std::filesystem::path& path);

// The file name without extension and without a leading date (230719 Llama 2.md → Llama 2).
std::string title_from_file_name(const std::filesystem::path& path);

// The date a file name starts with, as YYYY-MM-DD (230719 Llama 2.md → 2023-07-19), or "".
std::string date_from_file_name(const std::filesystem::path& path);

bool is_note_file(const std::filesystem::path& path);

} // namespace jaryo
