#pragma once
// Whether text printed for people carries a control sequence that came from a note: what the
// safety CLI test and the text-output fuzz target both check.
#include <string>
#include <string_view>

namespace jaryo::testing {

// jaryo's own colours, the only escape sequences its text output may carry.
inline constexpr std::string_view own_codes[] = {"\x1b[1m", "\x1b[1;31m", "\x1b[35m", "\x1b[0m"};

// The first control byte (C0 but newline and tab, DEL, or a UTF-8 encoded C1 control or bidi
// override) left in `out` once jaryo's own colour codes are taken out; npos when none.
inline std::size_t first_raw_control(std::string out) {
    for (const std::string_view code : own_codes) {
        for (auto at = out.find(code); at != std::string::npos; at = out.find(code, at)) {
            out.erase(at, code.size());
        }
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        const auto byte = static_cast<unsigned char>(out[i]);
        const auto next = i + 1 < out.size() ? static_cast<unsigned char>(out[i + 1]) : 0U;
        const auto third = i + 2 < out.size() ? static_cast<unsigned char>(out[i + 2]) : 0U;
        const bool c1 = byte == 0xc2 && next >= 0x80 && next <= 0x9f;
        const bool bidi = byte == 0xe2 && ((next == 0x80 && third >= 0xaa && third <= 0xae) ||
                                           (next == 0x81 && third >= 0xa6 && third <= 0xa9));
        if ((byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7f || c1 || bidi) {
            return i;
        }
    }
    return std::string::npos;
}

} // namespace jaryo::testing
