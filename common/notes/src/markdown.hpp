#pragma once
// Markdown to the plain text that jaryo indexes and shows: heading, emphasis, link, code and
// table markers go, their text stays (a fenced code block keeps its code, a link its label).
#include <string>
#include <string_view>
#include <vector>

namespace jaryo {

struct MarkdownText {
    std::string text;               // one line per block
    std::vector<std::string> links; // link targets, which the text no longer shows
};

MarkdownText markdown_to_text(std::string_view markdown);

} // namespace jaryo
