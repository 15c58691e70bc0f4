#include "jaryo/analyzer.hpp"
#include "jaryo/korean.hpp"
#include "jaryo/stopwords.hpp"

#include <doctest/doctest.h>
#include <regex>
#include <string>

namespace {

// Compact rendering of a token stream: norm@position, norm>stem@position when the stem
// differs, +particle for a particle glued to the word before it.
std::string render(std::string_view text) {
    static jaryo::Analyzer analyzer;
    std::string out;
    jaryo::TokenStream tokens = analyzer.tokens(text);
    while (const jaryo::Token* token = tokens.next()) {
        if (!out.empty()) {
            out += ' ';
        }
        if (token->particle) {
            out += "+" + token->norm;
            continue;
        }
        out += token->norm;
        if (token->stem != token->norm) {
            out += ">" + token->stem;
        }
        out += '@';
        out += std::to_string(token->position);
    }
    return out;
}

struct Case {
    std::string text;
    std::string expected;
};

void check_renderings(std::initializer_list<Case> cases) {
    for (const Case& c : cases) {
        CAPTURE(c.text);
        CHECK(render(c.text) == c.expected);
    }
}

} // namespace

TEST_CASE("analyzer: English words are folded and stemmed") {
    check_renderings({
        {"Models are learning", "models>model@1 are@2 learning>learn@3"},
        {"in-context learning", "in@1 context@2 learning>learn@3"},
        {"LLM's outputs", "llm's>llm@1 outputs>output@2"},
        {"ＧＰＴ and Ｌｏｒａ", "gpt@1 and@2 lora@3"},
        {"v1.2.3 gpt4 arxiv.org", "v1.2.3@1 gpt4@2 arxiv.org@3"},
        {"", ""},
        {"  ... !!! ", ""},
    });
}

TEST_CASE("analyzer: Korean particles are stripped, nouns that end like particles are kept") {
    check_renderings({
        {"모델이 모델을 모델은 모델", "모델이>모델@1 모델을>모델@2 모델은>모델@3 모델@4"},
        {"속도 회의 아이 정도", "속도@1 회의@2 아이@3 정도@4"},
        {"데이터에서는 결과를 국가가", "데이터에서는>데이터@1 결과를>결과@2 국가가>국가@3"},
        {"언어모델은 언어 모델", "언어모델은>언어모델@1 언어@2 모델@3"},
        {"모델들이", "모델들이>모델@1"},
        {"2024년에 1만 3천", "2024년에>2024년@1 1만@2 3천@3"},
    });
}

TEST_CASE("analyzer: particles glued to foreign words split off and take no position") {
    check_renderings({
        {"prefix lm이 in-context", "prefix@1 lm@2 +이 in@3 context@4"},
        {"GPT-4를 BERT에서는", "gpt@1 4@2 +를 bert@3 +에서는"},
        {"LoRA라는 방법", "lora@1 +라는 방법@2"},
        {"ChatGPT의 한계", "chatgpt@1 +의 한계@2"},
        {"BERT식의", "bert@1 식의>식@2"},
    });
}

TEST_CASE("analyzer: hashtags and arXiv ids stay whole") {
    check_renderings({
        {"#alignment #instruction-tuning", "#alignment@1 alignment>align@1 #instruction-tuning@2 "
                                           "instruction>instruct@2 tuning>tune@3"},
        {"https://arxiv.org/abs/2308.06912v2", "https@1 arxiv.org@2 abs>ab@3 2308.06912@4"},
        {"issue #73, C# and page#top", "issue>issu@1 73@2 c@3 and@4 page@5 top@6"},
        {"## Heading", "heading>head@1"},
    });
}

TEST_CASE("analyzer: words joined by underscores are words apart, in tags too") {
    check_renderings({
        {"#weak_supervision", "#weak_supervision@1 weak@1 supervision>supervis@2"},
        {"max_seq_len을 늘렸다", "max@1 seq@2 len@3 +을 늘렸다@4"},
        {"__init__", "init@1"},
    });
}

TEST_CASE("analyzer: offsets point into the original text, whatever normalisation did") {
    jaryo::Analyzer analyzer;
    // Full-width Latin, decomposed (NFD) Hangul and a zero-width space change byte lengths.
    const std::string text = "ＧＰＴ \u1106\u1169\u1103\u1166\u11af\u110b\u1175 x\u200by";
    jaryo::TokenStream tokens = analyzer.tokens(text);
    const jaryo::Token* gpt = tokens.next();
    REQUIRE(gpt != nullptr);
    CHECK(gpt->norm == "gpt");
    CHECK(gpt->surface == "ＧＰＴ");
    const jaryo::Token* model = tokens.next();
    REQUIRE(model != nullptr);
    CHECK(model->norm == "모델이");
    CHECK(model->stem == "모델");
    CHECK(model->surface == "\u1106\u1169\u1103\u1166\u11af\u110b\u1175");
    const jaryo::Token* xy = tokens.next();
    REQUIRE(xy != nullptr);
    CHECK(xy->norm == "xy");
    CHECK(xy->surface == "x\u200by");
    CHECK(tokens.next() == nullptr);
}

TEST_CASE("analyzer: positions continue after the given position") {
    jaryo::Analyzer analyzer;
    jaryo::TokenStream tokens = analyzer.tokens("two words", 100);
    CHECK(tokens.next()->position == 101);
    CHECK(tokens.next()->position == 102);
}

TEST_CASE("analyzer: very long tokens are cut to a Xapian-safe length on a character boundary") {
    jaryo::Analyzer analyzer;
    const std::string long_word(20000, 'a');
    const std::string long_hangul = [] {
        std::string s;
        for (int i = 0; i < 200; ++i) {
            s += "가";
        }
        return s;
    }();
    for (const std::string& text : {long_word, long_hangul}) {
        jaryo::TokenStream tokens = analyzer.tokens(text);
        const jaryo::Token* token = tokens.next();
        REQUIRE(token != nullptr);
        CHECK(token->norm.size() <= jaryo::Analyzer::max_term_bytes);
        CHECK(token->stem.size() <= jaryo::Analyzer::max_term_bytes);
        CHECK(token->norm.size() % (text == long_word ? 1 : 3) == 0);
        CHECK(token->surface.size() == text.size());
    }
}

TEST_CASE("analyzer: identity names the analyzer, its version and its word lists") {
    const std::string identity = jaryo::Analyzer::identity();
    CHECK(identity.find("jaryo-analyzer/" + std::to_string(jaryo::Analyzer::version)) == 0);
    CHECK(identity.find("icu=") != std::string::npos);
    // A fingerprint of common/analysis/data/*.txt: editing a list re-indexes by itself.
    const std::regex lists(" lists=[0-9a-f]{12}$");
    CHECK(std::regex_search(identity, lists));
}

TEST_CASE("analyzer: the compiled-in word lists are the ones it uses") {
    // One entry of each list, as the analyzer applies it.
    CHECK(jaryo::is_stopword("the"));
    CHECK(jaryo::is_stopword("방법"));
    CHECK_FALSE(jaryo::is_stopword("model"));
    CHECK(jaryo::korean::strip_particles("회의를", false) == "회의"); // protected noun
    CHECK(jaryo::korean::strip_particles("회의", false) == "회의");
    CHECK(jaryo::korean::strip_particles("학습속도", false) == "학습속도"); // protected ending
    CHECK(jaryo::korean::strip_particles("정규화된", false) == "정규화");   // derivation ending
    CHECK(jaryo::korean::strip_particles("것을", false) == "것");           // one-syllable noun
}
