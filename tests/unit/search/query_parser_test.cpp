#include "jaryo/errors.hpp"
#include "jaryo/glossary.hpp"
#include "jaryo/query_parser.hpp"

#include "../../support/string_vectors.hpp"

#include <doctest/doctest.h>
#include <regex>

namespace {

// Xapian's description, with each typed word's terms (Z<stem> OR K<tag> OR S<stem>, and
// <norm> where it differs from the stem) shown as [stem/norm].
std::string describe(std::string_view query) {
    static jaryo::Analyzer analyzer;
    static const std::regex word(R"(\(Z([^ ]+) OR K[^ ]+ OR S[^ )]+(?: OR ([^ )]+))?\))");
    const std::string description = jaryo::parse_query(query, analyzer).query().get_description();
    std::string shown;
    auto copied = description.cbegin();
    for (std::sregex_iterator match(description.begin(), description.end(), word), end;
         match != end; ++match) {
        const std::smatch& found = *match;
        shown.append(copied, found[0].first);
        shown += "[" + found[1].str() + "/" + (found[2].matched ? found[2] : found[1]).str() + "]";
        copied = found[0].second;
    }
    shown.append(copied, description.cend());
    return shown;
}

struct Case {
    std::string query;
    std::string description;
};

} // namespace

TEST_CASE("query parser: words, phrases, exclusion, OR and groups") {
    // Words side by side: any may match; all of them, a phrase or proximity rank higher.
    const std::string side_by_side = "((([prefix/prefix] OR [lm/lm]) OR 1 * "
                                     "([prefix/prefix] AND [lm/lm])) OR 0.5 * (Zprefix "
                                     "PHRASE 2 Zlm)) OR 0.25 * (Zprefix NEAR 8 Zlm)";
    const Case cases[] = {
        {"모델을", "Query([모델/모델을])"},
        {"prefix lm", "Query((" + side_by_side + "))"},
        {"+prefix lm", "Query(((((([prefix/prefix] AND_MAYBE [lm/lm]) OR 1 * "
                       "([prefix/prefix] AND [lm/lm])) OR 0.5 * (Zprefix PHRASE 2 Zlm)) "
                       "OR 0.25 * (Zprefix NEAR 8 Zlm)) FILTER [prefix/prefix]))"},
        {"prefix AND lm", "Query(((([prefix/prefix] AND [lm/lm]) OR 0.5 * (Zprefix "
                          "PHRASE 2 Zlm)) OR 0.25 * (Zprefix NEAR 8 Zlm)))"},
        {"\"prefix lm이\"", "Query((Zprefix PHRASE 2 Zlm))"},
        {"gpt-4", "Query((Zgpt PHRASE 2 Z4))"},
        {"lm -causal", "Query(([lm/lm] AND_NOT [causal/causal]))"},
        {"lm NOT causal", "Query(([lm/lm] AND_NOT [causal/causal]))"},
        {"-causal", "Query((<alldocuments> AND_NOT [causal/causal]))"},
        {"bert OR gpt", "Query(([bert/bert] OR [gpt/gpt]))"},
        {"(bert OR gpt) 압축", "Query(((([bert/bert] OR [gpt/gpt]) OR [압축/압축]) OR 1 * "
                               "(([bert/bert] OR [gpt/gpt]) AND [압축/압축])))"},
        {"#alignment", "Query((Kalignment OR 0.5 * Zalign))"},
        {"#weak_supervision", "Query((Kweak_supervision OR 0.5 * (Zweak PHRASE 2 Zsupervis)))"},
        {"lm -#alignment", "Query(([lm/lm] AND_NOT Kalignment))"},
        {"lm ? !", "Query([lm/lm])"},
        {"the transformer", "Query([transform/transformer])"},
        {"the 모델을 위한", "Query([모델/모델을])"},
        {"+the transformer", "Query(((((([the/the] AND_MAYBE [transform/transformer]) OR 1 * "
                             "([the/the] AND [transform/transformer])) OR 0.5 * (Zthe "
                             "PHRASE 2 Ztransform)) OR 0.25 * (Zthe NEAR 8 Ztransform)) FILTER "
                             "[the/the]))"},
        {"\"unclosed phrase", "Query((Zunclos PHRASE 2 Zphrase))"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.query);
        CHECK(describe(c.query) == c.description);
    }
}

TEST_CASE("query parser: a query made only of function words searches them") {
    CHECK(describe("why is") == "Query((((([whi/why] OR [is/is]) OR 1 * ([whi/why] AND "
                                "[is/is])) OR 0.5 * (Zwhi PHRASE 2 Zis)) OR 0.25 * "
                                "(Zwhi NEAR 8 Zis)))");
}

