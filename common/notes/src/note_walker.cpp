#include "jaryo/note_walker.hpp"

#include "jaryo/note.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace jaryo {

namespace fs = std::filesystem;

namespace {

bool wanted(const NoteWalkHandlers& handlers, const fs::path& path) {
    return !handlers.wanted || handlers.wanted(path);
}

void report_unreadable(const NoteWalkHandlers& handlers, const fs::path& path,
                       const std::string& reason) {
    if (wanted(handlers, path)) {
        handlers.unreadable(path, reason);
    }
}

bool skipped_directory(const fs::path& path) {
    const std::string name = path.filename().string();
    return (!name.empty() && name[0] == '.') || name == "node_modules";
}

std::vector<fs::path> list(const fs::path& folder, const NoteWalkHandlers& handlers) {
    std::vector<fs::path> children;
    std::error_code error;
    fs::directory_iterator entries(folder, error);
    if (error) {
        report_unreadable(handlers, folder, error.message());
        return children;
    }
    for (const fs::directory_entry& entry : entries) {
        std::error_code type_error;
        if (entry.is_symlink(type_error)) {
            continue;
        }
        if (entry.is_directory(type_error)) {
            if (!skipped_directory(entry.path())) {
                children.push_back(entry.path());
            }
        } else if (is_note_file(entry.path())) {
            children.push_back(entry.path());
        }
    }
    return children;
}

} // namespace

void walk_notes(const fs::path& root, const NoteWalkHandlers& handlers) {
    std::vector<fs::path> pending{root};
    while (!pending.empty()) {
        const fs::path path = std::move(pending.back());
        pending.pop_back();
        struct ::stat info {};
        if (::lstat(path.c_str(), &info) != 0) {
            report_unreadable(handlers, path, std::strerror(errno));
            continue;
        }
        if (!S_ISDIR(info.st_mode)) {
            if (S_ISREG(info.st_mode) && wanted(handlers, path)) {
                handlers.note(path, info);
            }
            continue;
        }
        std::vector<fs::path> children = list(path, handlers);
        // Reverse order on the stack gives a sorted, depth-first walk.
        std::sort(children.rbegin(), children.rend());
        for (fs::path& child : children) {
            pending.push_back(std::move(child));
        }
    }
}

} // namespace jaryo
