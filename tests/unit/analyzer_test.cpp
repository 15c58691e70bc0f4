#include "jaryo/analyzer.hpp"

#include <doctest/doctest.h>

TEST_CASE("placeholder compile check") {
    jaryo::Analyzer analyzer;
    auto s = analyzer.tokens("hello");
    CHECK(s.next() != nullptr);
}
