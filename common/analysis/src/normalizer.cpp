#include "jaryo/normalizer.hpp"

#include "jaryo/errors.hpp"
#include "jaryo/utf8.hpp"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

namespace jaryo {

namespace {
const icu::Normalizer2& nfkc_casefold() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* instance = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status) || instance == nullptr) {
        throw Error(std::string("cannot load ICU's NFKC_Casefold data: ") + u_errorName(status));
    }
    return *instance;
}
} // namespace

NormalizedText::NormalizedText(std::string text, icu::Edits edits)
    : text_(std::move(text)), edits_(std::move(edits)), cursor_(edits_.getFineIterator()) {}

NormalizedText::NormalizedText(NormalizedText&& other) noexcept
    : text_(std::move(other.text_)), edits_(std::move(other.edits_)),
      cursor_(edits_.getFineIterator()) {}

std::size_t NormalizedText::source_offset(std::size_t offset) const {
    if (!edits_.hasChanges()) {
        return offset;
    }
    UErrorCode status = U_ZERO_ERROR;
    const int32_t source =
        cursor_.sourceIndexFromDestinationIndex(static_cast<int32_t>(offset), status);
    if (U_FAILURE(status)) {
        // Only reachable when offset lies beyond the text; clamp rather than fail a snippet.
        cursor_ = edits_.getFineIterator();
        return offset;
    }
    return static_cast<std::size_t>(source);
}

NormalizedText normalize(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size() + utf8.size() / 8);
    icu::StringByteSink<std::string> sink(&out);
    icu::Edits edits;
    UErrorCode status = U_ZERO_ERROR;
    nfkc_casefold().normalizeUTF8(
        0, icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), sink, &edits, status);
    if (U_FAILURE(status)) {
        throw Error(std::string("cannot normalise text: ") + u_errorName(status));
    }
    return {std::move(out), std::move(edits)};
}

std::string normalized_name(std::string_view bytes) {
    return normalize(utf8::make_valid(bytes)).text();
}

} // namespace jaryo
