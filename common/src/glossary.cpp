#include "jaryo/glossary.hpp"

#include "fnv1a.hpp"
#include "jaryo/errors.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <unordered_set>

namespace jaryo {

namespace detail {
extern const char* const builtin_glossary; // generated from common/data/glossary.tsv
}

namespace {

// One tab-separated expression of a glossary line, as byte offsets into the whole text.
struct Field {
    std::size_t start;
    std::size_t end;
    std::size_t line;
};

// In a stored form: groups are lines, expressions are separated by tabs (as in the TSV), and an
// expression's text from its stems by this (glossary text has no control characters).
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
            for (std::size_t field = start; field <= end;) {
                std::size_t tab = tsv.find('\t', field);
                tab = tab == std::string_view::npos || tab > end ? end : tab;
                fields.push_back({field, tab, line});
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

Glossary Glossary::load_default(Analyzer& analyzer, std::string_view stored) {
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
    if (glossary.read_stored(stored)) {
        return glossary;
    }
    glossary.add(detail::builtin_glossary, analyzer);
    glossary.add(user_text, analyzer);
    return glossary;
}

std::string Glossary::stored_form() const {
    std::string stored = sources_;
    for (const std::vector<Expression>& group : groups_) {
        stored += '\n';
        for (std::size_t i = 0; i < group.size(); ++i) {
            stored += i == 0 ? "" : "\t";
            stored += group[i].text;
            stored += stems_separator;
            stored += key_of(group[i].stems);
        }
    }
    return stored;
}

bool Glossary::read_stored(std::string_view stored) {
    const std::vector<std::string_view> lines = split(stored, '\n');
    if (sources_.empty() || lines.front() != sources_) {
        return false;
    }
    for (std::size_t line = 1; line < lines.size(); ++line) {
        std::vector<Expression> group;
        for (const std::string_view field : split(lines[line], '\t')) {
            const std::vector<std::string_view> parts = split(field, stems_separator);
            if (parts.size() != 2 || parts[1].empty()) {
                groups_.clear();
                groups_by_key_.clear();
                longest_ = 0;
                return false; // damaged: analyse instead
            }
            Expression expression{std::string(parts[0]), {}};
            for (const std::string_view stem : split(parts[1], ' ')) {
                expression.stems.emplace_back(stem);
            }
            group.push_back(std::move(expression));
        }
        add_group(std::move(group));
    }
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
    // One token stream for the whole text: setting a stream up costs far more than analysing
    // a short expression, and tabs and newlines never fall inside a word.
    const std::vector<Field> fields = fields_of(tsv);
    std::vector<std::vector<std::string>> stems(fields.size());
    std::size_t field = 0;
    TokenStream tokens = analyzer.tokens(tsv);
    while (const Token* token = tokens.next()) {
        while (field < fields.size() && fields[field].end <= token->start) {
            ++field;
        }
        if (field == fields.size()) {
            break;
        }
        if (token->start >= fields[field].start && !token->particle &&
            token->script != Script::Tag) {
            stems[field].push_back(token->stem);
        }
    }
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
        first = next;
        if (group.size() >= 2) {
            add_group(std::move(group));
        }
    }
}

std::vector<const Glossary::Expression*> Glossary::alternatives(const std::string& key) const {
    std::vector<const Expression*> found;
    const auto groups = groups_by_key_.find(key);
    if (groups == groups_by_key_.end()) {
        return found;
    }
    std::unordered_set<std::string> keys{key};
    for (std::size_t index : groups->second) {
        for (const Expression& expression : groups_[index]) {
            if (keys.insert(key_of(expression.stems)).second) {
                found.push_back(&expression);
            }
        }
    }
    return found;
}

} // namespace jaryo
