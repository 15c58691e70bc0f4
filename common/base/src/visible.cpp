#include "jaryo/visible.hpp"

#include "jaryo/utf8.hpp"

#include <fmt/format.h>

namespace jaryo {

bool is_display_control(char32_t code_point) {
    return code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F) ||
           (code_point >= 0x202A && code_point <= 0x202E) ||
           (code_point >= 0x2066 && code_point <= 0x2069);
}

std::string visible(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t length = utf8::sequence_length(text, i);
        if (length == 0) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
            ++i;
            continue;
        }
        const std::size_t start = i;
        const char32_t code_point = utf8::next(text, i);
        if (!is_display_control(code_point)) {
            out.append(text, start, length);
        } else if (code_point == '\t') {
            out += "\\t";
        } else if (code_point == '\n') {
            out += "\\n";
        } else if (code_point == '\r') {
            out += "\\r";
        } else if (code_point <= 0x7F) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned>(code_point));
        } else {
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(code_point));
        }
    }
    return out;
}

} // namespace jaryo
