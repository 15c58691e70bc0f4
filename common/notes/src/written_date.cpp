#include "jaryo/written_date.hpp"

#include "jaryo/calendar.hpp"

#include <array>
#include <fmt/format.h>
#include <vector>

namespace jaryo {

namespace {

// A date read piece by piece: numbers, month names and the marks between them.
class Reader {
  public:
    explicit Reader(std::string_view text) : text_(text) {}

    void skip_spaces() {
        while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t')) {
            ++at_;
        }
    }

    // A run of digits, its length told.
    std::optional<int> number(std::size_t& digits) {
        skip_spaces();
        int value = 0;
        digits = 0;
        while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9' && digits < 8) {
            value = value * 10 + (text_[at_] - '0');
            ++at_;
            ++digits;
        }
        return digits > 0 ? std::optional<int>(value) : std::nullopt;
    }

    bool take(std::string_view mark) {
        skip_spaces();
        if (text_.substr(at_, mark.size()) == mark) {
            at_ += mark.size();
            return true;
        }
        return false;
    }

    // January..December or their first three letters (Sept too), any case; 1 to 12.
    std::optional<int> month_name() {
        skip_spaces();
        std::string word;
        std::size_t end = at_;
        while (end < text_.size() && ((text_[end] >= 'a' && text_[end] <= 'z') ||
                                      (text_[end] >= 'A' && text_[end] <= 'Z'))) {
            word += static_cast<char>(text_[end] | 0x20);
            ++end;
        }
        static constexpr std::array<std::string_view, 12> names = {
            "january", "february", "march",     "april",   "may",      "june",
            "july",    "august",   "september", "october", "november", "december"};
        for (std::size_t month = 0; month < names.size(); ++month) {
            const std::string_view name = names[month];
            if (word == name ||
                (word.size() >= 3 && word.size() < name.size() &&
                 name.substr(0, word.size()) == word && (word.size() == 3 || word == "sept"))) {
                at_ = end;
                take(".");
                return static_cast<int>(month) + 1;
            }
        }
        return std::nullopt;
    }

    // What follows the date may not continue it (2023-07-051 is no date).
    bool at_boundary() const {
        return at_ >= text_.size() || !(text_[at_] >= '0' && text_[at_] <= '9');
    }

    std::size_t at_ = 0;

  private:
    std::string_view text_;
};

// Year first: 2023-07-05, 2023/07/05, 2023.07.05, 2023. 7. 5., 2023년 7월 5일, 20230705.
std::optional<std::string> year_first(std::string_view text) {
    Reader reader(text);
    std::size_t digits = 0;
    const std::optional<int> year = reader.number(digits);
    if (!year) {
        return std::nullopt;
    }
    if (digits == 8) {
        return reader.at_boundary() ? iso_day(*year / 10000, *year / 100 % 100, *year % 100)
                                    : std::nullopt;
    }
    if (digits != 4) {
        return std::nullopt;
    }
    for (const std::string_view separator : {"-", "/", "."}) {
        const std::size_t start = reader.at_;
        std::size_t month_digits = 0;
        std::size_t day_digits = 0;
        if (reader.take(separator)) {
            const std::optional<int> month = reader.number(month_digits);
            if (month && month_digits <= 2 && reader.take(separator)) {
                const std::optional<int> day = reader.number(day_digits);
                if (day && day_digits <= 2 && reader.at_boundary()) {
                    return iso_day(*year, *month, *day);
                }
            }
        }
        reader.at_ = start;
    }
    std::size_t month_digits = 0;
    std::size_t day_digits = 0;
    if (reader.take("년")) {
        const std::optional<int> month = reader.number(month_digits);
        if (month && reader.take("월")) {
            const std::optional<int> day = reader.number(day_digits);
            if (day && reader.take("일")) {
                return iso_day(*year, *month, *day);
            }
        }
    }
    return std::nullopt;
}

// Month first or day first, English: July 5, 2023 · Jul 5 2023 · 5 July 2023 · 5 Jul. 2023.
std::optional<std::string> in_words(std::string_view text) {
    Reader reader(text);
    std::size_t digits = 0;
    if (const std::optional<int> month = reader.month_name()) {
        const std::optional<int> day = reader.number(digits);
        if (!day || digits > 2) {
            return std::nullopt;
        }
        reader.take(",");
        const std::optional<int> year = reader.number(digits);
        return year && digits == 4 && reader.at_boundary() ? iso_day(*year, *month, *day)
                                                           : std::nullopt;
    }
    const std::optional<int> day = reader.number(digits);
    if (!day || digits > 2) {
        return std::nullopt;
    }
    const std::optional<int> month = reader.month_name();
    if (!month) {
        return std::nullopt;
    }
    reader.take(",");
    const std::optional<int> year = reader.number(digits);
    return year && digits == 4 && reader.at_boundary() ? iso_day(*year, *month, *day)
                                                       : std::nullopt;
}

} // namespace

std::optional<std::string> iso_day(int year, int month, int day) {
    if (year < 1900 || year > 2200 || !is_day(year, month, day)) {
        return std::nullopt;
    }
    return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

std::optional<std::string> written_date(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    if (std::optional<std::string> date = year_first(text)) {
        return date;
    }
    return in_words(text);
}

} // namespace jaryo
