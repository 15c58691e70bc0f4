#pragma once
// ICU's word break rules compiled at build time (common/analysis/tools/compile_word_rules.cpp).
#include <cstdint>
#include <span>

namespace jaryo {

// Empty when the build could not derive them from this ICU's rules.
std::span<const std::uint8_t> compiled_word_rules();

} // namespace jaryo
