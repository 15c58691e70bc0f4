#include "jaryo/snippet.hpp"

#include <doctest/doctest.h>

namespace {

// The snippet with highlights shown as [brackets].
std::string marked(std::string_view text, std::unordered_set<std::string> stems,
                   std::size_t width = 160) {
    static jaryo::Analyzer analyzer;
    const jaryo::Snippet snippet = jaryo::make_snippet(text, stems, analyzer, width);
    std::string out;
    std::size_t at = 0;
    for (const auto& [start, end] : snippet.highlights) {
        out += snippet.text.substr(at, start - at) + "[" + snippet.text.substr(start, end - start) +
               "]";
        at = end;
    }
    return out + snippet.text.substr(at);
}

} // namespace

TEST_CASE("snippet: whole words are highlighted, with their particles") {
    CHECK(marked("이 모델을 학습한다", {"모델"}) == "이 [모델을] 학습한다");
    CHECK(marked("prefix lm이 좋다", {"prefix", "lm"}) == "[prefix] [lm이] 좋다");
    CHECK(marked("Models were trained", {"model"}) == "[Models] were trained");
    CHECK(marked("see #alignment here", {"#alignment"}) == "see [#alignment] here");
}

TEST_CASE("snippet: words found in the folded text are highlighted as written") {
    // Only the words holding a query word are analysed, each mapped back to where it stands.
    CHECK(marked("전각 ＧＰＴ를 쓰고\t#LLM 태그와\nlm이 나온다", {"gpt", "#llm", "lm"}) ==
          "전각 [ＧＰＴ를] 쓰고 [#LLM] 태그와 [lm이] 나온다");
    CHECK(marked("helm film lm", {"lm"}) == "helm film [lm]");
}

TEST_CASE("snippet: whitespace is collapsed to one line") {
    CHECK(marked("a\n\n  b\tc", {}) == "a b c");
    std::string long_text(300, 'x');
    long_text += " \n\n  target word";
    CHECK(marked(long_text, {"target"}, 20) == "… [target] word");
}

TEST_CASE("snippet: the passage with the most distinct query words wins") {
    std::string text = "causal lm appears here. ";
    for (int i = 0; i < 40; ++i) {
        text += "filler words without interest. ";
    }
    text += "Here prefix lm and causal lm are compared. ";
    for (int i = 0; i < 40; ++i) {
        text += "more filler words. ";
    }
    const std::string snippet = marked(text, {"prefix", "causal", "lm"}, 80);
    CHECK(snippet.find("[prefix] [lm] and [causal] [lm]") != std::string::npos);
    CHECK(snippet.rfind("… ", 0) == 0);
    CHECK(snippet.size() < text.size() / 4);
}

TEST_CASE(
    "snippet: in long notes only the places that can match are analysed, with the same result") {
    std::string filler;
    for (int i = 0; i < 600; ++i) {
        filler += "모델과 데이터에 대한 일반적인 이야기 ";
    }
    const std::string text =
        filler + "Happy results: 양자화를 적용한 prefix lm이 좋았다. " + filler;
    REQUIRE(text.size() > 20000);
    const std::string snippet = marked(text, {"happi", "양자화", "prefix", "lm"}, 60);
    CHECK(snippet.find("[Happy] results: [양자화를] 적용한 [prefix] [lm이] 좋았다.") !=
          std::string::npos);
    CHECK(snippet.rfind("… ", 0) == 0);
}

TEST_CASE("snippet: in a long note the passage with the most distinct words wins over words "
          "scattered everywhere") {
    std::string text;
    for (int i = 0; i < 60; ++i) {
        text += i % 2 == 0 ? "모델 이야기가 또 나온다. " : "여기에는 lm 하나와 긴 설명만 있다. ";
        text += "관련 없는 문장으로 채운 부분입니다. 관련 없는 문장으로 채운 부분입니다. ";
    }
    text += "핵심: prefix lm과 causal lm을 비교한 모델 실험이다. ";
    for (int i = 0; i < 60; ++i) {
        text += "모델 이야기가 또 나온다. 관련 없는 문장으로 채운 부분입니다. ";
    }
    REQUIRE(text.size() > 8000);
    const std::string snippet = marked(text, {"prefix", "causal", "lm", "모델"}, 60);
    CHECK(snippet.find("[prefix] [lm과] [causal] [lm을] 비교한 [모델]") != std::string::npos);
}

TEST_CASE("snippet: without matches the note's beginning is shown") {
    const std::string snippet =
        marked("first words of the note and then a lot more text", {"absent"}, 20);
    CHECK(snippet.rfind("first words", 0) == 0);
    CHECK(snippet.find("…") != std::string::npos);
}
