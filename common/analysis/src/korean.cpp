#include "jaryo/korean.hpp"

#include "jaryo/utf8.hpp"
#include "word_lists.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace jaryo::korean {

namespace {

using Syllables = std::u32string;

// Which final sound the preceding syllable must have for this particle form to be grammatical:
// 이/을/은/과/으로 follow a consonant (batchim), 가/를/는/와/로 a vowel; 로 also follows ㄹ.
enum class Joins { AnyFinal, Consonant, Vowel, VowelOrRieul, ConsonantNotRieul };

struct Form {
    Syllables text;
    Joins joins;
};

constexpr char32_t first_syllable = 0xAC00;
constexpr char32_t last_syllable = 0xD7A3;
constexpr int finals_per_syllable = 28;
constexpr int rieul_final = 8;

int final_consonant(char32_t syllable) {
    return static_cast<int>((syllable - first_syllable) % finals_per_syllable);
}

bool joins_after(Joins joins, char32_t previous) {
    if (!is_hangul_syllable(previous)) {
        return true; // after digits or Latin the pronunciation is unknown
    }
    const int final = final_consonant(previous);
    switch (joins) {
    case Joins::AnyFinal:
        return true;
    case Joins::Consonant:
        return final != 0;
    case Joins::Vowel:
        return final == 0;
    case Joins::VowelOrRieul:
        return final == 0 || final == rieul_final;
    case Joins::ConsonantNotRieul:
        return final != 0 && final != rieul_final;
    }
    return false;
}

Syllables decode(std::string_view text) {
    Syllables out;
    std::size_t i = 0;
    while (i < text.size()) {
        out.push_back(utf8::next(text, i));
    }
    return out;
}

// The entries of a word list (word_lists.hpp), decoded.
std::vector<Syllables> syllables_of(std::string_view list) {
    std::vector<Syllables> decoded;
    for (const std::string_view entry : word_lists::entries(list)) {
        decoded.push_back(decode(entry));
    }
    return decoded;
}

std::string encode(const Syllables& syllables) {
    std::string out;
    for (char32_t cp : syllables) {
        utf8::append(out, cp);
    }
    return out;
}

// Case and adverbial particles, which other particles may follow (에서 + 는 → 에서는).
const std::vector<Form>& case_particles() {
    static const std::vector<Form> forms = {
        {U"에", Joins::AnyFinal},
        {U"에서", Joins::AnyFinal},
        {U"에게", Joins::AnyFinal},
        {U"에게서", Joins::AnyFinal},
        {U"한테", Joins::AnyFinal},
        {U"께", Joins::AnyFinal},
        {U"께서", Joins::AnyFinal},
        {U"로", Joins::VowelOrRieul},
        {U"으로", Joins::ConsonantNotRieul},
        {U"로서", Joins::VowelOrRieul},
        {U"으로서", Joins::ConsonantNotRieul},
        {U"로써", Joins::VowelOrRieul},
        {U"으로써", Joins::ConsonantNotRieul},
        {U"로부터", Joins::VowelOrRieul},
        {U"으로부터", Joins::ConsonantNotRieul},
        {U"와", Joins::Vowel},
        {U"과", Joins::Consonant},
        {U"하고", Joins::AnyFinal},
        {U"랑", Joins::Vowel},
        {U"이랑", Joins::Consonant},
        {U"보다", Joins::AnyFinal},
        {U"처럼", Joins::AnyFinal},
        {U"만큼", Joins::AnyFinal},
        {U"까지", Joins::AnyFinal},
        {U"부터", Joins::AnyFinal},
        {U"마다", Joins::AnyFinal},
        {U"조차", Joins::AnyFinal},
        {U"마저", Joins::AnyFinal},
        {U"밖에", Joins::AnyFinal},
        {U"에로", Joins::AnyFinal},
        {U"에까지", Joins::AnyFinal},
        {U"로까지", Joins::VowelOrRieul},
        {U"으로까지", Joins::ConsonantNotRieul},
        {U"에서부터", Joins::AnyFinal},
        {U"만", Joins::AnyFinal},
        {U"에다", Joins::AnyFinal},
        {U"에다가", Joins::AnyFinal},
        {U"쯤", Joins::AnyFinal},
        {U"토록", Joins::AnyFinal},
    };
    return forms;
}

// Particles that end a chain: topic, subject, object, genitive, additive, copular forms.
// Each has a form after a consonant and one after a vowel (equal when invariant).
// `case_may_precede`: may follow a case particle (에서는, 와의), unlike 이/가/을/를 (no 와가).
// `vowel_form_glued_only`: after a vowel-final Hangul noun the vowel form is ambiguous with
// nouns ending in that syllable (우리나라는 is 우리나라 + 는, not 우리나 + 라는); after a
// foreign word (LoRA라는) it is not.
struct Closing {
    Syllables after_consonant;
    Syllables after_vowel;
    bool case_may_precede;
    bool vowel_form_glued_only;
};
const std::vector<Closing>& closing_particles() {
    static const std::vector<Closing> forms = {
        {U"은", U"는", true, false},
        {U"이", U"가", false, false},
        {U"을", U"를", false, false},
        {U"의", U"의", true, false},
        {U"도", U"도", true, false},
        {U"만", U"만", true, false},
        {U"이나", U"나", true, false},
        {U"이라도", U"라도", true, false},
        {U"이란", U"란", false, false},
        {U"이라고", U"라고", false, false},
        {U"이라는", U"라는", false, false},
        {U"이야말로", U"야말로", false, false},
        {U"이자", U"이자", false, false},
        {U"이며", U"이며", false, false},
        {U"이든지", U"든지", false, true},
        {U"이든", U"든", false, true},
        {U"이야", U"야", true, true},
        {U"까지", U"까지", true, false},
        {U"부터", U"부터", true, false},
        {U"요", U"요", true, false},
        {U"으로", U"로", false, false},
        // The copula 이다 is a predicative particle: 모델이다, 데이터입니다 (never 인: 원인, 요인).
        {U"이다", U"다", false, true},
        {U"이었다", U"였다", false, true},
        {U"입니다", U"입니다", false, false},
        {U"이고", U"고", false, true},
        {U"이지만", U"지만", false, true},
        {U"이므로", U"므로", false, true},
        {U"이라서", U"라서", false, true},
        {U"이었고", U"였고", false, true},
        // Sentence endings on the copula, as notes and chats write them: 모델이군요, 모델이네요,
        // 모델이라, 모델이에요, 모델인데 (인데 after a vowel too: 데이터인데).
        {U"이군요", U"군요", false, true},
        {U"이네요", U"네요", false, true},
        {U"이라", U"라", false, true},
        {U"이에요", U"예요", false, true},
        {U"이었는데", U"였는데", false, true},
        {U"인데", U"인데", false, false},
    };
    return forms;
}

// Delimiters after which even subject and object markers may follow (만이, 까지를, 만으로).
bool is_delimiter(const Syllables& particle) {
    static const std::vector<Syllables> delimiters = {U"만",   U"까지", U"부터", U"만큼",
                                                      U"마다", U"조차", U"마저", U"밖에"};
    return std::find(delimiters.begin(), delimiters.end(), particle) != delimiters.end();
}

Joins joins_of_closing(const Syllables& form, const Closing& closing) {
    if (closing.after_consonant == closing.after_vowel) {
        return Joins::AnyFinal;
    }
    if (form == U"으로") {
        return Joins::ConsonantNotRieul;
    }
    if (form == U"로") {
        return Joins::VowelOrRieul;
    }
    return form == closing.after_consonant ? Joins::Consonant : Joins::Vowel;
}

enum class Role { Case, Delimiter, Closing };

struct Particle {
    Role role;
    Joins joins;
    bool case_may_precede = false; // closing particles only
    bool glued_only = false;       // only after a foreign word, or after another particle
    bool chain_only = false;       // only after another particle (요 in 에서요)
};

constexpr std::size_t longest_form = 5; // syllables
constexpr int longest_chain = 3;        // particles
constexpr std::size_t longest_suffix = longest_form * longest_chain;

// Every single particle form, by its syllables (로 is both a case form and a closing form).
const std::unordered_map<Syllables, std::vector<Particle>>& particle_forms() {
    static const auto forms = [] {
        std::unordered_map<Syllables, std::vector<Particle>> map;
        for (const Form& form : case_particles()) {
            map[form.text].push_back(
                {is_delimiter(form.text) ? Role::Delimiter : Role::Case, form.joins});
        }
        for (const Closing& closing : closing_particles()) {
            const bool chain_only = closing.after_consonant == U"요";
            map[closing.after_consonant].push_back(
                {Role::Closing, joins_of_closing(closing.after_consonant, closing),
                 closing.case_may_precede, false, chain_only});
            if (closing.after_vowel != closing.after_consonant) {
                map[closing.after_vowel].push_back(
                    {Role::Closing, joins_of_closing(closing.after_vowel, closing),
                     closing.case_may_precede, closing.vowel_form_glued_only, chain_only});
            }
        }
        return map;
    }();
    return forms;
}

// May `next` follow `previous` in a chain? A case particle takes a closing one (에서는, 와의)
// or a delimiter (에서조차); a delimiter takes anything (만이, 만으로도); a closing one ends it.
bool may_follow(const Particle& previous, const Particle& next) {
    if (previous.role == Role::Closing) {
        return false;
    }
    if (next.role == Role::Closing) {
        return next.case_may_precede || previous.role == Role::Delimiter;
    }
    return previous.role == Role::Delimiter || next.role == Role::Delimiter;
}

// If word[from, end) is a chain of particles, the chain's first particle; else null.
// `previous` is the particle before `from`, if any; `glued`: the chain follows a foreign word.
const Particle* parse_chain(const Syllables& word, std::size_t from, const Particle* previous,
                            int depth, bool glued) {
    const auto& forms = particle_forms();
    for (std::size_t n = 1; n <= longest_form && from + n <= word.size(); ++n) {
        const auto found = forms.find(word.substr(from, n));
        if (found == forms.end()) {
            continue;
        }
        for (const Particle& particle : found->second) {
            const bool allowed = previous == nullptr
                                     ? !particle.chain_only && (glued || !particle.glued_only)
                                     : may_follow(*previous, particle) &&
                                           joins_after(particle.joins, word[from - 1]);
            if (!allowed) {
                continue;
            }
            if (from + n == word.size() ||
                (depth + 1 < longest_chain &&
                 parse_chain(word, from + n, &particle, depth + 1, glued) != nullptr)) {
                return &particle;
            }
        }
    }
    return nullptr;
}

// How a particle chain starting at `from` attaches to the noun before it, if word[from, end)
// is a chain: the attachment rule of its first particle.
std::optional<Joins> chain_at(const Syllables& word, std::size_t from) {
    const Particle* first = parse_chain(word, from, nullptr, 0, false);
    return first == nullptr ? std::nullopt : std::optional<Joins>(first->joins);
}

// After a one-syllable stem, a particle starting with any other syllable than these may
// really be the noun's second syllable (회의, 함께, 사랑, 상대로), so the stem must be a known
// noun (것이, 그의, 집부터).
bool safe_after_single_syllable(const Syllables& particle) {
    const char32_t first = particle.front();
    return first == U'은' || first == U'는' || first == U'을' || first == U'를' || first == U'에' ||
           first == U'으';
}

// Common one-syllable nouns, pronouns and bound nouns that take particles.
const std::unordered_set<char32_t>& one_syllable_nouns() {
    static const std::unordered_set<char32_t> set = [] {
        std::unordered_set<char32_t> syllables;
        for (const std::string_view line : word_lists::entries(word_lists::one_syllable_nouns)) {
            const Syllables decoded = decode(line);
            syllables.insert(decoded.begin(), decoded.end());
        }
        return syllables;
    }();
    return set;
}

// Nouns that end like a particle (회의, 속도, 결과, 스스로). A cut inside one of them is
// refused; a stem that is one is strong evidence that the cut is right (결과를 → 결과).
const std::vector<Syllables>& protected_list() {
    static const std::vector<Syllables> list = syllables_of(word_lists::protected_nouns);
    return list;
}

// Two-syllable entries protect whole words only: as endings they would block the commonest
// cuts (사회의 ends in 회의, 활동의 in 동의). Longer entries and a few productive endings also
// protect compounds (모델정확도, 제국주의, 디코딩속도).
const std::unordered_set<Syllables>& protected_words() {
    static const std::unordered_set<Syllables> set(protected_list().begin(),
                                                   protected_list().end());
    return set;
}

const std::unordered_set<Syllables>& protected_endings() {
    static const std::unordered_set<Syllables> set = [] {
        const std::vector<Syllables> productive = syllables_of(word_lists::protected_endings);
        std::unordered_set<Syllables> endings(productive.begin(), productive.end());
        for (const Syllables& noun : protected_list()) {
            if (noun.size() >= 3) {
                endings.insert(noun);
            }
        }
        return endings;
    }();
    return set;
}

// Is word[0, end) a protected noun, or does it end with a protected ending?
bool is_protected(const Syllables& word, std::size_t end) {
    if (protected_words().count(word.substr(0, end)) != 0) {
        return true;
    }
    for (std::size_t n = 2; n <= std::min<std::size_t>(end, 4); ++n) {
        if (protected_endings().count(word.substr(end - n, n)) != 0) {
            return true;
        }
    }
    return false;
}

// Would cutting at `cut` split a protected noun that the word consists of, possibly followed
// by particles (결과를 must not become 결 + 과를)?
bool cut_splits_protected(const Syllables& word, std::size_t cut) {
    for (std::size_t end = cut + 1; end <= word.size(); ++end) {
        const bool rest_is_particle = end == word.size() || chain_at(word, end).has_value();
        if (!rest_is_particle) {
            continue;
        }
        if (protected_words().count(word.substr(0, end)) != 0) {
            return true;
        }
        for (std::size_t n = end - cut + 1; n <= std::min<std::size_t>(end, 4); ++n) {
            if (protected_endings().count(word.substr(end - n, n)) != 0) {
                return true;
            }
        }
    }
    return false;
}

bool is_numeral(char32_t cp) {
    return (cp >= U'0' && cp <= U'9') || Syllables(U"십백천만억조").find(cp) != Syllables::npos;
}

enum class Verdict { Cut, Refuse, Undecided };

Verdict judge_cut(const Syllables& word, std::size_t cut, const Syllables& particle, Joins joins,
                  bool after_number) {
    if (cut == 0 || !joins_after(joins, word[cut - 1])) {
        return Verdict::Refuse;
    }
    if (is_protected(word, cut)) {
        return Verdict::Cut;
    }
    if (cut_splits_protected(word, cut)) {
        return Verdict::Refuse;
    }
    if (particle == U"만" && is_numeral(word[cut - 1])) {
        return Verdict::Refuse; // 3만, 백만: a numeral, not "only"
    }
    if (cut == 1 && !after_number && !safe_after_single_syllable(particle) &&
        one_syllable_nouns().count(word[0]) == 0) {
        return Verdict::Refuse;
    }
    return Verdict::Cut;
}

// Endings of verbs and adjectives derived from nouns with 하다, 되다 and 시키다 (정규화하고,
// 정규화된, 학습시키는, 안전한). Adjectives in -적인 keep -적 (효율적인 → 효율적).
const std::unordered_set<Syllables>& derivation_endings() {
    static const std::unordered_set<Syllables> set = [] {
        const std::vector<Syllables> endings = syllables_of(word_lists::derivation_endings);
        return std::unordered_set<Syllables>(endings.begin(), endings.end());
    }();
    return set;
}

// Nominalised forms, which take particles like nouns (사용함으로써, 정렬하기를).
const std::vector<Syllables>& nominal_endings() {
    static const std::vector<Syllables> list = syllables_of(word_lists::nominal_endings);
    return list;
}

// Nouns whose last syllable looks like a derivation ending (제한된 is 제한 + 된, but 무제한 is
// not 무제 + 한).
bool splits_noun_before_ending(const Syllables& word, std::size_t cut) {
    static const std::unordered_set<Syllables> nouns = {
        U"역할", U"분할", U"제한", U"권한", U"기한", U"상한", U"하한", U"대한",
        U"소한", U"무한", U"포함", U"결함", U"이해", U"견해", U"피해"};
    return nouns.count(word.substr(cut - 1, 2)) != 0;
}

// 정규화된 → 정규화, 사용함으로써 → 사용. The noun left must have two syllables at least: 대한,
// 위한, 분할 and 역할 end like a derivation but are not one. Returns the word when none applies.
Syllables strip_derivation(const Syllables& word) {
    constexpr std::size_t shortest_noun = 2;
    for (std::size_t cut = shortest_noun; cut < word.size(); ++cut) {
        if (splits_noun_before_ending(word, cut)) {
            continue;
        }
        const Syllables ending = word.substr(cut);
        if (derivation_endings().count(ending) != 0) {
            return word.substr(0, cut);
        }
        for (const Syllables& nominal : nominal_endings()) {
            if (ending.size() > nominal.size() && ending.starts_with(nominal) &&
                chain_at(word, cut + nominal.size())) {
                return word.substr(0, cut);
            }
        }
    }
    if (word.size() > shortest_noun + 1 && word.back() == U'인' && word[word.size() - 2] == U'적') {
        return word.substr(0, word.size() - 1);
    }
    return word;
}

// Removes the longest particle chain that passes judge_cut.
Syllables strip_particle_chain(const Syllables& word, bool after_number) {
    const std::size_t first_cut = word.size() > longest_suffix ? word.size() - longest_suffix : 1;
    for (std::size_t cut = first_cut; cut < word.size(); ++cut) {
        const std::optional<Joins> joins = chain_at(word, cut);
        if (joins && judge_cut(word, cut, word.substr(cut), *joins, after_number) == Verdict::Cut) {
            return word.substr(0, cut);
        }
    }
    return word;
}

Syllables strip(const Syllables& word, bool after_number) {
    Syllables stem = strip_derivation(word);
    if (stem.size() == word.size()) {
        stem = strip_particle_chain(word, after_number);
    }
    // Plural 들 on a noun of two or more syllables (모델들 → 모델; 아들 stays).
    if (stem.size() >= 3 && stem.back() == U'들') {
        stem.pop_back();
    }
    return stem;
}

} // namespace

bool is_hangul_syllable(char32_t cp) {
    return cp >= first_syllable && cp <= last_syllable;
}

bool is_hangul(char32_t cp) {
    return is_hangul_syllable(cp) || (cp >= 0x1100 && cp <= 0x11FF) ||
           (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0xA960 && cp <= 0xA97F) ||
           (cp >= 0xD7B0 && cp <= 0xD7FF);
}

std::string strip_particles(std::string_view word, bool after_number) {
    const Syllables syllables = decode(word);
    if (syllables.size() < 2 ||
        !std::all_of(syllables.begin(), syllables.end(), is_hangul_syllable)) {
        return std::string(word);
    }
    return encode(strip(syllables, after_number));
}

bool is_particle(std::string_view hangul) {
    const Syllables syllables = decode(hangul);
    return !syllables.empty() && parse_chain(syllables, 0, nullptr, 0, true) != nullptr;
}

bool starts_with_numeral_unit(std::string_view hangul) {
    if (hangul.empty()) {
        return false;
    }
    std::size_t i = 0;
    const char32_t first = utf8::next(hangul, i);
    return is_numeral(first);
}

} // namespace jaryo::korean
