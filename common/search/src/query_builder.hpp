#pragma once
// Xapian queries from a query tree (internal to the search library): one function builds every
// form the searcher needs, told by BuildOptions which.
#include "jaryo/query_parser.hpp" // PositionalRewrite
#include "jaryo/query_tree.hpp"
#include "jaryo/ranking.hpp"

#include <xapian.h>

namespace jaryo::query {

struct BuildOptions {
    ranking::Bonuses bonuses;
    // When set, every phrase and NEAR is built through it.
    const PositionalRewrite* rewrite = nullptr;
    // When set, every phrase and NEAR is the AND of its words instead.
    bool loose = false;
};

// The query for `tree`; with `top`, the top operands too, where the tree has one clause.
Xapian::Query build(const Tree& tree, const BuildOptions& options,
                    ranking::TopOperands* top = nullptr);

} // namespace jaryo::query
