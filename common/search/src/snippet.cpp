#include "jaryo/snippet.hpp"

#include "jaryo/normalizer.hpp"
#include "jaryo/utf8.hpp"

#include <algorithm>
#include <unordered_map>

namespace jaryo {

namespace {

struct Match {
    std::size_t start; // bytes in the source text
    std::size_t end;
    std::size_t start_char; // code points before start, to measure windows in characters
    std::size_t end_char;
    const std::string* stem;
};

// What to look for in folded text to find a stem's words: English stems may end differently
// from their words (happi for happy), so their last letter is left out.
std::string_view probe_of(std::string_view stem) {
    constexpr std::size_t shortest_trimmed = 4;
    if (stem.size() >= shortest_trimmed && static_cast<unsigned char>(stem.back()) < 0x80) {
        stem.remove_suffix(1);
    }
    return stem;
}

// Where the word (between whitespace) around byte `at` starts, and where it ends.
std::size_t start_of_word(std::string_view text, std::size_t at) {
    while (at > 0 && !utf8::is_space(text[at - 1])) {
        --at;
    }
    return at;
}

std::size_t end_of_word(std::string_view text, std::size_t at) {
    while (at < text.size() && !utf8::is_space(text[at])) {
        ++at;
    }
    return at;
}

// Where a stem's word may stand: a byte offset into the text, and which stem.
struct Probe {
    std::size_t at;
    std::size_t stem;
};

// Every place where a stem's word may stand, in order. Normalising is far cheaper than
// segmenting, so only the words found here are analysed.
std::vector<Probe> probes_in(const NormalizedText& folded,
                             const std::unordered_set<std::string>& stems) {
    std::vector<Probe> probes;
    std::size_t stem_index = 0;
    for (const std::string& stem : stems) {
        const std::string_view probe = probe_of(stem);
        for (std::size_t at = folded.text().find(probe); at != std::string::npos;
             at = folded.text().find(probe, at + 1)) {
            probes.push_back({at, stem_index});
        }
        ++stem_index;
    }
    std::sort(probes.begin(), probes.end(),
              [](const Probe& a, const Probe& b) { return a.at < b.at; });
    for (Probe& probe : probes) {
        probe.at = folded.source_offset(probe.at); // cheapest in increasing order
    }
    return probes;
}

// The stretch of at most `span` bytes holding the most distinct stems among `probes` (sorted),
// then the most probes, then the earliest; probes already `taken` do not count.
std::pair<std::size_t, std::size_t> densest_stretch(const std::vector<Probe>& probes,
                                                    const std::vector<bool>& taken,
                                                    std::size_t span, std::size_t stems) {
    std::pair<std::size_t, std::size_t> best{0, 0}; // [first, last) into probes
    std::size_t best_distinct = 0;
    std::size_t best_count = 0;
    std::vector<std::size_t> in_window(stems);
    std::size_t distinct = 0;
    std::size_t count = 0;
    for (std::size_t first = 0, last = 0; last < probes.size(); ++last) {
        if (taken[last]) {
            continue;
        }
        distinct += in_window[probes[last].stem]++ == 0 ? 1 : 0;
        ++count;
        for (; probes[last].at - probes[first].at > span; ++first) {
            if (!taken[first]) {
                distinct -= --in_window[probes[first].stem] == 0 ? 1 : 0;
                --count;
            }
        }
        if (distinct > best_distinct || (distinct == best_distinct && count > best_count)) {
            best = {first, last + 1};
            best_distinct = distinct;
            best_count = count;
        }
    }
    return best;
}

// The probes within `margin` bytes (widened to whitespace) of the few stretches where the most
// distinct stems' words may stand: a long question's words stand all over a long note, and the
// passage can only come from those stretches.
std::vector<Probe> near_densest_stretches(std::string_view text, const std::vector<Probe>& probes,
                                          std::size_t stems, std::size_t margin) {
    constexpr std::size_t stretches = 4;
    std::vector<bool> taken(probes.size());
    std::vector<std::size_t> chosen;
    for (std::size_t stretch = 0; stretch < stretches; ++stretch) {
        const auto [first, last] = densest_stretch(probes, taken, margin, stems);
        if (first == last) {
            break;
        }
        for (std::size_t probe = first; probe < last; ++probe) {
            if (!taken[probe]) {
                taken[probe] = true;
                chosen.push_back(probes[probe].at);
            }
        }
    }
    std::sort(chosen.begin(), chosen.end());
    std::vector<std::pair<std::size_t, std::size_t>> regions;
    for (const std::size_t at : chosen) {
        const std::size_t from = start_of_word(text, at > margin ? at - margin : 0);
        const std::size_t to = end_of_word(text, std::min(text.size(), at + margin));
        if (!regions.empty() && from <= regions.back().second) {
            regions.back().second = std::max(regions.back().second, to);
        } else {
            regions.emplace_back(from, to);
        }
    }
    std::vector<Probe> near;
    auto region = regions.begin();
    for (const Probe& probe : probes) {
        while (region != regions.end() && region->second <= probe.at) {
            ++region;
        }
        if (region != regions.end() && region->first <= probe.at) {
            near.push_back(probe);
        }
    }
    return near;
}

// Matches among the words holding a probe. Tokens never span whitespace and a word is analysed
// the same alone, so those words are analysed joined by spaces, not the whole text, which was
// most of a long question's time (docs/performance-log.md, third round).
std::vector<Match> find_matches(std::string_view text, const std::unordered_set<std::string>& stems,
                                Analyzer& analyzer, std::size_t width) {
    constexpr std::size_t long_text_bytes = 2048;
    std::vector<Probe> probes = probes_in(normalize(text), stems);
    if (text.size() > long_text_bytes) {
        probes = near_densest_stretches(text, probes, stems.size(), 3 * width);
    }
    struct Word {
        std::size_t joined_start;
        std::size_t source_start;
    };
    std::string joined;
    std::vector<Word> words;
    std::size_t word_end = 0;
    for (const Probe& probe : probes) {
        if (probe.at < word_end) {
            continue; // in the word before
        }
        const std::size_t from = start_of_word(text, probe.at);
        word_end = end_of_word(text, probe.at);
        words.push_back({joined.size(), from});
        joined.append(text.substr(from, word_end - from));
        joined += ' ';
    }

    std::vector<Match> matches;
    std::size_t counted_bytes = 0;
    std::size_t counted_chars = 0;
    const auto chars_at = [&](std::size_t byte) {
        counted_chars += utf8::length(text.substr(counted_bytes, byte - counted_bytes));
        counted_bytes = byte;
        return counted_chars;
    };
    bool previous_matched = false;
    auto word = words.begin();
    TokenStream tokens = analyzer.tokens(joined);
    while (const Token* token = tokens.next()) {
        while (std::next(word) != words.end() && std::next(word)->joined_start <= token->start) {
            ++word;
        }
        const std::size_t start = word->source_start + (token->start - word->joined_start);
        const std::size_t end = word->source_start + (token->end - word->joined_start);
        if (token->particle) {
            if (previous_matched && matches.back().end == start) {
                matches.back().end = end; // highlight lm이 whole
                matches.back().end_char = chars_at(end);
            }
            continue;
        }
        const auto found = stems.find(token->stem);
        previous_matched = found != stems.end();
        if (previous_matched) {
            if (!matches.empty() && start < matches.back().end) {
                continue; // a word inside a matched #tag
            }
            const std::size_t start_char = chars_at(start);
            matches.push_back({start, end, start_char, chars_at(end), &*found});
        }
    }
    return matches;
}

struct Window {
    std::size_t first = 0; // indexes into matches, inclusive
    std::size_t last = 0;
};

// Two pointers over the matches: the window of at most `width` characters with the most
// distinct stems, then the most matches, then the earliest.
Window best_window(const std::vector<Match>& matches, std::size_t width) {
    Window best;
    std::size_t best_distinct = 0;
    std::size_t best_count = 0;
    std::unordered_map<const std::string*, std::size_t> in_window;
    std::size_t first = 0;
    for (std::size_t last = 0; last < matches.size(); ++last) {
        ++in_window[matches[last].stem];
        while (matches[last].end_char - matches[first].start_char > width && first < last) {
            if (--in_window[matches[first].stem] == 0) {
                in_window.erase(matches[first].stem);
            }
            ++first;
        }
        const std::size_t count = last - first + 1;
        if (in_window.size() > best_distinct ||
            (in_window.size() == best_distinct && count > best_count)) {
            best = {first, last};
            best_distinct = in_window.size();
            best_count = count;
        }
    }
    return best;
}

// Moves `at` back by up to `chars` code points, not before `floor`.
std::size_t back_chars(std::string_view text, std::size_t at, std::size_t chars,
                       std::size_t floor) {
    while (chars-- > 0 && at > floor) {
        at -= utf8::previous_length(text, at);
    }
    return at;
}

std::size_t forward_chars(std::string_view text, std::size_t at, std::size_t chars) {
    while (chars-- > 0 && at < text.size()) {
        utf8::next(text, at);
    }
    return at;
}

// Collapses runs of whitespace, including the one after a leading "… ".
void append_space_if(bool pending, std::string& out) {
    if (pending && !out.empty() && out.back() != ' ') {
        out += ' ';
    }
}

} // namespace

Snippet make_snippet(std::string_view text, const std::unordered_set<std::string>& stems,
                     Analyzer& analyzer, std::size_t width) {
    const std::vector<Match> matches = find_matches(text, stems, analyzer, width);
    std::size_t from = 0;
    std::size_t to = forward_chars(text, 0, width);
    if (!matches.empty()) {
        const Window window = best_window(matches, width);
        const Match& first = matches[window.first];
        const Match& last = matches[window.last];
        const std::size_t used = last.end_char - first.start_char;
        const std::size_t spare = width > used ? width - used : 0;
        // A little context before the first match, the rest after the last.
        from = back_chars(text, first.start, std::min<std::size_t>(spare / 3, 40), 0);
        to = forward_chars(text, last.end,
                           spare - utf8::length(text.substr(from, first.start - from)));
        // Start and end on word boundaries where one is close, never cutting a match.
        const std::size_t space_after_from = text.find_first_of(" \t\n", from);
        if (from > 0 && space_after_from < first.start) {
            from = space_after_from + 1;
        }
        const std::size_t space_before_to = text.find_last_of(" \t\n", to);
        if (to < text.size() && space_before_to != std::string_view::npos &&
            space_before_to > last.end) {
            to = space_before_to;
        }
    }
    // Every match inside the passage is highlighted, not only those of the best window.
    std::size_t next_match = 0;
    while (next_match < matches.size() && matches[next_match].start < from) {
        ++next_match;
    }

    Snippet snippet;
    if (from > 0) {
        snippet.text += "… ";
    }
    bool pending_space = false;
    for (std::size_t i = from; i < to; ++i) {
        if (next_match < matches.size() && i == matches[next_match].start &&
            matches[next_match].end <= to) {
            append_space_if(pending_space, snippet.text);
            pending_space = false;
            const std::size_t start = snippet.text.size();
            const Match& match = matches[next_match++];
            snippet.text.append(text.substr(match.start, match.end - match.start));
            snippet.highlights.emplace_back(start, snippet.text.size());
            i = match.end - 1;
            continue;
        }
        if (utf8::is_space(text[i])) {
            pending_space = true;
            continue;
        }
        append_space_if(pending_space, snippet.text);
        pending_space = false;
        snippet.text += text[i];
    }
    if (to < text.size()) {
        snippet.text += " …";
    }
    return snippet;
}

} // namespace jaryo
