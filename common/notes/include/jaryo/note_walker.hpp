#pragma once
// Finds the note files under a root: sorted and depth first, so runs are reproducible; hidden
// folders and node_modules skipped; symlinks never followed (no loops, no escaping the root).
#include <filesystem>
#include <functional>
#include <string>
#include <sys/stat.h>

namespace jaryo {

struct NoteWalkHandlers {
    // A regular file with a note extension (or the root itself, when it is a file).
    std::function<void(const std::filesystem::path&, const struct ::stat&)> note;
    // A path that could not be examined or listed, and why.
    std::function<void(const std::filesystem::path&, const std::string&)> unreadable;
    // The paths to report (a shard's own); empty: all of them.
    std::function<bool(const std::filesystem::path&)> wanted;
};

void walk_notes(const std::filesystem::path& root, const NoteWalkHandlers& handlers);

} // namespace jaryo
