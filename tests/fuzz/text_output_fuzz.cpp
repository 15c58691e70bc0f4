// Any bytes as a note's title, path, snippet and tag, printed as jaryo-search prints them for
// people, coloured and not: no control byte (but newline), DEL, C1 control or bidirectional
// override from the input reaches the output raw; jaryo's own colour codes are the only escape
// sequences in it.
#include "output.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view own_codes[] = {"\x1b[1m", "\x1b[1;31m", "\x1b[35m", "\x1b[0m"};

bool raw_control_in(std::string out) {
    for (const std::string_view code : own_codes) {
        for (auto at = out.find(code); at != std::string::npos; at = out.find(code, at)) {
            out.erase(at, code.size());
        }
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        const auto byte = static_cast<unsigned char>(out[i]);
        const auto next = i + 1 < out.size() ? static_cast<unsigned char>(out[i + 1]) : 0U;
        const auto third = i + 2 < out.size() ? static_cast<unsigned char>(out[i + 2]) : 0U;
        const bool c1 = byte == 0xc2 && next >= 0x80 && next <= 0x9f;
        const bool bidi = byte == 0xe2 && ((next == 0x80 && third >= 0xaa && third <= 0xae) ||
                                           (next == 0x81 && third >= 0xa6 && third <= 0xa9));
        if ((byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7f || c1 || bidi) {
            return true;
        }
    }
    return false;
}

std::string printed(const std::vector<jaryo::Hit>& hits, bool color) {
    char* buffer = nullptr;
    std::size_t size = 0;
    std::FILE* out = ::open_memstream(&buffer, &size);
    jaryo::output::Style style;
    style.color = color;
    style.origin = true;
    jaryo::output::text(out, hits, style);
    jaryo::output::facets(out, {{hits.front().note.tags.front(), 1}}, jaryo::Facet::Tag, false);
    jaryo::output::roots(out, {hits.front().note.path}, false);
    std::fclose(out);
    std::string text(buffer, size);
    std::free(buffer);
    return text;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    jaryo::Hit hit;
    hit.note.title = input;
    hit.note.path = input;
    hit.note.tags = {input};
    hit.origin.shard = input;
    hit.snippet.text = input;
    // A highlight over the middle third, as snippets mark a word.
    hit.snippet.highlights.emplace_back(size / 3, 2 * size / 3);
    for (const bool color : {false, true}) {
        if (raw_control_in(printed({hit}, color))) {
            __builtin_trap();
        }
    }
    return 0;
}
