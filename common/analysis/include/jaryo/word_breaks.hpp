#pragma once
// The word break iterator the analyzer segments with: ICU's own word rules, compiled when jaryo
// is built, with runs of Hangul syllables kept whole by the rules instead of by ICU's
// dictionary hop (ICU has no Korean dictionary; the hop is paid in every search process). It
// breaks where ICU's standard word iterator breaks, with the same rule statuses.
#include <memory>
#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace jaryo {

std::unique_ptr<icu::BreakIterator> make_word_breaks();

// False when the build could not derive the rules from this ICU's (another ICU version): the
// iterator is then ICU's standard one.
bool word_breaks_precompiled();

} // namespace jaryo
