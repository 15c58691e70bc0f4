#pragma once
// A note as jaryo understands it: where it lives, its title and the text to index and show.
#include "jaryo/errors.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace jaryo {

struct Note {
    std::filesystem::path path; // absolute
    std::string title;
    std::string body; // valid UTF-8, front matter removed
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

// Decodes raw bytes (BOMs, UTF-16, ill-formed UTF-8) and extracts title and body. `path` only
// supplies the fallback title. Throws SkippedFile for binary content.
Note parse_note(std::string_view bytes, const std::filesystem::path& path);

// The file name without extension and without a leading date (230719 Llama 2.md → Llama 2).
std::string title_from_file_name(const std::filesystem::path& path);

bool is_note_file(const std::filesystem::path& path);

} // namespace jaryo
