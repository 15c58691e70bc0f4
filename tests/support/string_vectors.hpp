#pragma once
// Lets doctest print vectors of strings when a CHECK on them fails.
#include <doctest/doctest.h>
#include <string>
#include <vector>

namespace doctest {

template <> struct StringMaker<std::vector<std::string>> {
    static String convert(const std::vector<std::string>& strings) {
        std::string joined = "{";
        for (const std::string& text : strings) {
            joined += (joined.size() > 1 ? ", \"" : "\"") + text + "\"";
        }
        joined += "}";
        return joined.c_str();
    }
};

} // namespace doctest
