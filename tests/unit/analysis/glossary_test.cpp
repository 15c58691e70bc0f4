#include "jaryo/glossary.hpp"
#include "jaryo/query_parser.hpp"

#include "../../support/string_vectors.hpp"

#include <doctest/doctest.h>
#include <map>

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
    CHECK(jaryo::parse_query("환각을", analyzer, context).query().get_description() ==
          "Query(((Z환각 OR K환각 OR S환각 OR 환각을) OR 0.5 * Zhallucin))");
    CHECK(jaryo::parse_query("능동 학습", analyzer, context).query().get_description() ==
          "Query((((Z능동 OR K능동 OR S능동) AND (Z학습 OR K학습 OR S학습)) OR "
          "0.5 * (Zactiv PHRASE 2 Zlearn)))");
    const jaryo::ParsedQuery parsed = jaryo::parse_query("환각", analyzer, context);
    CHECK(parsed.highlight_stems() == std::vector<std::string>{"환각", "hallucin"});
}

TEST_CASE("glossary: the built-in glossary holds jaryo's groups and both compiled lexicons") {
    jaryo::Analyzer analyzer;
    const jaryo::Glossary glossary = jaryo::Glossary::load_default(analyzer);
    CHECK(glossary.size() >= 700);
    CHECK(!glossary.alternatives("환각").empty());
    CHECK(!glossary.alternatives("양자화").empty());
    CHECK(!glossary.alternatives("fine tune").empty());
    // One group of each lexicon file (common/analysis/data/lexicon-*.tsv), both directions.
    CHECK(equivalents(glossary, "자기회귀 모델") ==
          std::vector<std::string>{"autoregressive model"});
    CHECK(equivalents(glossary, "autoregress model") == std::vector<std::string>{"자기회귀 모델"});
    CHECK(equivalents(glossary, "동적 프로그래밍") ==
          std::vector<std::string>{"dynamic programming"});
    // Another sense of a word jaryo's own groups use is left out: 정렬 stays alignment.
    for (const jaryo::Glossary::Expression* expression : glossary.alternatives("정렬")) {
        CHECK(expression->text != "sorting");
    }
}

TEST_CASE("glossary: a stored form is read back, and one from other files or damaged is ignored") {
    using Entries = std::map<std::string, std::string>;
    // Reads `entries` as a database would, counting the reads.
    const auto reader = [](const Entries& entries, std::size_t& reads) {
        return [&entries, &reads](const std::string& name) {
            ++reads;
            const auto entry = entries.find(name);
            return entry == entries.end() ? std::string() : entry->second;
        };
    };
    jaryo::Analyzer analyzer;
    const jaryo::Glossary analysed = jaryo::Glossary::load_default(analyzer);
    CHECK(!analysed.is_stored());
    const Entries stored = analysed.stored_form();
    std::size_t reads = 0;
    const jaryo::Glossary restored = jaryo::Glossary::load_default(analyzer, reader(stored, reads));
    CHECK(restored.is_stored());
    CHECK(restored.size() == analysed.size());
    CHECK(restored.longest_expression() == analysed.longest_expression());
    for (const std::string key : {"환각", "hallucin", "fine tune", "양자화", "no such words"}) {
        CAPTURE(key);
        CHECK(equivalents(restored, key) == equivalents(analysed, key));
    }
    CHECK(reads == 6); // the header, then each key looked up once
    CHECK(equivalents(restored, "환각") == equivalents(analysed, "환각"));
    CHECK(reads == 6);

    // Read, not analysed again: a group written by hand into a stored form is found.
    const std::string sources = stored.at("").substr(0, stored.at("").find('\t'));
    const Entries planted = {{"", sources + "\t2\t1"},
                             {"foo", "bar baz\x1f"
                                     "bar baz"},
                             {"bar baz", "foo\x1f"
                                         "foo"}};
    const jaryo::Glossary read = jaryo::Glossary::load_default(analyzer, reader(planted, reads));
    CHECK(read.size() == 1);
    CHECK(read.longest_expression() == 2);
    CHECK(equivalents(read, "foo") == std::vector<std::string>{"bar baz"});
    CHECK(equivalents(read, "bar baz") == std::vector<std::string>{"foo"});
    CHECK(equivalents(read, "환각").empty());
    // Another glossary or analyzer, or a damaged header: analysed afresh; a damaged entry
    // names no alternative.
    for (const std::string& header :
         {std::string("jaryo-glossary 0000000000000000\t1\t1"), sources, std::string()}) {
        CAPTURE(header);
        const Entries other = {{"", header},
                               {"foo", "bar\x1f"
                                       "bar"}};
        const jaryo::Glossary fresh = jaryo::Glossary::load_default(analyzer, reader(other, reads));
        CHECK(!fresh.is_stored());
        CHECK(fresh.size() == analysed.size());
        CHECK(equivalents(fresh, "foo").empty());
    }
    const Entries damaged = {{"", sources + "\t1\t1"},
                             {"foo", "bar\tbaz\x1f"
                                     "baz"}};
    CHECK(equivalents(jaryo::Glossary::load_default(analyzer, reader(damaged, reads)), "foo") ==
          std::vector<std::string>{"baz"});
}
