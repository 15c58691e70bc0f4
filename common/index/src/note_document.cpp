#include "jaryo/note_document.hpp"

#include "jaryo/arxiv.hpp"
#include "jaryo/glosses.hpp"
#include "jaryo/normalizer.hpp"
#include "jaryo/schema.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace jaryo {

namespace {

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
            const std::string term = schema::tag_term(token->norm);
            document.add_term(term, weight);
            add_once(fields.tags, term.substr(schema::tag_prefix.size()));
            continue;
        }
        if (token->script == Script::Arxiv) {
            document.add_boolean_term(schema::arxiv_term(token->norm));
            add_once(fields.arxiv, token->norm);
        }
        document.add_posting(schema::stem_term(token->stem), token->position, weight);
        if (schema::has_exact_term(token->norm, token->stem)) {
            document.add_term(token->norm, weight);
        }
        if (is_title) {
            document.add_term(schema::title_term(token->stem));
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
            document.add_boolean_term(schema::path_term(normalized_name(name)));
        }
    }
}

} // namespace

Xapian::Document build_document(const Note& note, Analyzer& analyzer) {
    Xapian::Document document;
    const std::string path = note.path.string();
    Fields fields;
    const Xapian::termpos title_end =
        index_tokens(document, analyzer, note.title, 0, schema::title_weight, true, fields);
    const Xapian::termpos body_end =
        index_tokens(document, analyzer, note.body, title_end + title_body_gap, 1, false, fields);
    index_tokens(document, analyzer, as_hashtags(note.tags), body_end + title_body_gap, 1, false,
                 fields);
    for (const std::string& link : note.links) {
        if (const auto id = arxiv::id_in_url(link)) {
            document.add_boolean_term(schema::arxiv_term(*id));
            add_once(fields.arxiv, std::string(*id));
        }
    }
    for (const auto& [term, gloss] : gloss_candidates(note.body, analyzer)) {
        for (const std::string& both_ways :
             {schema::gloss_term(term, gloss), schema::gloss_term(gloss, term)}) {
            if (!both_ways.empty()) {
                document.add_boolean_term(both_ways);
            }
        }
    }
    add_path_terms(document, note.path);
    document.add_boolean_term(schema::unique_term(path));
    document.add_value(schema::path_slot, path);
    document.add_value(schema::signature_slot, schema::signature(note.size, note.mtime_ns));
    document.add_value(schema::date_slot, note.date);
    document.add_value(schema::tie_order_slot, schema::tie_order_key(path));
    document.add_value(schema::content_slot, schema::content_key(note.body));
    // In the data, not a value, so that loading a hit reads no value.
    const std::int64_t mtime_seconds = note.mtime_ns / 1'000'000'000;
    const nlohmann::json fields_of_hit = {{"path", path},          {"title", note.title},
                                          {"date", note.date},     {"tags", fields.tags},
                                          {"arxiv", fields.arxiv}, {"mtime", mtime_seconds}};
    std::string data = fields_of_hit.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    data += schema::text_separator;
    data += note.body;
    document.set_data(data);
    return document;
}

} // namespace jaryo
