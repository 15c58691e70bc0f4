// Any bytes as a note's title, path, snippet and tag, printed as jaryo-search prints them for
// people, coloured and not: no control byte (but newline), DEL, C1 control or bidirectional
// override from the input reaches the output raw; jaryo's own colour codes are the only escape
// sequences in it.
#include "output.hpp"

#include "../support/raw_control.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

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
        if (jaryo::testing::first_raw_control(printed({hit}, color)) != std::string::npos) {
            __builtin_trap();
        }
    }
    return 0;
}
