#include "jaryo/glossary.hpp"

#include "jaryo/errors.hpp"

#include <cstdlib>
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

Glossary Glossary::load_default(Analyzer& analyzer) {
    Glossary glossary;
    glossary.add(detail::builtin_glossary, analyzer);
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
        glossary.add(text.str(), analyzer);
    }
    return glossary;
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
        if (group.size() < 2) {
            continue;
        }
        const std::size_t index = groups_.size();
        for (const Expression& expression : group) {
            longest_ = std::max(longest_, expression.stems.size());
            groups_by_key_[key_of(expression.stems)].push_back(index);
        }
        groups_.push_back(std::move(group));
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
