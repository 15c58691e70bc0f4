#pragma once
// The YAML block between '---' lines at the very top of a note (Jekyll, Hugo, Obsidian).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace jaryo {

struct FrontMatter {
    std::size_t body_start = 0; // 0: the note has no front matter
    std::string title;
    std::string date;              // as written
    int date_line = 0;             // the line of the file it is on, from 1
    std::vector<std::string> tags; // tags, then categories
    std::string error;             // why the block is not valid YAML; the fields are then empty
};

FrontMatter read_front_matter(std::string_view text);

} // namespace jaryo
