// The query tree: what the parser makes of text, printed, before any Xapian query is built.
#include "jaryo/glossary.hpp"
#include "jaryo/query_parser.hpp"
#include "jaryo/schema.hpp"

#include "../../support/temp_dir.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <string>
#include <vector>

namespace {

struct Case {
    std::string query;
    std::string tree;
};

void check_trees(const std::vector<Case>& cases, const jaryo::QueryContext& context = {}) {
    jaryo::Analyzer analyzer;
    for (const Case& c : cases) {
        CAPTURE(c.query);
        CHECK(jaryo::query::describe(jaryo::parse_query_tree(c.query, analyzer, context)) ==
              c.tree);
    }
}

} // namespace

TEST_CASE("query tree: words, phrases, tags, groups, exclusion and flags") {
    check_trees({
        {"모델을", "word(모델 exact:모델을)"},
        {"GPT-4를 모델이", "phrase(gpt 4) word(모델 exact:모델이)"},
        {"prefix lm", "word(prefix) word(lm)"},
        {"+prefix lm", "+word(prefix) word(lm)"},
        {"prefix AND lm", "+word(prefix) +word(lm)"},
        {"\"prefix lm이\"", "phrase(prefix lm)"},
        {"lm -causal NOT bert", "word(lm) -word(causal) -word(bert)"},
        {"-causal", "-word(causal)"},
        {"bert OR gpt 압축", "word(bert) OR word(gpt) word(압축)"},
        {"(bert OR gpt) 압축", "(word(bert) OR word(gpt)) word(압축)"},
        {"#weak_supervision", "tag(#weak_supervision words:weak supervis)"},
        {"lm -#alignment", "word(lm) -tag(#alignment)"},
        {"#tag,word", "all(tag(#tag words:tag) word(word))"},
        // Function words go where other words remain, and stay where required or alone.
        {"the 모델을 위한", "word(모델 exact:모델을)"},
        {"+the transformer", "+~word(the) word(transform exact:transformer)"},
        {"why is", "~word(whi exact:why) ~word(is)"},
        {"lm ? !", "word(lm)"},
    });
}

TEST_CASE("query tree: fields, wildcards and NEAR") {
    check_trees({
        {"tag:Alignment", "+tag:Kalignment"},
        {"title:\"Prefix LM이\"", "+title:(Sprefix AND Slm)"},
        {"path:papers/2023 lm", "+=path:(Ppapers AND P2023) word(lm)"},
        {"year:2023 \"prefix lm\"", "+=year:VALUE_RANGE 3 2023 2023~ phrase(prefix lm)"},
        {"arxiv:2308.06912v2", "+arxiv:(A2308.06912 AND_MAYBE Z2308.06912)"},
        {"모델*", "wildcard(모델*)"},
        {"모델 NEAR 학습", "near/11(모델 학습)"},
        {"+모델 NEAR/3 학습을", "+near/4(모델 학습)"},
        // Field names in any case; punctuation as input methods and copied text write it.
        {"TITLE:llama Tag:llm", "+TITLE:Sllama +Tag:Kllm"},
        {"tag\uff1allm", "+tag:Kllm"},
        {"\u201cprefix lm\u201d", "phrase(prefix lm)"},
        {"prefix\u3000lm\u00a0model", "word(prefix) word(lm) word(model)"},
        {"\uff08bert OR gpt\uff09", "(word(bert) OR word(gpt))"},
    });
}

TEST_CASE("query tree: an unknown field close to a known one is searched as words, with a note") {
    jaryo::Analyzer analyzer;
    const struct {
        const char* query;
        std::vector<std::string> warnings;
    } cases[] = {
        {"tags:llm", {"'tags:' is not a field; did you mean tag:? (searched 'tags:llm' as words)"}},
        {"titel:llama 모델",
         {"'titel:' is not a field; did you mean title:? (searched 'titel:llama' as words)"}},
        {"https://arxiv.org/abs/2308.06912", {}},
        {"note:llm", {}},
        {"tag:llm", {}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.query);
        CHECK(jaryo::parse_query_tree(c.query, analyzer).warnings == c.warnings);
    }
    CHECK(jaryo::query::describe(jaryo::parse_query_tree("tags:llm", analyzer)) ==
          "phrase(tag llm)");
}

