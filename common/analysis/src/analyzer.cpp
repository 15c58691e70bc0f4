#include "jaryo/analyzer.hpp"

#include "jaryo/arxiv.hpp"
#include "jaryo/errors.hpp"
#include "jaryo/korean.hpp"
#include "jaryo/utf8.hpp"
#include "jaryo/word_breaks.hpp"
#include "word_lists.hpp"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/uvernum.h>
#include <vector>
#include <xapian.h>

namespace jaryo {

std::string_view to_string(Script script) {
    switch (script) {
    case Script::Latin:
        return "latin";
    case Script::Hangul:
        return "hangul";
    case Script::Han:
        return "han";
    case Script::Number:
        return "number";
    case Script::Mixed:
        return "mixed";
    case Script::Arxiv:
        return "arxiv";
    case Script::Tag:
        return "tag";
    case Script::Other:
        return "other";
    }
    return "other";
}

namespace {

// Glued segments are split where these classes change: lm|이, 2024|년에, 神|의.
enum class CharClass { Hangul, Han, Other };

CharClass classify(char32_t cp) {
    if (korean::is_hangul(cp)) {
        return CharClass::Hangul;
    }
    UErrorCode status = U_ZERO_ERROR;
    if (uscript_getScript(static_cast<UChar32>(cp), &status) == USCRIPT_HAN) {
        return CharClass::Han;
    }
    return CharClass::Other;
}

struct Part {
    std::size_t start;
    std::size_t end;
    CharClass kind;
};

bool is_number(std::string_view text) {
    bool digit = false;
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            digit = true;
        } else if (c != '.' && c != ',') {
            return false;
        }
    }
    return digit;
}

// Latin: letters (and apostrophes) only, so English stemming applies. Mixed: Latin letters
// with digits or inner punctuation (gpt4, v1.2.3, arxiv.org), kept as written.
Script script_of(std::string_view text) {
    if (is_number(text)) {
        return Script::Number;
    }
    bool letters = false;
    bool only_letters = true;
    bool only_latin = true;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto cp = static_cast<UChar32>(utf8::next(text, i));
        if (u_isalpha(cp)) {
            letters = true;
            UErrorCode status = U_ZERO_ERROR;
            only_latin = only_latin && uscript_getScript(cp, &status) == USCRIPT_LATIN;
        } else if (cp != '\'') {
            only_letters = false;
        }
    }
    if (!letters || !only_latin) {
        return Script::Other;
    }
    return only_letters ? Script::Latin : Script::Mixed;
}

bool is_tag_char(char32_t cp) {
    return u_isalnum(static_cast<UChar32>(cp)) || cp == '_' || cp == '-' ||
           (U_GET_GC_MASK(static_cast<UChar32>(cp)) & U_GC_M_MASK) != 0;
}

} // namespace

Analyzer::Analyzer()
    : words_(make_word_breaks()), english_(std::make_unique<Xapian::Stem>("english")) {
    // Loads ICU's shared normalisation data now, in the thread making this analyzer, rather
    // than in the first tokens() of several threads at once.
    normalize("");
}

Analyzer::~Analyzer() = default;

std::string Analyzer::identity() {
    return "jaryo-analyzer/" + std::to_string(version) +
           " icu=" + std::to_string(U_ICU_VERSION_MAJOR_NUM) +
           " norm=nfkc_cf seg=icu-word+script+underscore josa=1 stem=english maxterm=" +
           std::to_string(max_term_bytes) + " lists=" + word_lists::fingerprint;
}

TokenStream Analyzer::tokens(std::string_view text, std::uint32_t last_position) {
    return TokenStream(*this, text, last_position);
}

void for_each_token_in_pieces(Analyzer& analyzer, std::string_view text, const TextPieces& pieces,
                              const std::function<void(std::size_t, const Token&)>& visit) {
    std::size_t piece = 0;
    TokenStream tokens = analyzer.tokens(text);
    while (const Token* token = tokens.next()) {
        while (piece < pieces.size() && pieces[piece].second <= token->start) {
            ++piece;
        }
        if (piece == pieces.size()) {
            return;
        }
        if (token->start >= pieces[piece].first) {
            visit(piece, *token);
        }
    }
}

std::string Analyzer::english_stem(std::string_view word) {
    return (*english_)(std::string(word));
}

TokenStream::TokenStream(Analyzer& analyzer, std::string_view source, std::uint32_t last_position)
    : analyzer_(&analyzer), source_(source), normalized_(normalize(source)),
      position_(last_position) {
    const std::string& text = normalized_.text();
    UErrorCode status = U_ZERO_ERROR;
    utext_ = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    analyzer_->words_->setText(utext_, status);
    if (U_FAILURE(status)) {
        utext_close(utext_);
        throw Error(std::string("cannot segment text: ") + u_errorName(status));
    }
}

TokenStream::~TokenStream() {
    utext_close(utext_);
}

const Token* TokenStream::next() {
    while (pending_.empty()) {
        if (!read_group()) {
            return nullptr;
        }
    }
    current_ = std::move(pending_.front());
    pending_.pop_front();
    return &current_;
}

bool TokenStream::next_word_segment(Segment& segment) {
    icu::BreakIterator& words = *analyzer_->words_;
    std::int32_t start = words.current();
    for (std::int32_t end = words.next(); end != icu::BreakIterator::DONE; end = words.next()) {
        if (words.getRuleStatus() >= UBRK_WORD_NONE_LIMIT) {
            segment = {static_cast<std::size_t>(start), static_cast<std::size_t>(end)};
            return true;
        }
        start = end;
    }
    return false;
}

