#pragma once
// Xapian queries from a query tree (internal to the search library): one function builds every
// form the searcher needs, told by BuildOptions which.
#include "jaryo/query_tree.hpp"
#include "jaryo/ranking.hpp"

#include <functional>
#include <string>
#include <vector>
#include <xapian.h>

namespace jaryo::query {

// Given a phrase or NEAR query and its terms, the query to build in its place.
using PositionalRewrite =
    std::function<Xapian::Query(const Xapian::Query&, const std::vector<std::string>&)>;

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
