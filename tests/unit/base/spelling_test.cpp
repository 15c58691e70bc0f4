#include "jaryo/calendar.hpp"
#include "jaryo/sizes.hpp"
#include "jaryo/spelling.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

TEST_CASE("spelling: edits between names, neighbours swapped counting once") {
    const struct {
        const char* a;
        const char* b;
        std::size_t edits;
    } cases[] = {
        {"tag", "tag", 0},       {"tags", "tag", 1}, {"titel", "title", 1}, {"yaer", "year", 1},
        {"--jsno", "--json", 1}, {"", "abc", 3},     {"태그", "태구", 1},   {"https", "path", 4},
    };
    for (const auto& c : cases) {
        CAPTURE(c.a);
        CHECK(jaryo::edit_distance(c.a, c.b) == c.edits);
    }
}

TEST_CASE("spelling: the closest known name, only where it is close enough to be a typo") {
    const std::vector<std::string> fields = {"title", "tag", "path", "arxiv", "date", "year"};
    CHECK(jaryo::closest_name("tags", fields) == "tag");
    CHECK(jaryo::closest_name("titel", fields) == "title");
    CHECK(jaryo::closest_name("arxvi", fields) == "arxiv");
    CHECK(jaryo::closest_name("tag", fields) == std::nullopt); // known: no suggestion
    CHECK(jaryo::closest_name("https", fields) == std::nullopt);
    CHECK(jaryo::closest_name("note", fields) == std::nullopt);
    CHECK(jaryo::closest_name("tg", fields) == "tag");
}

TEST_CASE("sizes: in the unit that shows them") {
    CHECK(jaryo::readable_size(0) == "0 bytes");
    CHECK(jaryo::readable_size(1) == "1 byte");
    CHECK(jaryo::readable_size(1023) == "1023 bytes");
    CHECK(jaryo::readable_size(1024) == "1 KiB");
    CHECK(jaryo::readable_size(1536) == "1.5 KiB");
    CHECK(jaryo::readable_size(512U << 10U) == "512 KiB");
    CHECK(jaryo::readable_size(16U << 20U) == "16 MiB");
    CHECK(jaryo::readable_size(3ULL << 30U) == "3 GiB");
}

TEST_CASE("calendar: the days each month has") {
    CHECK(jaryo::days_in_month(2023, 2) == 28);
    CHECK(jaryo::days_in_month(2024, 2) == 29);
    CHECK(jaryo::days_in_month(1900, 2) == 28);
    CHECK(jaryo::days_in_month(2000, 2) == 29);
    CHECK(jaryo::days_in_month(2023, 4) == 30);
    CHECK(jaryo::days_in_month(2023, 13) == 0);
    CHECK(jaryo::is_day(2023, 12, 31));
    CHECK_FALSE(jaryo::is_day(2023, 2, 30));
    CHECK_FALSE(jaryo::is_day(2023, 0, 1));
}
