#pragma once
// Text from notes, file names and databases, made safe to show a person on a terminal. Notes
// are untrusted: a title holding ESC ] 52 writes the clipboard, CSI 2J clears the screen, a
// right-to-left override makes a path read backwards. Such characters are shown escaped, as git
// and `ls -b` do, so that they are seen and never obeyed.
#include <string>
#include <string_view>

namespace jaryo {

// C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates
// (U+202A-U+202E, U+2066-U+2069).
bool is_display_control(char32_t code_point);

// `text` with each display control escaped: \t \n \r, \xHH for other bytes below 0x20, DEL and
// bytes of ill-formed UTF-8, \uHHHH for C1 controls and bidirectional controls.
std::string visible(std::string_view text);

} // namespace jaryo
