#include "jaryo/errors.hpp"
#include "jaryo/query_parser.hpp"

#include <doctest/doctest.h>

namespace {

std::string describe(std::string_view query) {
    static jaryo::Analyzer analyzer;
    return jaryo::parse_query(query, analyzer).query.get_description();
}

struct Case {
    std::string query;
    std::string description;
};

} // namespace

TEST_CASE("query parser: words, phrases, exclusion, OR and groups") {
    const Case cases[] = {
        {"모델을", "Query((Z모델 OR 모델을))"},
        {"prefix lm", "Query(((Zprefix OR prefix) AND (Zlm OR lm)))"},
        {"\"prefix lm이\"", "Query((Zprefix PHRASE 2 Zlm))"},
        {"gpt-4", "Query((Zgpt PHRASE 2 Z4))"},
        {"lm -causal", "Query(((Zlm OR lm) AND_NOT (Zcausal OR causal)))"},
        {"lm NOT causal", "Query(((Zlm OR lm) AND_NOT (Zcausal OR causal)))"},
        {"-causal", "Query((<alldocuments> AND_NOT (Zcausal OR causal)))"},
        {"bert OR gpt", "Query(((Zbert OR bert) OR (Zgpt OR gpt)))"},
        {"(bert OR gpt) 압축", "Query((((Zbert OR bert) OR (Zgpt OR gpt)) AND (Z압축 OR 압축)))"},
        {"#alignment", "Query(Kalignment)"},
        {"lm ? !", "Query((Zlm OR lm))"},
        {"\"unclosed phrase", "Query((Zunclos PHRASE 2 Zphrase))"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.query);
        CHECK(describe(c.query) == c.description);
    }
}

TEST_CASE("query parser: highlight stems are the searched words, not the excluded ones") {
    jaryo::Analyzer analyzer;
    const jaryo::ParsedQuery parsed =
        jaryo::parse_query("모델을 \"prefix lm\" -causal #tag", analyzer);
    CHECK(parsed.highlight_stems == std::vector<std::string>{"모델", "prefix", "lm", "#tag"});
}

TEST_CASE("query parser: malformed queries fail with a message naming the problem") {
    jaryo::Analyzer analyzer;
    CHECK_THROWS_WITH_AS(jaryo::parse_query("(bert OR gpt", analyzer),
                         "unmatched '(' at column 1 of the query", jaryo::QueryError);
    CHECK_THROWS_WITH_AS(jaryo::parse_query("bert)", analyzer),
                         "unmatched ')' at column 5 of the query", jaryo::QueryError);
    for (const char* empty : {"", "   ", "?!", "OR", "- -- ...", "\"\"", "()"}) {
        CAPTURE(empty);
        CHECK_THROWS_AS(jaryo::parse_query(empty, analyzer), jaryo::QueryError);
    }
}
