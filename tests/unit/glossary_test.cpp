#include "jaryo/glossary.hpp"
#include "jaryo/query_parser.hpp"

#include "../support/string_vectors.hpp"

#include <doctest/doctest.h>

namespace {

std::vector<std::string> equivalents(const jaryo::Glossary& glossary, const std::string& key) {
    std::vector<std::string> texts;
    for (const jaryo::Glossary::Expression* expression : glossary.alternatives(key)) {
        texts.push_back(expression->text);
    }
    return texts;
}

} // namespace

TEST_CASE("glossary: expressions are keyed by their analysed stems") {
    jaryo::Analyzer analyzer;
    jaryo::Glossary glossary;
    glossary.add("# comment\n환각\thallucination\n미세조정\tfine-tuning\r\nlonely\n\n능동 "
                 "학습\tactive learning\n",
                 analyzer);
    CHECK(glossary.size() == 3); // the one-expression line is ignored
    CHECK(equivalents(glossary, "환각") == std::vector<std::string>{"hallucination"});
    CHECK(equivalents(glossary, "hallucin") == std::vector<std::string>{"환각"});
    CHECK(equivalents(glossary, "fine tune") == std::vector<std::string>{"미세조정"});
    CHECK(equivalents(glossary, "능동 학습") == std::vector<std::string>{"active learning"});
    CHECK(equivalents(glossary, "lonely").empty());
    CHECK(glossary.longest_expression() == 2);
}

TEST_CASE("glossary: an expression in several groups gathers every equivalent once") {
    jaryo::Analyzer analyzer;
    jaryo::Glossary glossary;
    glossary.add("추론\treasoning\n추론 속도\tinference\n추론\tinference\n", analyzer);
    CHECK(equivalents(glossary, "추론") == std::vector<std::string>{"reasoning", "inference"});
}

TEST_CASE("glossary: query words it lists also search their equivalents, weighted lower") {
    jaryo::Analyzer analyzer;
    jaryo::Glossary glossary;
    glossary.add("환각\thallucination\n능동 학습\tactive learning\n", analyzer);
    const jaryo::QueryContext context{nullptr, &glossary};
    CHECK(jaryo::parse_query("환각을", analyzer, context).query.get_description() ==
          "Query(((Z환각 OR K환각 OR S환각 OR 환각을) OR 0.5 * Zhallucin))");
    CHECK(jaryo::parse_query("능동 학습", analyzer, context).query.get_description() ==
          "Query((((Z능동 OR K능동 OR S능동) AND (Z학습 OR K학습 OR S학습)) OR "
          "0.5 * (Zactiv PHRASE 2 Zlearn)))");
    const jaryo::ParsedQuery parsed = jaryo::parse_query("환각", analyzer, context);
    CHECK(parsed.highlight_stems == std::vector<std::string>{"환각", "hallucin"});
}

TEST_CASE("glossary: the built-in glossary has hundreds of expressions and loads") {
    jaryo::Analyzer analyzer;
    const jaryo::Glossary glossary = jaryo::Glossary::load_default(analyzer);
    CHECK(glossary.size() >= 250);
    CHECK(!glossary.alternatives("환각").empty());
    CHECK(!glossary.alternatives("양자화").empty());
    CHECK(!glossary.alternatives("fine tune").empty());
}

TEST_CASE("glossary: a stored form is read back, and one from other files or damaged is ignored") {
    jaryo::Analyzer analyzer;
    const jaryo::Glossary analysed = jaryo::Glossary::load_default(analyzer);
    const std::string stored = analysed.stored_form();
    const jaryo::Glossary restored = jaryo::Glossary::load_default(analyzer, stored);
    CHECK(restored.size() == analysed.size());
    CHECK(restored.longest_expression() == analysed.longest_expression());
    for (const std::string key : {"환각", "hallucin", "fine tune", "양자화"}) {
        CAPTURE(key);
        CHECK(equivalents(restored, key) == equivalents(analysed, key));
    }
    CHECK(restored.stored_form() == stored);

    // Read, not analysed again: a group written by hand into a stored form is found.
    const std::string sources = stored.substr(0, stored.find('\n'));
    const std::string planted = sources + "\nfoo\x1f"
                                          "foo\tbar baz\x1f"
                                          "bar baz";
    CHECK(equivalents(jaryo::Glossary::load_default(analyzer, planted), "foo") ==
          std::vector<std::string>{"bar baz"});
    // Another glossary or analyzer, or a damaged form: analysed afresh.
    const std::string other = "jaryo-glossary 0000000000000000\nfoo\x1f"
                              "foo\tbar\x1f"
                              "bar";
    CHECK(jaryo::Glossary::load_default(analyzer, other).size() == analysed.size());
    CHECK(equivalents(jaryo::Glossary::load_default(analyzer, other), "foo").empty());
    CHECK(jaryo::Glossary::load_default(analyzer, sources + "\nfoo\tbar").size() ==
          analysed.size());
    CHECK(jaryo::Glossary::load_default(analyzer, "").size() == analysed.size());
}
