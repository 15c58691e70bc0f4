#include "jaryo/sizes.hpp"

#include <array>
#include <fmt/format.h>

namespace jaryo {

std::string readable_size(std::uint64_t bytes) {
    constexpr std::array<const char*, 4> units = {"KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024) {
        return fmt::format("{} byte{}", bytes, bytes == 1 ? "" : "s");
    }
    auto size = static_cast<double>(bytes) / 1024;
    std::size_t unit = 0;
    while (size >= 1024 && unit + 1 < units.size()) {
        size /= 1024;
        ++unit;
    }
    const std::string shown = fmt::format("{:.1f}", size);
    return (shown.ends_with(".0") ? shown.substr(0, shown.size() - 2) : shown) + " " + units[unit];
}

} // namespace jaryo
