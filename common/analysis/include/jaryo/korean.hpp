#pragma once
// Dictionary-free removal of Korean particles (josa) from nouns, with guards against cutting
// nouns that merely end like a particle (속도, 회의, 국가, 아이).
#include <string>
#include <string_view>

namespace jaryo::korean {

bool is_hangul_syllable(char32_t cp);
bool is_hangul(char32_t cp); // syllables and jamo

// The stem of a Hangul word (모델이 → 모델, 속도 → 속도, 모델들은 → 모델). `after_number`:
// the word follows digits (2024년에, 6진과), which make a one-syllable unit noun safe to keep.
std::string strip_particles(std::string_view word, bool after_number = false);

// True when all of `hangul` is a particle sequence, as after a Latin word (lm이, BERT에서는).
bool is_particle(std::string_view hangul);

// True when `hangul` starts with a numeral unit that belongs to a preceding number (1만, 3천).
bool starts_with_numeral_unit(std::string_view hangul);

} // namespace jaryo::korean
