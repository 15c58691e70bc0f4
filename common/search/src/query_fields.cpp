#include "jaryo/query_fields.hpp"

#include "jaryo/arxiv.hpp"
#include "jaryo/calendar.hpp"
#include "jaryo/errors.hpp"
#include "jaryo/normalizer.hpp"
#include "jaryo/schema.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <string>
#include <utility>
#include <vector>

namespace jaryo {

namespace {

bool digits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The month and day of a well-formed YYYY-MM[-DD] exist (no 2023-13, no 2023-02-30).
void check_calendar(const std::string& date) {
    if (date.size() < 7) {
        return;
    }
    const int year = std::stoi(date.substr(0, 4));
    const int month = std::stoi(date.substr(5, 2));
    if (month < 1 || month > 12) {
        throw QueryError(fmt::format("'{}' is not a date: there is no month {:02} (months run "
                                     "01 to 12)",
                                     date, month));
    }
    if (date.size() == 10) {
        const int day = std::stoi(date.substr(8, 2));
        if (!is_day(year, month, day)) {
            throw QueryError(fmt::format("'{}' is not a date: {:04}-{:02} has days 01 to {:02}",
                                         date, year, month, days_in_month(year, month)));
        }
    }
}

// YYYY, YYYY-MM or YYYY-MM-DD (also with '/' or '.'), normalised to '-'.
std::string date_prefix(std::string_view text, std::string_view range) {
    std::string date(text);
    for (char& c : date) {
        if (c == '/' || c == '.') {
            c = '-';
        }
    }
    const bool valid = (date.size() == 4 && digits(date)) ||
                       (date.size() == 7 && digits(date.substr(0, 4)) && date[4] == '-' &&
                        digits(date.substr(5, 2))) ||
                       (date.size() == 10 && digits(date.substr(0, 4)) && date[4] == '-' &&
                        digits(date.substr(5, 2)) && date[7] == '-' && digits(date.substr(8, 2)));
    if (!valid) {
        throw QueryError(fmt::format("'{}' is not a date range; write YYYY, YYYY-MM, YYYY-MM-DD "
                                     "or FROM..TO (2023-08..2023-09)",
                                     range));
    }
    check_calendar(date);
    return date;
}

} // namespace

namespace {

constexpr std::array<std::pair<std::string_view, Field>, 11> field_names_and_fields{{
    {"title", Field::Title},
    {"제목", Field::Title},
    {"tag", Field::Tag},
    {"태그", Field::Tag},
    {"path", Field::Path},
    {"경로", Field::Path},
    {"arxiv", Field::Arxiv},
    {"date", Field::Date},
    {"날짜", Field::Date},
    {"year", Field::Year},
    {"연도", Field::Year},
}};

} // namespace

std::optional<Field> field_named(std::string_view name) {
    std::string folded(name);
    std::transform(folded.begin(), folded.end(), folded.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    for (const auto& [known, field] : field_names_and_fields) {
        if (folded == known) {
            return field;
        }
    }
    return std::nullopt;
}

std::vector<std::string> field_names() {
    std::vector<std::string> names;
    for (const auto& [name, field] : field_names_and_fields) {
        names.emplace_back(name);
    }
    return names;
}

Xapian::Query date_range_query(std::string_view range) {
    const std::size_t dots = range.find("..");
    const std::string_view from = dots == std::string_view::npos ? range : range.substr(0, dots);
    const std::string_view to = dots == std::string_view::npos ? range : range.substr(dots + 2);
    if (from.empty() && to.empty()) {
        throw QueryError(fmt::format("'{}' is not a date range; write YYYY, YYYY-MM, YYYY-MM-DD "
                                     "or FROM..TO (2023-08..2023-09)",
                                     range));
    }
    // Dates are stored as YYYY-MM-DD; '~' sorts after every digit and '-', so "2023-09~"
    // is after every day of September 2023.
    if (from.empty()) {
        return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::date_slot,
                             date_prefix(to, range) + "~");
    }
    if (to.empty()) {
        return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::date_slot,
                             date_prefix(from, range));
    }
    const std::string first = date_prefix(from, range);
    const std::string last = date_prefix(to, range) + "~";
    if (first > last) {
        throw QueryError(fmt::format("date range '{}' ends before it starts", range));
    }
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::date_slot, first, last);
}

Xapian::Query path_query(std::string_view path) {
    std::vector<Xapian::Query> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos) {
            end = path.size();
        }
        if (end > start) {
            parts.emplace_back(schema::path_term(normalized_name(path.substr(start, end - start))));
        }
        start = end + 1;
    }
    if (parts.empty()) {
        throw QueryError("path: needs a folder or file name, e.g. path:papers/2023");
    }
    return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

Xapian::Query arxiv_query(std::string_view id_or_url) {
    std::optional<std::string_view> id = arxiv::id_of_word(id_or_url);
    if (!id) {
        id = arxiv::id_in_url(id_or_url);
    }
    if (!id) {
        throw QueryError(fmt::format(
            "'{}' is not an arXiv id; write arxiv:2308.06912 (or an arxiv.org link)", id_or_url));
    }
    // Linked or written, the note matches; written in the text, it ranks higher.
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, Xapian::Query(schema::arxiv_term(*id)),
                         Xapian::Query(schema::stem_term(*id)));
}

} // namespace jaryo
