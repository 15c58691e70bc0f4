#include "jaryo/glossary.hpp"

#include "jaryo/errors.hpp"
#include "jaryo/fnv1a.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <unordered_set>

namespace jaryo {

namespace detail {
extern const char* const builtin_glossary; // generated from common/analysis/data/*.tsv
}

namespace {

// One tab-separated expression of a glossary line, as byte offsets into the whole text.
struct Field {
    std::size_t start;
    std::size_t end;
    std::size_t line;
    bool veto; // on a line starting with '!'
};

// A stored form: entry "" is "fingerprint<TAB>longest expression<TAB>groups"; a key's entry
// lists its alternatives separated by tabs, each its text and its stems separated by this
// (glossary text has no control characters).
constexpr char stems_separator = '\x1f';

std::string fingerprint(std::string_view text) {
    return fmt::format("jaryo-glossary {:016x}", fnv1a(text));
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const std::size_t end = text.find(separator, start);
        parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos) {
            return parts;
        }
        start = end + 1;
    }
}

// Fields of every line that is neither empty nor a '#' comment.
std::vector<Field> fields_of(std::string_view tsv) {
    std::vector<Field> fields;
    std::size_t line = 0;
    for (std::size_t start = 0; start < tsv.size(); ++line) {
        std::size_t end = tsv.find('\n', start);
        end = end == std::string_view::npos ? tsv.size() : end;
        const std::size_t next = end + 1;
        if (end > start && tsv[end - 1] == '\r') {
            --end;
        }
        if (end > start && tsv[start] != '#') {
            const bool veto = tsv[start] == '!';
            for (std::size_t field = veto ? start + 1 : start; field <= end;) {
                std::size_t tab = tsv.find('\t', field);
                tab = tab == std::string_view::npos || tab > end ? end : tab;
                fields.push_back({field, tab, line, veto});
                field = tab + 1;
            }
        }
        start = next;
    }
    return fields;
}

} // namespace

std::string Glossary::key_of(const std::vector<std::string>& stems) {
    std::string key;
    for (const std::string& stem : stems) {
        if (!key.empty()) {
            key += ' ';
        }
        key += stem;
    }
    return key;
}

std::filesystem::path Glossary::user_file() {
    if (const char* config = std::getenv("XDG_CONFIG_HOME"); config != nullptr && *config != '\0') {
        return std::filesystem::path(config) / "jaryo" / "glossary.tsv";
    }
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
        return std::filesystem::path(home) / ".config" / "jaryo" / "glossary.tsv";
    }
    return {};
}

Glossary Glossary::load_default(Analyzer& analyzer, StoredEntries stored) {
    std::string user_text;
    const std::filesystem::path user = user_file();
    std::error_code missing;
    if (!user.empty() && std::filesystem::exists(user, missing)) {
        std::ifstream in(user, std::ios::binary);
        if (!in) {
            throw InputError("cannot read the glossary " + user.string() +
                             "; fix its permissions or remove it");
        }
        std::ostringstream text;
        text << in.rdbuf();
        user_text = text.str();
    }
    Glossary glossary;
    glossary.sources_ =
        fingerprint(Analyzer::identity() + '\n' + detail::builtin_glossary + '\n' + user_text);
    if (glossary.read_stored(std::move(stored))) {
        // Vetoes also bind what the notes gloss (query side), so they are read even here.
        std::string vetoes;
        for (const std::string_view line : split(user_text, '\n')) {
            if (line.starts_with('!')) {
                vetoes.append(line).push_back('\n');
            }
        }
        if (!vetoes.empty()) {
            glossary.add(vetoes, analyzer);
        }
        return glossary;
    }
    glossary.add(detail::builtin_glossary, analyzer);
    glossary.add(user_text, analyzer);
    return glossary;
}