TEST_CASE("query parser: fields, wildcards and NEAR") {
    const Case cases[] = {
        {"tag:alignment", "Query(Kalignment)"},
        {"태그:#Alignment", "Query(Kalignment)"},
        {"title:\"Prefix LM이\"", "Query((Sprefix AND Slm))"},
        {"path:papers/2023", "Query(0 * (Ppapers AND P2023))"},
        {"arxiv:2308.06912v2", "Query((A2308.06912 AND_MAYBE Z2308.06912))"},
        {"year:2023", "Query(VALUE_RANGE 3 2023 2023~)"},
        {"date:2023-08..2023-09", "Query(VALUE_RANGE 3 2023-08 2023-09~)"},
        {"date:..2023/08", "Query(VALUE_LE 3 2023-08~)"},
        {"날짜:2023-08-20..", "Query(VALUE_GE 3 2023-08-20)"},
        {"lm year:2023", "Query(([lm/lm] FILTER VALUE_RANGE 3 2023 2023~))"},
        {"tag:a tag:b lm", "Query(((((((Ka AND Kb) AND_MAYBE [lm/lm]) OR 1 * (Ka AND Kb AND "
                           "[lm/lm])) OR 0.5 * (Ka AND [lm/lm])) OR 0.5 * (Kb AND "
                           "[lm/lm])) FILTER (Ka AND Kb)))"},
        {"lm -year:2023", "Query(([lm/lm] AND_NOT VALUE_RANGE 3 2023 2023~))"},
        {"모델*", "Query(WILDCARD SYNONYM Z모델)"},
        {"모델 NEAR 학습", "Query((Z모델 NEAR 11 Z학습))"},
        {"모델 NEAR/3 학습", "Query((Z모델 NEAR 4 Z학습))"},
        {"https://arxiv.org/abs/2308.06912", "Query((Zhttps PHRASE 4 Zarxiv.org PHRASE 4 Zab "
                                             "PHRASE 4 Z2308.06912))"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.query);
        CHECK(describe(c.query) == c.description);
    }
}

TEST_CASE("query parser: malformed fields and NEAR fail with a message naming the problem") {
    jaryo::Analyzer analyzer;
    const std::pair<const char*, const char*> cases[] = {
        {"date:2023-8", "'2023-8' is not a date range"},
        {"year:last", "'last' is not a date range"},
        {"date:..", "'..' is not a date range"},
        {"date:2024..2023", "ends before it starts"},
        {"date:2023-13", "'2023-13' is not a date: there is no month 13"},
        {"date:2023-02-30..", "'2023-02-30' is not a date: 2023-02 has days 01 to 28"},
        {"year:2024-02-30", "2024-02 has days 01 to 29"},
        {"arxiv:llama", "'llama' is not an arXiv id"},
        {"title:?", "no word to look for in titles"},
        {"tag:!", "names no tag"},
        {"path:/", "path: needs a folder or file name"},
        {"NEAR 학습", "NEAR at column 1 needs a word on each side"},
        {"모델 NEAR \"a b\"", "needs a word on each side"},
        {"모델 NEAR/0 학습", "the distance must be a number from 1 to 1000"},
        {"모델 NEAR/x 학습", "the distance must be a number"},
    };
    for (const auto& [query, message] : cases) {
        CAPTURE(query);
        CHECK_THROWS_WITH_AS(jaryo::parse_query(query, analyzer), doctest::Contains(message),
                             jaryo::QueryError);
    }
}

TEST_CASE("query parser: highlight stems are the searched words, not the excluded ones") {
    jaryo::Analyzer analyzer;
    const jaryo::ParsedQuery parsed =
        jaryo::parse_query("모델을 \"prefix lm\" -causal #tag", analyzer);
    CHECK(parsed.highlight_stems() ==
          std::vector<std::string>{"모델", "prefix", "lm", "#tag", "tag"});
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

TEST_CASE("query parser: the loose form picks candidates without phrases") {
    jaryo::Analyzer analyzer;
    jaryo::Glossary glossary;
    glossary.add("환각\thallucination\nllm\tlarge language model\n", analyzer);
    const Case cases[] = {
        // A glossary's multi-word equivalent, and a tag's words: the AND of their words.
        {"llm", "(Zlarg AND Zlanguag AND Zmodel)"},
        {"#weak_supervision", "Query((Kweak_supervision OR 0.5 * (Zweak AND Zsupervis)))"},
        // So do a typed phrase and NEAR: positions are checked over the candidates only.
        {"\"prefix lm\"", "Query((Zprefix AND Zlm))"},
        {"prefix NEAR lm", "(Zprefix AND Zlm)"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.query);
        const jaryo::ParsedQuery parsed =
            jaryo::parse_query(c.query, analyzer, {nullptr, &glossary});
        CHECK(parsed.loose().get_description().find(c.description) != std::string::npos);
        const std::string plain = parsed.plain().get_description(); // positions decide matches
        CHECK((plain.find(" PHRASE ") != std::string::npos ||
               plain.find(" NEAR ") != std::string::npos));
    }
}
