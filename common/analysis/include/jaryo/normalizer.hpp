#pragma once
// NFKC + case folding of a whole text, remembering where each normalised byte came from so
// that tokens found in the normalised text can be highlighted in the original.
#include <cstddef>
#include <string>
#include <string_view>
#include <unicode/edits.h>

namespace jaryo {

class NormalizedText {
  public:
    NormalizedText(std::string text, icu::Edits edits);
    NormalizedText(NormalizedText&& other) noexcept;
    NormalizedText& operator=(NormalizedText&&) = delete;
    NormalizedText(const NormalizedText&) = delete;

    const std::string& text() const { return text_; }
    // Byte offset in the source of normalised byte offset `offset`: an offset inside a changed
    // span maps to that span's start. Cheapest when called with increasing offsets.
    std::size_t source_offset(std::size_t offset) const;

  private:
    std::string text_;
    icu::Edits edits_;
    mutable icu::Edits::Iterator cursor_;
};

// Valid UTF-8 in, NFKC_Casefold out (ＧＰＴ → gpt, decomposed Hangul → syllables, zero-width
// characters dropped).
NormalizedText normalize(std::string_view utf8);

// Any bytes, made valid UTF-8 and normalised as above: how a folder or file name is kept as a
// path term (schema::path_term), on both sides, indexing and path: queries.
std::string normalized_name(std::string_view bytes);

} // namespace jaryo
