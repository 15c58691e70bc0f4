#pragma once
// Twelve short notes on a few ML topics, mixed Korean and English, two tagged #lm: enough for
// rankings to have something to order, and for shards to each get some.
#include "temp_dir.hpp"

#include <fmt/format.h>

namespace jaryo::testing {

// Writes notes/00.md … notes/11.md below `dir`.
inline void write_topic_notes(const TempDir& dir) {
    const char* topics[] = {"언어 모델이 in-context learning을 잘한다",
                            "prefix lm과 causal lm 비교 #lm",
                            "모델 압축과 distillation 정리",
                            "bert 압축 실험: 양자화와 pruning",
                            "diffusion 모델로 이미지 생성",
                            "speculative decoding으로 추론 가속",
                            "한국어 언어모델 평가 벤치마크 #lm",
                            "rejection sampling과 rlhf",
                            "vision transformer 백본으로 디텍션",
                            "멀티모달 llm이 이미지를 이해하는 방법",
                            "하이퍼파라미터 탐색과 학습률 스케줄",
                            "토크나이저가 한국어 모델 성능에 주는 영향"};
    int number = 0;
    for (const char* topic : topics) {
        dir.write(fmt::format("notes/{:02}.md", number),
                  fmt::format("# 노트 {}\n\n{}\n", number, topic));
        ++number;
    }
}

} // namespace jaryo::testing
