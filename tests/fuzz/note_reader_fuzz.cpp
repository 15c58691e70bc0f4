// Any file content, as markdown and as plain text: a note with a valid UTF-8 title and body, or
// SkippedFile.
#include "jaryo/note.hpp"
#include "jaryo/utf8.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

void check(const jaryo::Note& note) {
    const auto valid = [](const std::string& text) {
        return jaryo::utf8::make_valid(text) == text;
    };
    if (!valid(note.title) || !valid(note.body) || (!note.date.empty() && note.date.size() != 10)) {
        std::abort();
    }
    for (const std::string& tag : note.tags) {
        if (!valid(tag)) {
            std::abort();
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    for (const char* name : {"230719 fuzz.md", "fuzz.txt"}) {
        try {
            check(jaryo::parse_note(bytes, name));
        } catch (const jaryo::SkippedFile&) {
        }
    }
    return 0;
}
