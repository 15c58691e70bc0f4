#pragma once
#include <cstdlib>
#include <optional>
#include <string>

namespace jaryo {

// An environment variable's value; unset and empty are the same.
inline std::optional<std::string> environment(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') {
        return std::nullopt;
    }
    return std::string(value);
}

} // namespace jaryo
