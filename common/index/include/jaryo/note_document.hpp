#pragma once
// A note as a Xapian document, laid out as jaryo/schema.hpp says.
#include "jaryo/analyzer.hpp"
#include "jaryo/note.hpp"

#include <xapian.h>

namespace jaryo {

Xapian::Document build_document(const Note& note, Analyzer& analyzer);

} // namespace jaryo
