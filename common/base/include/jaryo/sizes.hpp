#pragma once
// Byte counts for people.
#include <cstdint>
#include <string>

namespace jaryo {

// In the largest unit that keeps a whole number or one decimal: 512 bytes, 1 KiB, 1.5 MiB,
// 16 MiB, 2 GiB.
std::string readable_size(std::uint64_t bytes);

} // namespace jaryo