std::map<std::string, std::string> Glossary::stored_form() const {
    std::map<std::string, std::string> entries;
    entries[""] = fmt::format("{}\t{}\t{}", sources_, longest_, size());
    for (const auto& [key, groups] : groups_by_key_) {
        std::string& entry = entries[key];
        for (const Expression* expression : alternatives(key)) {
            entry += entry.empty() ? "" : "\t";
            entry += expression->text;
            entry += stems_separator;
            entry += key_of(expression->stems);
        }
    }
    return entries;
}

bool Glossary::read_stored(StoredEntries stored) {
    if (!stored || sources_.empty()) {
        return false;
    }
    const std::string header = stored("");
    const std::vector<std::string_view> fields = split(header, '\t');
    if (fields.size() != 3 || fields[0] != sources_) {
        return false;
    }
    stored_ = std::move(stored);
    longest_ = std::strtoul(std::string(fields[1]).c_str(), nullptr, 10);
    stored_groups_ = std::strtoul(std::string(fields[2]).c_str(), nullptr, 10);
    return true;
}

void Glossary::add_group(std::vector<Expression> group) {
    const std::size_t index = groups_.size();
    for (const Expression& expression : group) {
        longest_ = std::max(longest_, expression.stems.size());
        groups_by_key_[key_of(expression.stems)].push_back(index);
    }
    groups_.push_back(std::move(group));
}

void Glossary::add(std::string_view tsv, Analyzer& analyzer) {
    const std::vector<Field> fields = fields_of(tsv);
    TextPieces pieces;
    for (const Field& field : fields) {
        pieces.emplace_back(field.start, field.end);
    }
    std::vector<std::vector<std::string>> stems(fields.size());
    for_each_token_in_pieces(analyzer, tsv, pieces, [&](std::size_t field, const Token& token) {
        if (!token.particle && token.script != Script::Tag) {
            stems[field].push_back(token.stem);
        }
    });
    for (std::size_t first = 0; first < fields.size();) {
        std::vector<Expression> group;
        std::size_t next = first;
        for (; next < fields.size() && fields[next].line == fields[first].line; ++next) {
            if (!stems[next].empty()) {
                const std::string_view text =
                    tsv.substr(fields[next].start, fields[next].end - fields[next].start);
                group.push_back({std::string(text), std::move(stems[next])});
            }
        }
        const bool veto = fields[first].veto;
        first = next;
        if (veto) {
            for (const Expression& a : group) {
                for (const Expression& b : group) {
                    if (&a != &b) {
                        vetoes_.emplace(key_of(a.stems), key_of(b.stems));
                    }
                }
            }
        } else if (group.size() >= 2) {
            add_group(std::move(group));
        }
    }
}

std::vector<const Glossary::Expression*> Glossary::alternatives(const std::string& key) const {
    std::vector<const Expression*> found;
    if (is_stored()) {
        auto [read, added] = looked_up_.try_emplace(key);
        if (added) {
            const std::string entry = stored_(key);
            for (const std::string_view field : split(entry, '\t')) {
                const std::size_t separator = field.find(stems_separator);
                if (separator == std::string_view::npos || separator + 1 == field.size()) {
                    continue; // damaged: not an alternative
                }
                Expression expression{std::string(field.substr(0, separator)), {}};
                for (const std::string_view stem : split(field.substr(separator + 1), ' ')) {
                    expression.stems.emplace_back(stem);
                }
                read->second.push_back(std::move(expression));
            }
        }
        for (const Expression& expression : read->second) {
            if (!vetoed(key, key_of(expression.stems))) {
                found.push_back(&expression);
            }
        }
        return found;
    }
    const auto groups = groups_by_key_.find(key);
    if (groups == groups_by_key_.end()) {
        return found;
    }
    std::unordered_set<std::string> keys{key};
    for (std::size_t index : groups->second) {
        for (const Expression& expression : groups_[index]) {
            const std::string other = key_of(expression.stems);
            if (keys.insert(other).second && !vetoed(key, other)) {
                found.push_back(&expression);
            }
        }
    }
    return found;
}

bool Glossary::vetoed(const std::string& a, const std::string& b) const {
    return !vetoes_.empty() && vetoes_.contains({a, b});
}

} // namespace jaryo
