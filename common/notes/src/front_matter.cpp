#include "front_matter.hpp"

#include <yaml-cpp/yaml.h>

namespace jaryo {

namespace {

bool is_fence(std::string_view line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
        line.remove_suffix(1);
    }
    return line == "---" || line == "...";
}

// Jekyll accepts a list or a string of words separated by spaces or commas.
void add_words(const YAML::Node& node, std::vector<std::string>& out) {
    if (!node) {
        return; // the key is absent
    }
    if (node.IsSequence()) {
        for (const YAML::Node& item : node) {
            if (item.IsScalar() && !item.Scalar().empty()) {
                out.push_back(item.Scalar());
            }
        }
        return;
    }
    if (!node.IsScalar()) {
        return;
    }
    std::string word;
    for (const char c : node.Scalar() + " ") {
        if (c == ' ' || c == ',' || c == '\t') {
            if (!word.empty()) {
                out.push_back(std::move(word));
            }
            word.clear();
        } else {
            word += c;
        }
    }
}

std::string scalar(const YAML::Node& node) {
    return node && node.IsScalar() ? node.Scalar() : std::string();
}

} // namespace

FrontMatter read_front_matter(std::string_view text) {
    FrontMatter front;
    const std::size_t first_end = text.find('\n');
    if (first_end == std::string_view::npos || text.substr(0, 3) != "---" ||
        !is_fence(text.substr(0, first_end))) {
        return front;
    }
    std::size_t line_start = first_end + 1;
    while (line_start < text.size()) {
        std::size_t line_end = text.find('\n', line_start);
        if (line_end == std::string_view::npos) {
            line_end = text.size();
        }
        if (is_fence(text.substr(line_start, line_end - line_start))) {
            front.body_start = std::min(line_end + 1, text.size());
            break;
        }
        line_start = line_end + 1;
    }
    if (front.body_start == 0) {
        return front; // no closing line: not front matter after all
    }
    const std::string yaml(text.substr(first_end + 1, line_start - first_end - 1));
    try {
        const YAML::Node root = YAML::Load(yaml);
        if (!root.IsMap()) {
            if (!root.IsNull()) {
                front.error = "front matter is not a YAML mapping";
            }
            return front;
        }
        front.title = scalar(root["title"]);
        front.date = scalar(root["date"]);
        if (!front.date.empty()) {
            front.date_line = root["date"].Mark().line + 2; // the block starts on line 2
        }
        add_words(root["tags"], front.tags);
        add_words(root["categories"], front.tags);
        add_words(root["category"], front.tags);
    } catch (const YAML::Exception& error) {
        front.title.clear();
        front.date.clear();
        front.tags.clear();
        front.error = "front matter is not valid YAML (line " +
                      std::to_string(error.mark.line + 2) + ": " + error.msg + ")";
    }
    return front;
}

} // namespace jaryo
