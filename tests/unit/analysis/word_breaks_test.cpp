#include "jaryo/word_breaks.hpp"

#include <doctest/doctest.h>
#include <memory>
#include <random>
#include <string>
#include <unicode/brkiter.h>
#include <unicode/unistr.h>
#include <vector>

namespace {

// "word|status word|status ...": where an iterator breaks `text`, and the rule status of each
// piece.
std::string breaks(icu::BreakIterator& words, const icu::UnicodeString& text) {
    words.setText(text);
    std::string rendered;
    std::int32_t start = words.first();
    for (std::int32_t end = words.next(); end != icu::BreakIterator::DONE; end = words.next()) {
        std::string piece;
        text.tempSubStringBetween(start, end).toUTF8String(piece);
        rendered += piece + "|" + std::to_string(words.getRuleStatus()) + " ";
        start = end;
    }
    return rendered;
}

std::unique_ptr<icu::BreakIterator> standard_word_breaks() {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> words(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    REQUIRE(U_SUCCESS(status));
    return words;
}

} // namespace

TEST_CASE("word breaks: rules compiled at build time break where ICU's standard rules do") {
    CHECK(jaryo::word_breaks_precompiled());
    const std::unique_ptr<icu::BreakIterator> ours = jaryo::make_word_breaks();
    const std::unique_ptr<icu::BreakIterator> standard = standard_word_breaks();

    const char* const table[] = {
        "prefix lm이 in-context learning에 대해 우수하다",
        "언어모델은 GPT-4를 (2024년에) 학습시키는",
        "漢字한글 ひらがなカタカナ한국어 中文",
        "ChatGPT의 BERT식의 don't 3.14배",
        "ᄒᆞᆫ글 ㅎㅏㄴ 한\u0301글 가\u200d나 ﾊﾝｸﾞﾙ",
        "👩‍💻개발자 🇰🇷 ภาษาไทยกับ한국어",
        "#태그 @사람 snake_case_이름 https://arxiv.org/abs/2106.09685에서",
    };
    for (const char* line : table) {
        const icu::UnicodeString text = icu::UnicodeString::fromUTF8(line);
        CAPTURE(line);
        CHECK(breaks(*ours, text) == breaks(*standard, text));
    }
    CHECK(breaks(*ours, icu::UnicodeString::fromUTF8("lm이 모델은")) ==
          "lm|200 이|200  |0 모델은|200 ");

    // Seeded strings of characters from every word-break class near Hangul.
    const std::vector<UChar32> alphabet = {
        0xAC00, 0xB098,  0xD7A3, 0x1100, 0x1161, 0x11A8, 0x3131, 0xFFA1, 'A',    'b',    '1',
        '2',    0x4E00,  0x6F22, 0x3042, 0x30A2, 0x30FC, 0x0301, 0x200D, 0x200C, 0x00AD, 0x1F600,
        0x2764, 0xFE0F,  '\'',   '.',    ':',    '-',    '_',    ' ',    '\n',   0x05D0, 0x0E01,
        0x0E32, 0x1F1F0, 0xFF21, 0x3002, 0xD7B0, 0xA960, 0x0300, '#',    '@',    0x3000};
    std::mt19937 random(20261201);
    int differing = 0;
    for (int sample = 0; sample < 20000; ++sample) {
        icu::UnicodeString text;
        const auto length = 1 + random() % 24;
        for (unsigned i = 0; i < length; ++i) {
            text.append(alphabet[random() % alphabet.size()]);
        }
        differing += breaks(*ours, text) == breaks(*standard, text) ? 0 : 1;
    }
    CHECK(differing == 0);
}
