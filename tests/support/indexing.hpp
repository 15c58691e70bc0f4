#pragma once
// A folder of notes indexed through the library, and helpers to search it, for unit tests.
#include "jaryo/database.hpp"
#include "jaryo/glossary.hpp"
#include "jaryo/indexer.hpp"
#include "jaryo/query_parser.hpp"
#include "jaryo/searcher.hpp"

#include "temp_dir.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace jaryo::testing {

class Recorder : public jaryo::IndexObserver {
  public:
    void file_done(const jaryo::IndexStats&, const std::filesystem::path&) override {}
    void skipped(const std::filesystem::path& path, const std::string& reason) override {
        skips.push_back(path.filename().string() + ": " + reason);
    }
    void warning(const std::filesystem::path& path, const std::string& message) override {
        warnings.push_back(path.filename().string() + ": " + message);
    }
    std::vector<std::string> skips;
    std::vector<std::string> warnings;
};

inline jaryo::IndexStats index(const std::filesystem::path& db, const std::filesystem::path& root,
                               Recorder& recorder) {
    return jaryo::update_index(jaryo::open_for_update(db, jaryo::Analyzer::identity()), {root}, {},
                               recorder);
}

inline std::vector<std::string> titles(const std::filesystem::path& db, std::string_view query,
                                       std::string_view glossary_tsv = {}) {
    jaryo::Analyzer analyzer;
    jaryo::Glossary glossary;
    glossary.add(glossary_tsv, analyzer);
    const Xapian::Database database = jaryo::open_for_search(db, jaryo::Analyzer::identity());
    jaryo::Searcher searcher(database, analyzer);
    std::vector<std::string> out;
    for (const jaryo::Hit& hit :
         searcher.search(jaryo::parse_query(query, analyzer, {&database, &glossary}), {})) {
        out.push_back(hit.note.title);
    }
    return out;
}

inline std::vector<std::string> sorted(std::vector<std::string> items) {
    std::sort(items.begin(), items.end());
    return items;
}

// Notes that match nothing, so that query words are rare, as in real notes: in a tiny
// collection BM25 gives words found in most notes almost no weight.
inline void write_unrelated_notes(const jaryo::testing::TempDir& dir) {
    for (int i = 0; i < 8; ++i) {
        dir.write("notes/other" + std::to_string(i) + ".md", "unrelated words about cooking");
    }
}

// Sets a file's mtime explicitly: a rewrite within the same clock tick must still count.
inline void touch_later(const std::filesystem::path& file) {
    std::filesystem::last_write_time(file, std::filesystem::last_write_time(file) +
                                               std::chrono::seconds(5));
}

} // namespace jaryo::testing
