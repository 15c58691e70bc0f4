#pragma once
// Which days exist, for dates typed in queries and written in notes.

namespace jaryo {

// 28 to 31; 0 for a month that is not 1 to 12.
int days_in_month(int year, int month);

// Whether year-month-day is a day of the Gregorian calendar.
inline bool is_day(int year, int month, int day) {
    return day >= 1 && day <= days_in_month(year, month);
}

} // namespace jaryo
