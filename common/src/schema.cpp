#include "jaryo/schema.hpp"

#include "fnv1a.hpp"
#include "jaryo/arxiv.hpp"
#include "jaryo/normalizer.hpp"
#include "jaryo/utf8.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace jaryo::schema {

namespace {

// Xapian rejects terms over 245 bytes; keep room for the prefix.
constexpr std::size_t max_unique_bytes = 200;
// A gap between title and body positions so that phrases never span the two.
constexpr Xapian::termpos title_body_gap = 100;

// What indexing a note collects besides its terms.
struct Fields {
    std::vector<std::string> tags;
    std::vector<std::string> arxiv;
};

void add_once(std::vector<std::string>& list, const std::string& item) {
    if (std::find(list.begin(), list.end(), item) == list.end()) {
        list.push_back(item);
    }
}

// Ends the JSON in a document's data; the note's text follows as it is, so that loading a hit
// does not lex its whole text as a JSON string. JSON holds no NUL byte (it would be escaped),
// so the first one is this.
constexpr char text_separator = '\0';

// Returns the last position used.
Xapian::termpos index_tokens(Xapian::Document& document, Analyzer& analyzer, std::string_view text,
                             Xapian::termpos last_position, Xapian::termcount weight, bool is_title,
                             Fields& fields) {
    TokenStream tokens = analyzer.tokens(text, last_position);
    while (const Token* token = tokens.next()) {
        last_position = std::max(last_position, token->position);
        if (token->particle) {
            continue;
        }
        if (token->script == Script::Tag) {
            const std::string term = tag_term(token->norm);
            document.add_term(term, weight);
            add_once(fields.tags, term.substr(tag_prefix.size()));
            continue;
        }
        if (token->script == Script::Arxiv) {
            document.add_boolean_term(arxiv_term(token->norm));
            add_once(fields.arxiv, token->norm);
        }
        document.add_posting(stem_term(token->stem), token->position, weight);
        if (has_exact_term(*token)) {
            document.add_term(token->norm, weight);
        }
        if (is_title) {
            document.add_term(title_term(token->stem));
        }
    }
    return last_position;
}

// Front-matter tags read like hashtags: "Machine Learning" is #machine_learning.
std::string as_hashtags(const std::vector<std::string>& tags) {
    std::string text;
    for (const std::string& tag : tags) {
        std::string word;
        for (const char c : tag) {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (!word.empty() && word.back() != '_') {
                    word += '_';
                }
            } else if (c != '#' || !word.empty()) {
                word += c;
            }
        }
        while (!word.empty() && word.back() == '_') {
            word.pop_back();
        }
        if (!word.empty()) {
            text += " #";
            text += word;
        }
    }
    return text;
}

void add_path_terms(Xapian::Document& document, const std::filesystem::path& path) {
    for (const std::filesystem::path& part : path) {
        const std::string name = part.string();
        if (!name.empty() && name != "/") {
            document.add_boolean_term(path_term(name));
        }
    }
}

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

std::string path_term(std::string_view name) {
    return term(path_prefix, normalize(utf8::make_valid(name)).text());
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

bool has_exact_term(const Token& token) {
    return token.norm != token.stem;
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

Xapian::Document build_document(const Note& note, Analyzer& analyzer) {
    Xapian::Document document;
    const std::string path = note.path.string();
    Fields fields;
    const Xapian::termpos title_end =
        index_tokens(document, analyzer, note.title, 0, title_weight, true, fields);
    const Xapian::termpos body_end =
        index_tokens(document, analyzer, note.body, title_end + title_body_gap, 1, false, fields);
    index_tokens(document, analyzer, as_hashtags(note.tags), body_end + title_body_gap, 1, false,
                 fields);
    for (const std::string& link : note.links) {
        if (const auto id = arxiv::id_in_url(link)) {
            document.add_boolean_term(arxiv_term(*id));
            add_once(fields.arxiv, std::string(*id));
        }
    }
    add_path_terms(document, note.path);
    document.add_boolean_term(unique_term(path));
    document.add_value(path_slot, path);
    document.add_value(signature_slot, signature(note.size, note.mtime_ns));
    document.add_value(date_slot, note.date);
    document.add_value(tie_order_slot, tie_order_key(path));
    // In the data, not a value, so that loading a hit reads no value.
    const std::int64_t mtime_seconds = note.mtime_ns / 1'000'000'000;
    const nlohmann::json fields_of_hit = {{"path", path},          {"title", note.title},
                                          {"date", note.date},     {"tags", fields.tags},
                                          {"arxiv", fields.arxiv}, {"mtime", mtime_seconds}};
    std::string data = fields_of_hit.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    data += text_separator;
    data += note.body;
    document.set_data(data);
    return document;
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