TEST_CASE("query tree: the glossary and the database's words widen it") {
    const jaryo::testing::TempDir dir;
    Xapian::WritableDatabase lexicon((dir.path() / "db").string(), Xapian::DB_CREATE);
    Xapian::Document words;
    for (const char* term : {"Z하이퍼파라미터", "Z프롬프트", "Z엔지니어링", "Z프롬프트"}) {
        words.add_term(term);
    }
    lexicon.add_document(words);
    lexicon.commit();
    jaryo::Analyzer analyzer;
    jaryo::Glossary glossary;
    glossary.add("환각\thallucination\n능동 학습\tactive learning\n프롬프트 엔지니어링\tprompt "
                 "engineering\n",
                 analyzer);
    check_trees(
        {
            {"환각을", "either(word(환각 exact:환각을) | hallucin)"},
            {"능동 학습 모델", "either(word(능동) word(학습) | activ learn) word(모델)"},
            // Spacing: apart in the query, joined in the notes; joined in the query, apart.
            {"하이퍼 파라미터", "joined(word(하이퍼) word(파라미터) | 하이퍼파라미터)"},
            {"\"하이퍼 파라미터\"", "phrase(하이퍼 파라미터)"},
            {"프롬프트엔지니어링",
             "either(word(프롬프트엔지니어링 parts:프롬프트 엔지니어링) | prompt engin)"},
            // Excluded words are looked up nowhere.
            {"-환각 모델", "word(모델) -word(환각)"},
        },
        {&lexicon, &glossary});
}

TEST_CASE("query tree: phrases and NEARs are counted for the searcher's position checks") {
    jaryo::Analyzer analyzer;
    const std::pair<const char*, std::size_t> cases[] = {
        {"prefix lm", 0},      {"\"prefix lm\"", 1},           {"#weak_supervision", 1},
        {"모델 NEAR 학습", 1}, {"(a OR \"b c\") -\"d e\"", 2}, {"-#weak_supervision", 0},
    };
    for (const auto& [query, count] : cases) {
        CAPTURE(query);
        CHECK(jaryo::query::positional_count(jaryo::parse_query_tree(query, analyzer)) == count);
    }
}

TEST_CASE("query tree: what two notes or more gloss alike widens it, not a veto or one note") {
    const jaryo::testing::TempDir dir;
    Xapian::WritableDatabase notes((dir.path() / "db").string(), Xapian::DB_CREATE);
    // Gloss terms as the index writes them (schema.hpp), both ways, for `count` notes, each
    // of its own text unless they are `copies`.
    int texts = 0;
    const auto gloss = [&](const std::string& a, const std::string& b, int count,
                           bool copies = false) {
        ++texts;
        for (int note = 0; note < count; ++note) {
            Xapian::Document document;
            document.add_boolean_term(jaryo::schema::gloss_term(a, b));
            document.add_boolean_term(jaryo::schema::gloss_term(b, a));
            document.add_value(jaryo::schema::content_slot,
                               std::to_string(copies ? texts : texts++));
            notes.add_document(document);
        }
    };
    gloss("역전파", "backpropag", 2);
    gloss("잠재 공간", "latent space", 1);
    // 대규모 언어 모델(LLM) in three notes: its shorter candidates give way to it.
    for (const char* term : {"모델", "언어 모델", "대규모 언어 모델"}) {
        gloss(term, "llm", 3);
    }
    gloss("쿼카", "quokka", 2);
    gloss("왈라비", "wallaby", 3, true); // one note saved in three folders
    notes.commit();
    jaryo::Analyzer analyzer;
    jaryo::Glossary vetoes;
    vetoes.add("!쿼카\tquokka\n", analyzer);
    check_trees(
        {
            {"역전파를", "either(word(역전파 exact:역전파를) | backpropag)"},
            {"backpropagation", "either(word(backpropag exact:backpropagation) | 역전파)"},
            {"잠재 공간", "word(잠재) word(공간)"},
            {"llm", "either(word(llm) | 대규모 언어 모델)"},
            {"대규모 언어 모델", "either(word(대규모) word(언어) word(모델) | llm)"},
            {"모델", "word(모델)"},
            {"쿼카", "word(쿼카)"},
            {"왈라비", "word(왈라비)"},
        },
        {&notes, &vetoes});
    // Explained as glossed in the notes.
    const jaryo::ParsedQuery parsed = jaryo::parse_query("역전파", analyzer, {&notes, &vetoes});
    const auto glossed = std::find_if(
        parsed.terms().begin(), parsed.terms().end(),
        [](const jaryo::QueryTerm& term) { return term.origin == jaryo::TermOrigin::Glossed; });
    REQUIRE(glossed != parsed.terms().end());
    CHECK(glossed->term == "Zbackpropag");
    CHECK(jaryo::to_string(glossed->origin) == "glossed in your notes");
}
