#include "jaryo/utf8.hpp"

namespace jaryo::utf8 {

namespace {
constexpr char32_t replacement = 0xFFFD;

bool continuation(unsigned char c) {
    return (c & 0xC0U) == 0x80U;
}

} // namespace

std::size_t sequence_length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
    const std::size_t left = text.size() - i;
    const unsigned char lead = byte(0);
    if (lead < 0x80U) {
        return 1;
    }
    if (lead >= 0xC2U && lead <= 0xDFU) {
        return left >= 2 && continuation(byte(1)) ? 2 : 0;
    }
    if (lead >= 0xE0U && lead <= 0xEFU) {
        if (left < 3 || !continuation(byte(1)) || !continuation(byte(2))) {
            return 0;
        }
        if ((lead == 0xE0U && byte(1) < 0xA0U) || (lead == 0xEDU && byte(1) >= 0xA0U)) {
            return 0; // overlong, or a UTF-16 surrogate
        }
        return 3;
    }
    if (lead >= 0xF0U && lead <= 0xF4U) {
        if (left < 4 || !continuation(byte(1)) || !continuation(byte(2)) ||
            !continuation(byte(3))) {
            return 0;
        }
        if ((lead == 0xF0U && byte(1) < 0x90U) || (lead == 0xF4U && byte(1) >= 0x90U)) {
            return 0;
        }
        return 4;
    }
    return 0;
}

std::string make_valid(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t n = sequence_length(text, i);
        if (n == 0) {
            append(out, replacement);
            ++i;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

char32_t next(std::string_view text, std::size_t& i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80U) {
        ++i;
        return lead;
    }
    std::size_t extra = lead >= 0xF0U ? 3 : lead >= 0xE0U ? 2 : 1;
    char32_t cp = lead & (0x3FU >> extra);
    ++i;
    while (extra-- > 0 && i < text.size()) {
        cp = (cp << 6) | (static_cast<unsigned char>(text[i]) & 0x3FU);
        ++i;
    }
    return cp;
}

std::size_t previous_length(std::string_view text, std::size_t end) {
    std::size_t n = 1;
    while (n < end && n < 4 && continuation(static_cast<unsigned char>(text[end - n]))) {
        ++n;
    }
    return n;
}

void append(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::string_view truncate(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) {
        return text;
    }
    std::size_t end = max_bytes;
    while (end > 0 && continuation(static_cast<unsigned char>(text[end]))) {
        --end;
    }
    return text.substr(0, end);
}

std::size_t length(std::string_view text) {
    std::size_t n = 0;
    for (char c : text) {
        n += continuation(static_cast<unsigned char>(c)) ? 0 : 1;
    }
    return n;
}

} // namespace jaryo::utf8
