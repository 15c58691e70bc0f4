#pragma once
// FNV-1a, 64 bits: a short, stable fingerprint of a string (not for security).
#include <cstdint>
#include <string_view>

namespace jaryo {

inline std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (const unsigned char c : text) {
        hash = (hash ^ c) * 1099511628211ULL;
    }
    return hash;
}

} // namespace jaryo
