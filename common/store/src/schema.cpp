#include "jaryo/schema.hpp"

#include "jaryo/fnv1a.hpp"
#include "jaryo/utf8.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace jaryo::schema {

namespace {

// Xapian rejects terms over 245 bytes; keep room for the prefix.
constexpr std::size_t max_unique_bytes = 200;

} // namespace

std::string unique_term(std::string_view path) {
    std::string term(unique_prefix);
    if (path.size() <= max_unique_bytes) {
        term += path;
    } else {
        term += utf8::truncate(path, max_unique_bytes - 17);
        term += fmt::format("#{:016x}", fnv1a(path));
    }
    return term;
}

std::string glossary_entry_key(const std::string& name) {
    if (name.empty()) {
        return glossary_key;
    }
    // Xapian keys are at most 245 bytes; a key this long is no word anyone types, but a user's
    // glossary may hold one.
    return name.size() <= max_unique_bytes
               ? fmt::format("{}{}", glossary_entry_prefix, name)
               : fmt::format("{}#{:016x}", glossary_entry_prefix, fnv1a(name));
}

std::string tie_order_key(std::string_view path) {
    std::uint64_t hash = fnv1a(path);
    std::string key(sizeof hash, '\0');
    for (auto byte = key.rbegin(); byte != key.rend(); ++byte, hash >>= 8) {
        *byte = static_cast<char>(hash & 0xff); // big-endian: bytes compare as the numbers do
    }
    return key;
}

std::string content_key(std::string_view text) {
    return tie_order_key(text); // the same 8-byte hash, of other bytes
}

std::string signature(std::uint64_t size, std::int64_t mtime_ns) {
    return fmt::format("{}:{}", size, mtime_ns);
}

std::string term(std::string_view prefix, std::string_view text) {
    std::string joined;
    joined.reserve(prefix.size() + text.size());
    joined.append(prefix);
    joined.append(text);
    return joined;
}

std::string stem_term(std::string_view stem) {
    return term(stem_prefix, stem);
}

std::string arxiv_term(std::string_view id) {
    return term(arxiv_prefix, id);
}

std::string path_term(std::string_view folded_name) {
    return term(path_prefix, folded_name);
}

std::string gloss_term_prefix(std::string_view key) {
    std::string prefix = term(gloss_prefix, key);
    prefix += '\t';
    return prefix;
}

std::string gloss_term(std::string_view key, std::string_view other) {
    constexpr std::size_t longest_term = 240; // Xapian's limit is 245 bytes
    std::string gloss = gloss_term_prefix(key);
    gloss += other;
    return gloss.size() <= longest_term ? gloss : std::string();
}

std::string title_term(std::string_view stem) {
    return term(title_prefix, stem);
}

std::string tag_term(std::string_view tag) {
    if (!tag.empty() && tag.front() == '#') {
        tag.remove_prefix(1);
    }
    return term(tag_prefix, tag);
}

bool has_exact_term(std::string_view norm, std::string_view stem) {
    return norm != stem;
}

std::string readable_term(std::string_view term) {
    if (term.starts_with(tag_prefix)) {
        std::string tag = "#";
        tag.append(term.substr(tag_prefix.size()));
        return tag;
    }
    for (const std::string_view prefix : {stem_prefix, title_prefix, unique_prefix}) {
        if (term.starts_with(prefix)) {
            return std::string(term.substr(prefix.size()));
        }
    }
    return std::string(term);
}

StoredNote load(const Xapian::Document& document) {
    StoredNote stored;
    std::string all = document.get_data();
    const std::size_t separator = all.find(text_separator);
    const nlohmann::json data =
        nlohmann::json::parse(std::string_view(all).substr(0, separator), nullptr, false);
    if (separator != std::string::npos) {
        all.erase(0, separator + 1); // the text stays where it is read, not copied
        stored.text = std::move(all);
    }
    if (data.is_object()) {
        stored.path = data.value("path", "");
        stored.title = data.value("title", "");
        stored.date = data.value("date", "");
        stored.tags = data.value("tags", std::vector<std::string>());
        stored.arxiv = data.value("arxiv", std::vector<std::string>());
        stored.mtime_seconds = data.value("mtime", std::int64_t{0});
    }
    if (stored.path.empty()) {
        stored.path = document.get_value(path_slot);
    }
    return stored;
}

} // namespace jaryo::schema
