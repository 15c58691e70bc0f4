#pragma once
// Which of a few known names a mistyped one was meant to be (tags: for tag:, --jsno for
// --json), for "did you mean" messages.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jaryo {

// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`, by code point.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The name in `known` closest to `typed`, where it is close enough to be a typo: one edit for
// names of up to four characters, two for longer ones. None where `typed` is one of them.
std::optional<std::string> closest_name(std::string_view typed,
                                        const std::vector<std::string>& known);

} // namespace jaryo
