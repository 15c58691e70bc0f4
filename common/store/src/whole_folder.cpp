#include "jaryo/whole_folder.hpp"

#include "jaryo/errors.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <string>
#include <unistd.h>

namespace jaryo {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view work_suffix = ".jaryo-new";

// "notes.jaryo-new-1234" belongs to process 1234; an older jaryo used "notes.jaryo-new" alone.
bool left_by_dead_process(const std::string& name, const std::string& prefix) {
    if (name == prefix) {
        return true;
    }
    if (name.size() <= prefix.size() + 1 || name.compare(0, prefix.size(), prefix) != 0 ||
        name[prefix.size()] != '-') {
        return false;
    }
    const std::string digits = name.substr(prefix.size() + 1);
    if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) {
        return false;
    }
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    return ::kill(pid, 0) != 0 && errno == ESRCH;
}

void remove_leftovers(const fs::path& place) {
    const std::string prefix = place.filename().string() + std::string(work_suffix);
    std::error_code error;
    const fs::path parent = place.has_parent_path() ? place.parent_path() : fs::path(".");
    for (const fs::directory_entry& entry : fs::directory_iterator(parent, error)) {
        if (left_by_dead_process(entry.path().filename().string(), prefix)) {
            fs::remove_all(entry.path(), error);
        }
    }
}

} // namespace

bool create_whole(const fs::path& place, const std::function<void(const fs::path&)>& fill) {
    remove_leftovers(place);
    fs::path work = place;
    work += fmt::format("{}-{}", work_suffix, ::getpid());
    std::error_code error;
    fs::remove_all(work, error);
    fs::create_directories(work, error);
    if (error) {
        throw DatabaseError(fmt::format("cannot create {} to make {} in: {}", work.string(),
                                        place.string(), error.message()));
    }
    try {
        fill(work);
    } catch (...) {
        fs::remove_all(work, error);
        throw;
    }
    // rename() replaces nothing or an empty folder, and fails on a folder with contents.
    if (std::rename(work.c_str(), place.c_str()) == 0) {
        return true;
    }
    const int failure = errno;
    fs::remove_all(work, error);
    if (failure == ENOTEMPTY || failure == EEXIST) {
        return false;
    }
    throw DatabaseError(fmt::format("cannot move the new {} into place: {}", place.string(),
                                    std::strerror(failure)));
}

} // namespace jaryo
