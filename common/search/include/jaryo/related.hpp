#pragma once
// "More like this": a query for the notes most similar to one indexed note.
#include "jaryo/query_parser.hpp"

#include <filesystem>
#include <xapian.h>

namespace jaryo {

// The note's most distinctive words and tags (Xapian's expand set over the note alone), OR-ed
// and weighted by how distinctive they are; the note itself is excluded. Throws QueryError when
// the note is not in the database.
ParsedQuery related_query(const Xapian::Database& database, const std::filesystem::path& note);

} // namespace jaryo
