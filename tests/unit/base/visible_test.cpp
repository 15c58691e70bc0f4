#include "jaryo/visible.hpp"

#include <doctest/doctest.h>
#include <string>

TEST_CASE("visible: what a terminal would obey is shown escaped, the rest as written") {
    const struct {
        std::string text;
        std::string shown;
    } cases[] = {
        {"모델이 prefix lm을", "모델이 prefix lm을"},
        {"Ｇｐｔ-4 — “quoted” ½", "Ｇｐｔ-4 — “quoted” ½"},
        {"\x1b]0;pwned\x07title", "\\x1b]0;pwned\\x07title"},           // OSC 0: window title
        {"\x1b]52;c;ZWNobyBoaQ==\x07", "\\x1b]52;c;ZWNobyBoaQ==\\x07"}, // OSC 52: clipboard
        {"\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H"},                           // CSI: clear screen
        {"a\tb\nc\rd", "a\\tb\\nc\\rd"},
        {std::string("nul\0here", 8), "nul\\x00here"},
        {"del\x7f", "del\\x7f"},
        {"c1 \xc2\x9b"
         "31m",
         "c1 \\u009b31m"},                                 // U+009B: CSI as one character
        {"file\xe2\x80\xaegpj.exe", "file\\u202egpj.exe"}, // right-to-left override
        {"\xe2\x81\xa6isolated\xe2\x81\xa9", "\\u2066isolated\\u2069"},
        {"\xe2\x80\x8e", "\xe2\x80\x8e"}, // a left-to-right mark overrides nothing
        {"bad \xff\xfe utf-8 \xc3", "bad \\xff\\xfe utf-8 \\xc3"},
        {"", ""},
    };
    for (const auto& [text, shown] : cases) {
        CAPTURE(text);
        CHECK(jaryo::visible(text) == shown);
    }
}

TEST_CASE("visible: no byte below 0x20, DEL or C1 survives, whatever the input") {
    std::string every_byte;
    for (int byte = 0; byte < 256; ++byte) {
        every_byte += static_cast<char>(byte);
        every_byte += "\xc2";
        every_byte += static_cast<char>(byte);
    }
    const std::string shown = jaryo::visible(every_byte);
    for (std::size_t i = 0; i < shown.size(); ++i) {
        const auto byte = static_cast<unsigned char>(shown[i]);
        CAPTURE(i);
        CHECK(byte >= 0x20);
        CHECK(byte != 0x7f);
        if (byte == 0xc2 && i + 1 < shown.size()) {
            const auto next = static_cast<unsigned char>(shown[i + 1]);
            CHECK((next < 0x80 || next > 0x9f));
        }
    }
}
