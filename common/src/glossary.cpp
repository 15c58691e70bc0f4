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

std::vector<std::string> stems_of(std::string_view text, Analyzer& analyzer) {
    std::vector<std::string> stems;
    TokenStream tokens = analyzer.tokens(text);
    while (const Token* token = tokens.next()) {
        if (!token->particle && token->script != Script::Tag) {
            stems.push_back(token->stem);
        }
    }
    return stems;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
    std::vector<std::string_view> fields;
    while (!line.empty()) {
        const std::size_t tab = line.find('\t');
        fields.push_back(line.substr(0, tab));
        line = tab == std::string_view::npos ? std::string_view() : line.substr(tab + 1);
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
    std::istringstream lines{std::string(tsv)};
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.empty() || line[0] == '#') {
            continue;
        }
        std::vector<Expression> group;
        for (std::string_view field : split_tabs(line)) {
            std::vector<std::string> stems = stems_of(field, analyzer);
            if (!stems.empty()) {
                group.push_back({std::string(field), std::move(stems)});
            }
        }
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
