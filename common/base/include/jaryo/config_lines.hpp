#pragma once
// Line-based files written by hand (stubs, the user's configuration): each line trimmed of
// spaces, tabs and CR; blank lines and '#' comments left out.
#include <string_view>

namespace jaryo {

inline std::string_view trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

// Calls `visit(line, number)` for each line that says something, numbered from 1.
template <typename Visit> void for_each_config_line(std::string_view text, Visit&& visit) {
    int number = 0;
    while (!text.empty()) {
        const auto end = text.find('\n');
        const std::string_view line = trimmed(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        ++number;
        if (!line.empty() && !line.starts_with('#')) {
            visit(line, number);
        }
    }
}

} // namespace jaryo
