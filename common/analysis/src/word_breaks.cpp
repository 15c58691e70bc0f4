#include "jaryo/word_breaks.hpp"

#include "jaryo/errors.hpp"
#include "word_rules.hpp"

#include <string>
#include <unicode/brkiter.h>
#include <unicode/rbbi.h>

namespace jaryo {

std::unique_ptr<icu::BreakIterator> make_word_breaks() {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> words;
    const std::span<const std::uint8_t> rules = compiled_word_rules();
    if (rules.empty()) {
        words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    } else {
        words = std::make_unique<icu::RuleBasedBreakIterator>(
            rules.data(), static_cast<std::uint32_t>(rules.size()), status);
    }
    if (U_FAILURE(status) || !words) {
        throw Error(std::string("cannot create ICU's word break iterator: ") + u_errorName(status));
    }
    return words;
}

bool word_breaks_precompiled() {
    return !compiled_word_rules().empty();
}

} // namespace jaryo
