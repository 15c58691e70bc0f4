#include "jaryo/korean.hpp"

#include "jaryo/utf8.hpp"

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
        const std::u32string list =
            U"것수때곳데등점중간편쪽측분번개명년월일시원권장차배"
            U"나너저그이내네누뭐둘셋넷전후초당삶감셈몫칼예골부"
            U"물불땅산강길집방문창벽책글말돈밥술옷몸손발눈코귀입팔목피살뼈힘꿈잠밤낮해달별"
            U"비봄빛꽃풀잎숲새소닭알씨맛값양질량선면층판틀줄끝앞뒤위밑옆안밖속곁틈쪽날적법"
            U"탓덕뜻꼴식격춤짐빚터절탑궁왕신님놈뿐바채척체듯리통턱표키칸축열행쌍답"
            U"차글곡군섬벌금돌흙쇠죄병약즙밭논";
        return std::unordered_set<char32_t>(list.begin(), list.end());
    }();
    return set;
}

// Nouns that end like a particle (회의, 속도, 결과, 스스로). A cut inside one of them is
// refused; a stem that is one is strong evidence that the cut is right (결과를 → 결과).
const std::vector<Syllables>& protected_list() {
    static const std::vector<Syllables> list = {
        // -의 (議, 義, 意, 衣, 醫)
        U"주의",
        U"회의",
        U"정의",
        U"의의",
        U"합의",
        U"동의",
        U"논의",
        U"강의",
        U"협의",
        U"토의",
        U"예의",
        U"결의",
        U"건의",
        U"편의",
        U"창의",
        U"질의",
        U"심의",
        U"호의",
        U"성의",
        U"열의",
        U"임의",
        U"유의",
        U"제의",
        U"모의",
        U"민의",
        U"도의",
        U"이의",
        U"본의",
        U"선의",
        U"악의",
        U"신의",
        U"불의",
        U"쟁의",
        U"고의",
        U"한의",
        // -도 (度, 道, 圖, 島, 都)
        U"정도",
        U"제도",
        U"태도",
        U"속도",
        U"온도",
        U"밀도",
        U"강도",
        U"각도",
        U"빈도",
        U"농도",
        U"한도",
        U"습도",
        U"고도",
        U"심도",
        U"지도",
        U"시도",
        U"의도",
        U"용도",
        U"척도",
        U"진도",
        U"연도",
        U"년도",
        U"주도",
        U"보도",
        U"철도",
        U"인도",
        U"기도",
        U"포도",
        U"반도",
        U"과도",
        U"적도",
        U"전도",
        U"감도",
        U"경도",
        U"위도",
        U"명도",
        U"채도",
        U"점도",
        U"순도",
        U"난도",
        U"매도",
        U"부도",
        U"사도",
        U"신도",
        U"정확도",
        U"유사도",
        U"복잡도",
        U"해상도",
        U"신뢰도",
        U"중요도",
        U"만족도",
        U"기여도",
        U"선호도",
        U"난이도",
        U"민감도",
        U"완성도",
        U"숙련도",
        U"의존도",
        U"집중도",
        U"친밀도",
        U"인지도",
        U"적합도",
        U"일치도",
        U"관련도",
        U"충실도",
        U"희소도",
        U"조밀도",
        U"활성도",
        U"다양도",
        U"유창성도",
        // -가 after a vowel (價, 家, 暇, 加)
        U"추가",
        U"대가",
        U"휴가",
        U"주가",
        U"고가",
        U"저가",
        U"부가",
        U"호가",
        U"무허가",
        U"재가",
        U"화가",
        // -라 and -야, before 라는/라도/란 and 야
        U"나라",
        U"우리나라",
        U"카메라",
        U"드라마",
        U"오페라",
        U"인프라",
        U"키메라",
        U"분야",
        U"시야",
        // -이 after a consonant (derived and native nouns)
        U"어린이",
        U"고양이",
        U"원숭이",
        U"호랑이",
        U"지팡이",
        U"손잡이",
        U"종이",
        U"깊이",
        U"길이",
        U"높이",
        U"넓이",
        U"놀이",
        U"먹이",
        U"귀걸이",
        U"목걸이",
        U"꽃꽂이",
        U"물놀이",
        U"돌멩이",
        U"달팽이",
        U"멍멍이",
        U"막둥이",
        // -과 / -와 / -로 / -나 / -만 / -요
        U"결과",
        U"성과",
        U"학과",
        U"교과",
        U"외과",
        U"내과",
        U"치과",
        U"전과",
        U"스스로",
        U"서로",
        U"바로",
        U"별로",
        U"활주로",
        U"비로소",
        U"홀로",
        U"하나",
        U"바나나",
        U"코로나",
        U"불만",
        U"이승만",
        U"자만",
        U"교만",
        U"오만",
        U"미만",
        U"충만",
        U"비만",
        U"낭만",
        U"정치가",
    };
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
        // -주의 (-ism) and measurement nouns in -도 head many compounds (민주주의, 학습속도);
        // 정도 does not (과정도 is 과정 + 도).
        std::unordered_set<Syllables> endings{U"주의", U"속도", U"온도", U"밀도", U"빈도",
                                              U"각도", U"농도", U"척도", U"습도"};
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
    static const std::unordered_set<Syllables> set = {
        U"하다",     U"한다",   U"합니다",   U"했다",   U"했습니다", U"하고",     U"하는",
        U"하는데",   U"한",     U"할",       U"함",     U"하여",     U"해서",     U"해야",
        U"했던",     U"하던",   U"하면",     U"하며",   U"하지",     U"하지만",   U"하게",
        U"하도록",   U"하기",   U"하려고",   U"하려면", U"하면서",   U"해도",     U"했고",
        U"했으며",   U"했지만", U"해진",     U"해지는", U"해졌다",   U"할수록",   U"하므로",
        U"하니",     U"하자",   U"하여야",   U"하겠다", U"했을",     U"하는지",   U"한지",
        U"할지",     U"해온",   U"해왔다",   U"해본",   U"해보면",   U"해보니",   U"했는데",
        U"한다는",   U"했다는", U"해야한다", U"하였다", U"하였고",   U"되다",     U"된다",
        U"됩니다",   U"되었다", U"됐다",     U"되고",   U"되는",     U"된",       U"될",
        U"됨",       U"되어",   U"돼",       U"되어서", U"돼서",     U"되면",     U"되며",
        U"되지",     U"되지만", U"되게",     U"되도록", U"되기",     U"되던",     U"되었던",
        U"됐던",     U"되므로", U"되니",     U"되어야", U"돼야",     U"되었고",   U"됐고",
        U"되었으며", U"되면서", U"될수록",   U"되는지", U"된다는",   U"되었는데", U"됐는데",
        U"시키다",   U"시킨다", U"시켰다",   U"시키고", U"시키는",   U"시킨",     U"시킬",
        U"시킴",     U"시켜",   U"시켜서",   U"시키면", U"시키며",   U"시키지",   U"시키기",
        U"시키도록", U"시키게", U"시켰던",   U"시키던", U"시켰고",   U"시켜야",
    };
    return set;
}

// Nominalised forms, which take particles like nouns (사용함으로써, 정렬하기를).
const std::vector<Syllables>& nominal_endings() {
    static const std::vector<Syllables> list = {U"함", U"하기", U"됨", U"되기", U"시킴", U"시키기"};
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
