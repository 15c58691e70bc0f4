#include "jaryo/korean.hpp"

#include <doctest/doctest.h>

namespace {
struct Case {
    std::string word;
    std::string stem;
};
} // namespace

TEST_CASE("korean: particles come off nouns") {
    const Case cases[] = {
        {"모델이", "모델"},
        {"모델가", "모델가"},
        {"데이터가", "데이터"},
        {"모델을", "모델"},
        {"데이터를", "데이터"},
        {"모델의", "모델"},
        {"학습에서", "학습"},
        {"학습에서는", "학습"},
        {"모델로", "모델"},
        {"방법으로", "방법"},
        {"방법으로는", "방법"},
        {"파라미터와", "파라미터"},
        {"방법과", "방법"},
        {"그것만으로도", "그것"},
        {"사회의", "사회"},
        {"것이", "것"},
        {"그의", "그"},
        {"집부터", "집"},
        {"결과를", "결과"},
        {"주의의", "주의"},
        {"성능까지도", "성능"},
        {"모델들은", "모델"},
        {"트랜스포머보다", "트랜스포머"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.word);
        CHECK(jaryo::korean::strip_particles(c.word) == c.stem);
    }
}

TEST_CASE("korean: nouns that merely end like a particle are kept") {
    const std::string nouns[] = {"속도",   "회의",   "아이", "정도", "국가",     "평가",
                                 "결과",   "종이",   "사이", "함께", "사랑",     "제국주의",
                                 "정확도", "유사도", "하나", "나라", "우리나라", "분야",
                                 "아들",   "길이",   "의",   "이"};
    for (const std::string& noun : nouns) {
        CAPTURE(noun);
        CHECK(jaryo::korean::strip_particles(noun) == noun);
    }
}

TEST_CASE("korean: 하다, 되다 and 시키다 derivations reduce to their noun") {
    const Case cases[] = {
        {"정규화하고", "정규화"}, {"정규화된", "정규화"}, {"파인튜닝하는", "파인튜닝"},
        {"학습시키는", "학습"},   {"개선되었다", "개선"}, {"정렬하기를", "정렬"},
        {"사용함으로써", "사용"}, {"효율적인", "효율적"}, {"제한된", "제한"},
        {"대한", "대한"},         {"위한", "위한"},       {"역할", "역할"},
        {"무제한으로", "무제한"}, {"지중해", "지중해"},   {"상황하에서", "상황하"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.word);
        CHECK(jaryo::korean::strip_particles(c.word) == c.stem);
    }
}

TEST_CASE("korean: after digits a unit noun is part of the number") {
    CHECK(jaryo::korean::strip_particles("진과", true) == "진");
    CHECK(jaryo::korean::strip_particles("진과", false) == "진과");
    CHECK(jaryo::korean::starts_with_numeral_unit("만원"));
    CHECK_FALSE(jaryo::korean::starts_with_numeral_unit("를"));
}

TEST_CASE("korean: a particle glued to a foreign word is recognised whole") {
    for (const char* particle : {"이", "를", "에서는", "으로", "라는", "과의", "만으로도"}) {
        CAPTURE(particle);
        CHECK(jaryo::korean::is_particle(particle));
    }
    for (const char* word : {"모델", "식의", "학습", ""}) {
        CAPTURE(word);
        CHECK_FALSE(jaryo::korean::is_particle(word));
    }
}

TEST_CASE("korean: sentence endings on the copula come off nouns, not off nouns that end alike") {
    const Case cases[] = {
        {"모델이군요", "모델"},
        {"모델이네요", "모델"},
        {"모델이라", "모델"},
        {"모델이에요", "모델"},
        {"모델인데", "모델"},
        {"데이터인데", "데이터"},
        {"모델이었는데", "모델"},
        {"아이인데", "아이"},
        {"속도인데", "속도"},
        // Nouns that end like the vowel forms keep them: 라, 네요 only after foreign words.
        {"카메라", "카메라"},
        {"인프라", "인프라"},
        {"미이라", "미이라"},
        {"회의라", "회의라"},
        {"데이터네요", "데이터네요"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.word);
        CHECK(jaryo::korean::strip_particles(c.word) == c.stem);
    }
}