// A group is a run of word segments with nothing between them (lm이, gpt4, 2024년에).
bool TokenStream::read_group() {
    Segment first{};
    if (!next_word_segment(first)) {
        return false;
    }
    std::size_t end = first.end;
    icu::BreakIterator& words = *analyzer_->words_;
    while (true) {
        const std::int32_t after = words.next();
        if (after == icu::BreakIterator::DONE) {
            break;
        }
        if (words.getRuleStatus() < UBRK_WORD_NONE_LIMIT) {
            words.previous();
            break;
        }
        end = static_cast<std::size_t>(after);
    }
    emit_tag_if_any(first.start);
    emit_group(first.start, end);
    return true;
}

void TokenStream::emit_tag_if_any(std::size_t start) {
    const std::string_view text = normalized_.text();
    if (start == 0 || start <= tag_end_ || text[start - 1] != '#') {
        return;
    }
    const std::size_t hash = start - 1;
    if (hash > 0) {
        const std::size_t before = hash - utf8::previous_length(text, hash);
        std::size_t i = before;
        if (is_tag_char(utf8::next(text, i))) {
            return; // C#, page#section
        }
    }
    std::size_t end = start;
    bool letter = false;
    while (end < text.size()) {
        std::size_t i = end;
        const char32_t cp = utf8::next(text, i);
        if (!is_tag_char(cp)) {
            break;
        }
        letter = letter || u_isalpha(static_cast<UChar32>(cp));
        end = i;
    }
    while (end > start && text[end - 1] == '-') {
        --end;
    }
    if (!letter) {
        return; // #73 is an issue number, not a tag
    }
    tag_end_ = end;
    std::string tag(utf8::truncate(text.substr(hash, end - hash), Analyzer::max_term_bytes));
    Token token;
    token.start = normalized_.source_offset(hash);
    token.end = normalized_.source_offset(end);
    token.surface = source_.substr(token.start, token.end - token.start);
    token.norm = tag;
    token.stem = std::move(tag);
    token.position = position_ + 1; // shares the position of the tag's first word
    token.script = Script::Tag;
    pending_.push_back(std::move(token));
}

void TokenStream::emit_group(std::size_t start, std::size_t end) {
    const std::string_view text = normalized_.text();
    std::vector<Part> parts;
    for (std::size_t i = start; i < end;) {
        const std::size_t at = i;
        const char32_t cp = utf8::next(text, i);
        if (cp == '_') {
            continue; // snake_case and #weak_supervision are words apart
        }
        const CharClass kind = classify(cp);
        if (!parts.empty() && parts.back().kind == kind && parts.back().end == at) {
            parts.back().end = i;
        } else {
            parts.push_back({at, i, kind});
        }
    }
    for (std::size_t k = 0; k < parts.size(); ++k) {
        const Part& part = parts[k];
        const std::string_view piece = text.substr(part.start, part.end - part.start);
        if (part.kind == CharClass::Hangul) {
            if (k > 0 && korean::is_particle(piece)) {
                emit(part.start, part.end, std::string(piece), {}, Script::Hangul, true);
            } else {
                emit(part.start, part.end, std::string(piece), korean::strip_particles(piece),
                     Script::Hangul, false);
            }
            continue;
        }
        if (part.kind == CharClass::Han) {
            emit(part.start, part.end, std::string(piece), std::string(piece), Script::Han, false);
            continue;
        }
        if (const auto arxiv = arxiv::id_of_word(piece)) {
            emit(part.start, part.end, std::string(*arxiv), std::string(*arxiv), Script::Arxiv,
                 false);
            continue;
        }
        const Script script = script_of(piece);
        const bool glued_hangul = k + 1 < parts.size() && parts[k + 1].kind == CharClass::Hangul;
        if (script == Script::Number && glued_hangul) {
            // 2024년에 and 3만 are one word; a bare particle (4를) is split off below.
            const Part& next = parts[k + 1];
            const std::string_view hangul = text.substr(next.start, next.end - next.start);
            if (korean::starts_with_numeral_unit(hangul) || !korean::is_particle(hangul)) {
                emit(part.start, next.end, std::string(piece) + std::string(hangul),
                     std::string(piece) + korean::strip_particles(hangul, true), Script::Mixed,
                     false);
                ++k;
                continue;
            }
        }
        std::string stem =
            script == Script::Latin ? analyzer_->english_stem(piece) : std::string(piece);
        emit(part.start, part.end, std::string(piece), std::move(stem), script, false);
    }
}

void TokenStream::emit(std::size_t start, std::size_t end, std::string norm, std::string stem,
                       Script script, bool particle) {
    Token token;
    token.start = normalized_.source_offset(start);
    token.end = normalized_.source_offset(end);
    token.surface = source_.substr(token.start, token.end - token.start);
    token.norm = std::string(utf8::truncate(norm, Analyzer::max_term_bytes));
    token.stem = std::string(utf8::truncate(stem, Analyzer::max_term_bytes));
    token.script = script;
    token.particle = particle;
    token.position = particle ? position_ : ++position_;
    pending_.push_back(std::move(token));
}

} // namespace jaryo
