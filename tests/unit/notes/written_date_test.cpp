#include "jaryo/written_date.hpp"

#include <doctest/doctest.h>
#include <string>

TEST_CASE("written dates: the forms people write, and days that do not exist") {
    const struct {
        const char* text;
        const char* date; // "" for none
    } cases[] = {
        {"2023-07-05", "2023-07-05"},
        {"2023-07-05 10:00:00 +0900", "2023-07-05"},
        {"2023-07-05T10:00:00Z", "2023-07-05"},
        {"2023/7/5", "2023-07-05"},
        {"2023.07.05", "2023-07-05"},
        {"2021. 3. 16.", "2021-03-16"},
        {"20230705", "2023-07-05"},
        {"2023년 7월 5일", "2023-07-05"},
        {"2023년 7월 5일 (수)", "2023-07-05"},
        {"July 5, 2023", "2023-07-05"},
        {"july 5 2023", "2023-07-05"},
        {"Jul. 5, 2023", "2023-07-05"},
        {"Sept 1, 2021", "2021-09-01"},
        {"5 July 2023", "2023-07-05"},
        {"28 Feb 2023", "2023-02-28"},
        {"  2024-02-29", "2024-02-29"},
        // Not days, or not dates at all.
        {"2023-99-99", ""},
        {"2023-02-29", ""},
        {"July 32, 2023", ""},
        {"2023-07-051", ""},
        {"2023-07", ""},
        {"Juli 5, 2023", ""},
        {"last week", ""},
        {"1850-01-01", ""},
        {"", ""},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(jaryo::written_date(c.text).value_or("") == c.date);
    }
}
