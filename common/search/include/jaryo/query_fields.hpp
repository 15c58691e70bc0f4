#pragma once
// Field queries over what the note reader extracts: dates, paths, arXiv ids. Words of titles
// and tags are analysed by the query parser; these need no analyzer.
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <xapian.h>

namespace jaryo {

enum class Field { Title, Tag, Path, Arxiv, Date, Year };

// title, tag, path, arxiv, date, year (in any case: Tag, TITLE), and the Korean names 제목, 태그,
// 경로, 날짜, 연도.
std::optional<Field> field_named(std::string_view name);
// Those names, for "did you mean" messages.
std::vector<std::string> field_names();

// Notes dated within `range`: 2023, 2023-08, 2023-08-20, or FROM..TO with either side
// optional (2023-08..2023-09 takes in all of September). Throws QueryError for anything else,
// and for days that do not exist (2023-13, 2023-02-30).
Xapian::Query date_range_query(std::string_view range);

// Notes whose folders or file name include every part of `path` (papers/2023).
Xapian::Query path_query(std::string_view path);

// Notes that mention or link the arXiv id in `id_or_url`. Throws QueryError.
Xapian::Query arxiv_query(std::string_view id_or_url);

} // namespace jaryo
