#pragma once
// Dates as people write them at the top of a note or in its front matter.
#include <optional>
#include <string>
#include <string_view>

namespace jaryo {

// The day `text` starts with, as YYYY-MM-DD, where it is one of:
//   2023-07-05, 2023/07/05, 2023.07.05 (a time may follow: 2023-07-05 10:00:00 +0900, T10:00)
//   20230705, 2023. 7. 5.,  2023년 7월 5일
//   July 5, 2023 · Jul 5 2023 · 5 July 2023 · 5 Jul. 2023 (English month names, any case)
// and the day exists. None otherwise (2023-99-99, "last week", July 32, 2023).
std::optional<std::string> written_date(std::string_view text);

// YYYY-MM-DD for a day that exists, of the years notes are dated in (1900 to 2200); none else.
// Every date a note gets passes here: written, from its file name, or its modification time.
std::optional<std::string> iso_day(int year, int month, int day);

} // namespace jaryo
