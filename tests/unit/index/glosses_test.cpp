#include "jaryo/glosses.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

namespace {

std::vector<std::string> pairs_of(std::string_view text) {
    static jaryo::Analyzer analyzer;
    std::vector<std::string> shown;
    for (const auto& [term, gloss] : jaryo::gloss_candidates(text, analyzer)) {
        shown.push_back(term + " = " + gloss);
    }
    return shown;
}

} // namespace

TEST_CASE("glosses: a term and its equivalent in parentheses, each length of term a candidate") {
    const struct {
        const char* text;
        std::vector<std::string> pairs;
    } cases[] = {
        {"역전파(backpropagation)로 학습한다", {"역전파 = backpropag"}},
        {"이번엔 잠재 공간 (latent space)에서",
         {"공간 = latent space", "이번엔 잠재 공간 = latent space", "잠재 공간 = latent space"}},
        {"we map to latent space(잠재 공간) first",
         {"latent space = 잠재 공간", "space = 잠재 공간"}},
        {"대규모 언어 모델(LLM)은", {"대규모 언어 모델 = llm", "모델 = llm", "언어 모델 = llm"}},
        // A word of the gloss's own script ends the term; so does punctuation.
        {"GPT의 attention 트랜스포머(Transformer)", {"트랜스포머 = transform"}},
        {"결과, 모델(model)", {"모델 = model"}},
        {"어떤 검토기(checker)", {"검토기 = checker"}},
        // A clause before the parenthesis: the gloss is of the clause, not of a name in it.
        {"입자 사이 미는 힘(repulsion)", {}},
        {"학습된 모델(trained model)", {}},
        {"성능이 떨어지는(mode collapse)", {}},
        // Not glosses: years, citations, mixed scripts, nothing before, the same script.
        {"모델(2023)", {}},
        {"모델 (Vaswani et al., 2017)", {}},
        {"(transformer) 모델", {}},
        {"모델(모형)", {}},
        {"model (moduł)", {}},
        {"역전파(back\npropagation)", {}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(pairs_of(c.text) == c.pairs);
    }
}
