#pragma once
// The one analyzer shared by indexing, querying and snippets.
//
//   Analyzer analyzer;
//   TokenStream tokens = analyzer.tokens(text);
//   while (const Token* token = tokens.next()) { ... }
//
// An Analyzer owns ICU and Snowball objects that are costly to build: make one per thread and
// reuse it. A TokenStream borrows them, so only one stream per Analyzer may be live at a time.
#include "jaryo/normalizer.hpp"
#include "jaryo/token.hpp"

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <unicode/uversion.h>

struct UText;
U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END
namespace Xapian {
class Stem;
}

namespace jaryo {

class Analyzer;

class TokenStream {
  public:
    // Not movable: ICU keeps pointers into normalized_. Analyzer::tokens() returns a prvalue,
    // which C++17 constructs in place.
    TokenStream(TokenStream&&) = delete;
    TokenStream& operator=(TokenStream&&) = delete;
    ~TokenStream();

    // The next token, or nullptr at the end. The pointer stays valid until the next call.
    const Token* next();

  private:
    friend class Analyzer;
    TokenStream(Analyzer& analyzer, std::string_view source, std::uint32_t last_position);

    struct Segment {
        std::size_t start;
        std::size_t end;
    };
    bool read_group();
    bool next_word_segment(Segment& segment);
    void emit_tag_if_any(std::size_t start);
    void emit_group(std::size_t start, std::size_t end);
    void emit(std::size_t start, std::size_t end, std::string norm, std::string stem, Script script,
              bool particle);

    Analyzer* analyzer_;
    std::string_view source_;
    NormalizedText normalized_;
    UText* utext_ = nullptr;
    std::size_t tag_end_ = 0; // normalised offset where the current #tag ends
    std::deque<Token> pending_;
    Token current_;
    std::uint32_t position_;
};

class Analyzer {
  public:
    // Increase when a change alters the terms produced for the same text.
    static constexpr int version = 4;
    static constexpr std::size_t max_term_bytes = 96;

    Analyzer();
    ~Analyzer();
    Analyzer(const Analyzer&) = delete;
    Analyzer& operator=(const Analyzer&) = delete;

    // Tokens of `text` (valid UTF-8), positions continuing after `last_position`.
    TokenStream tokens(std::string_view text, std::uint32_t last_position = 0);

    // Name, version and settings; stored in every database and checked when it is opened.
    static std::string identity();

  private:
    friend class TokenStream;
    std::string english_stem(std::string_view word);

    std::unique_ptr<icu::BreakIterator> words_;
    std::unique_ptr<Xapian::Stem> english_;
};

// Byte ranges [start, end) of one text, in order, that no token crosses: short expressions
// separated by tabs or newlines.
using TextPieces = std::vector<std::pair<std::size_t, std::size_t>>;

// Calls visit(piece, token) for each token of `text` inside one of `pieces`, with one token
// stream for them all: setting a stream up costs far more than analysing a short expression
// (the glossary's lines, the glosses of a note).
void for_each_token_in_pieces(Analyzer& analyzer, std::string_view text, const TextPieces& pieces,
                              const std::function<void(std::size_t, const Token&)>& visit);

} // namespace jaryo
